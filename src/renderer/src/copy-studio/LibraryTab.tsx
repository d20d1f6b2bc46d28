import { Badge, Button, Group, Paper, Select, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBooks, IconDownload, IconPencil, IconStarFilled } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyChannels, type CopyChannel, type LibraryItem } from '../../../shared/copy-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { fromBrief } from './brief-model';
import { useCopyStudio } from './CopyStudioContext';
import { downloadText } from './copy-text';
import { HistoryDrawer } from './HistoryDrawer';
import { useFieldText } from './labels';
import { LibraryDetail } from './LibraryDetail';
import { LibraryEditModal } from './LibraryEditModal';
import { LibraryGrid, type LibraryActions } from './LibraryGrid';

type Filter = { campaign: string | null; starred: boolean; channel: CopyChannel | null };

/** Saved copy by campaign: star, edit (every edit kept), reuse a brief, copy, delete, export. */
export function LibraryTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const { setDraft, go, libraryChanged, generation } = useCopyStudio();
  const { asText } = useFieldText();
  const list = useWorkspaceQuery('copy.libraryList', {});
  const [filter, setFilter] = useState<Filter>({ campaign: null, starred: false, channel: null });
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<LibraryItem | null>(null);
  const [history, setHistory] = useState<LibraryItem | null>(null);
  const [deleting, setDeleting] = useState<LibraryItem | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError>();
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);

  const items = list.data?.items;
  const campaigns = list.data?.campaigns ?? [];
  const shown = useMemo(
    () =>
      (items ?? [])
        .filter((item) => (filter.campaign === null || item.campaign === filter.campaign) && (!filter.starred || item.starred) && (filter.channel === null || item.channel === filter.channel))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [items, filter],
  );
  const selected = shown.find((item) => item.id === selectedId) ?? shown[0];

  const changed = (): void => {
    list.refetch();
    libraryChanged();
  };
  const fail = (title: string, reason: unknown): void => {
    const error = toApiError(reason);
    notifications.show({ color: 'red', title, message: t('errors.withCode', { message: error.message, code: error.code }) });
  };

  const actions: LibraryActions = {
    star: (item) => {
      api.invoke('copy.libraryUpdate', { id: item.id, starred: !item.starred }).then(changed, (reason: unknown) => fail(t('copy.library.updateFailed'), reason));
    },
    edit: setEditing,
    history: setHistory,
    reuse: (item) => {
      generation.resetErrors();
      setDraft((d) => fromBrief(item.brief, d));
      go('write');
      notifications.show({ color: 'teal', message: t('copy.library.reused', { campaign: item.campaign }) });
    },
    copy: (item) => {
      navigator.clipboard.writeText(asText(item.fields)).then(
        () => notifications.show({ color: 'teal', message: t('copy.library.copied') }),
        (reason: unknown) => fail(t('copy.library.copyFailed'), reason),
      );
    },
    remove: (item) => {
      setDeleteError(undefined);
      setDeleting(item);
    },
    select: (item) => setSelectedId(item.id),
  };

  const exportAs = async (formatName: 'csv' | 'json'): Promise<void> => {
    setExporting(formatName);
    try {
      const file = await api.invoke('copy.libraryExport', {
        format: formatName,
        ...(filter.campaign !== null ? { campaign: filter.campaign } : {}),
        ...(filter.starred ? { starred: true } : {}),
        ...(filter.channel !== null ? { ids: shown.map((item) => item.id) } : {}),
      });
      downloadText(file.fileName, file.mimeType, file.content);
      notifications.show({ color: 'teal', message: t('copy.library.exported', { count: file.items, file: file.fileName }) });
    } catch (reason) {
      fail(t('copy.library.exportFailed'), reason);
    } finally {
      setExporting(null);
    }
  };

  const confirmDelete = async (): Promise<void> => {
    if (!deleting) return;
    setDeleteBusy(true);
    try {
      await api.invoke('copy.libraryDelete', { id: deleting.id });
      notifications.show({ color: 'teal', message: t('copy.library.deleted') });
      setDeleting(null);
      changed();
    } catch (reason) {
      setDeleteError(toApiError(reason));
    } finally {
      setDeleteBusy(false);
    }
  };

  if (list.error) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  if (!items) return <Skeleton h={360} />;
  if (items.length === 0) {
    return (
      <EmptyState icon={IconBooks} title={t('copy.library.emptyTitle')} text={t('copy.library.emptyText')} testId="copy-library-empty">
        <Button leftSection={<IconPencil size={16} />} onClick={() => go('write')}>
          {t('copy.library.emptyWrite')}
        </Button>
      </EmptyState>
    );
  }

  return (
    <Stack gap="md" data-testid="copy-library">
      <Paper p="md">
        <Group justify="space-between" align="flex-end" gap="sm" mb="sm">
          <div>
            <Title order={2}>{filter.campaign ?? t('copy.library.allCampaigns')}</Title>
            <Text size="xs" c="dimmed">
              {t('copy.library.help')}
            </Text>
          </div>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              loading={exporting === 'csv'}
              disabled={shown.length === 0}
              onClick={() => void exportAs('csv')}
              data-testid="copy-export-csv"
            >
              {t('copy.library.exportCsv')}
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              loading={exporting === 'json'}
              disabled={shown.length === 0}
              onClick={() => void exportAs('json')}
              data-testid="copy-export-json"
            >
              {t('copy.library.exportJson')}
            </Button>
          </Group>
        </Group>
        <Group gap={6} mb="sm" role="radiogroup" aria-label={t('copy.library.campaigns')} data-testid="copy-library-campaigns">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mr={4} style={{ letterSpacing: '0.04em' }}>
            {t('copy.library.campaigns')}
          </Text>
          <CampaignChip
            label={t('copy.library.allCampaigns')}
            count={format.integer(items.length)}
            checked={filter.campaign === null}
            onClick={() => setFilter((f) => ({ ...f, campaign: null }))}
            testId="copy-campaign-all"
          />
          {campaigns.map((c) => (
            <CampaignChip
              key={c.name}
              label={c.name}
              count={format.integer(c.items)}
              starred={c.starred}
              checked={filter.campaign === c.name}
              onClick={() => setFilter((f) => ({ ...f, campaign: c.name }))}
              testId="copy-campaign"
              campaign={c.name}
            />
          ))}
        </Group>
        <Group gap="md" mb="sm">
          <Switch
            label={t('copy.library.starredOnly')}
            checked={filter.starred}
            onChange={(e) => {
              const starred = e.currentTarget.checked;
              setFilter((f) => ({ ...f, starred }));
            }}
            thumbIcon={filter.starred ? <IconStarFilled size={10} /> : undefined}
            data-testid="copy-library-starred"
          />
          <Select
            size="xs"
            w={170}
            aria-label={t('copy.library.channel')}
            placeholder={t('copy.library.anyChannel')}
            clearable
            data={copyChannels.map((c) => ({ value: c, label: t(`copy.channels.${c}`) }))}
            value={filter.channel}
            onChange={(value) => setFilter((f) => ({ ...f, channel: copyChannels.find((c) => c === value) ?? null }))}
            data-testid="copy-library-channel"
          />
          <Text size="xs" c="dimmed" ml="auto" className="tabular" data-testid="copy-library-shown" data-count={shown.length}>
            {t('copy.library.shown', { count: shown.length, formatted: format.integer(shown.length) })}
          </Text>
        </Group>
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg" data-testid="copy-library-none">
            {t('copy.library.noneMatch')}
          </Text>
        ) : (
          <LibraryGrid items={shown} selectedId={selected?.id ?? null} actions={actions} />
        )}
      </Paper>
      {selected && <LibraryDetail key={selected.id} item={selected} actions={actions} />}
      {editing && (
        <LibraryEditModal
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
      {history && <HistoryDrawer item={history} onClose={() => setHistory(null)} onRestored={changed} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('copy.library.deleteTitle')}
        confirmLabel={t('copy.library.deleteConfirm')}
        danger
        busy={deleteBusy}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onClose={() => setDeleting(null)}
        testId="copy-delete-dialog"
      >
        <Text size="sm">{t('copy.library.deleteText', { campaign: deleting?.campaign ?? '' })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}

type ChipProps = { label: string; count: string; starred?: number; checked: boolean; onClick: () => void; testId: string; campaign?: string };

/** One campaign of the library with how many items it holds (and how many are starred). */
function CampaignChip({ label, count, starred = 0, checked, onClick, testId, campaign }: ChipProps) {
  const { t } = useTranslation();
  return (
    <Button
      aria-label={t('copy.library.campaignAria', { name: label, items: count, starred: String(starred) })}
      size="compact-sm"
      radius="xl"
      variant={checked ? 'light' : 'default'}
      role="radio"
      aria-checked={checked}
      onClick={onClick}
      rightSection={
        <Group gap={4} wrap="nowrap">
          {starred > 0 && (
            <Group gap={1} wrap="nowrap" c="yellow.7">
              <IconStarFilled size={11} />
              <Text span size="xs" className="tabular">
                {starred}
              </Text>
            </Group>
          )}
          <Badge size="sm" variant={checked ? 'filled' : 'light'} color={checked ? undefined : 'gray'} className="tabular">
            {count}
          </Badge>
        </Group>
      }
      data-testid={testId}
      data-campaign={campaign}
    >
      {label}
    </Button>
  );
}
