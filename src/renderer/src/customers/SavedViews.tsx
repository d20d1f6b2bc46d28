import { ActionIcon, Button, Divider, Group, Modal, Popover, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CustomerColumn, CustomerView, SavedView } from '../../../shared/customer-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import classes from './SavedViews.module.css';

type Props = {
  columns: readonly CustomerColumn[];
  view: CustomerView;
  onApply: (view: SavedView) => void;
};

/** Saved views: columns, sort, filters and search under a name; apply one, save the current one, delete. */
export function SavedViews({ columns, view, onApply }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useWorkspaceQuery('views.list', {});
  const [opened, setOpened] = useState(false);
  const [saving, setSaving] = useState(false);
  const views = list.data?.views ?? [];
  // The view the grid shows right now, if it is a saved one (any change to it and it no longer is).
  const current = views.find((saved) => sameView(saved, columns, view))?.name ?? null;

  const remove = async (name: string): Promise<void> => {
    try {
      await api.invoke('views.delete', { name });
      notifications.show({ color: 'teal', message: t('explorer.views.deleted', { name }) });
      list.refetch();
    } catch (reason) {
      const error = toApiError(reason);
      notifications.show({ color: 'red', title: t('explorer.views.deleteFailed'), message: t('errors.withCode', { message: error.message, code: error.code }) });
    }
  };

  return (
    <>
      <Popover opened={opened} onChange={setOpened} width={300} position="bottom-end" trapFocus returnFocus>
        <Popover.Target>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconBookmark size={16} />}
            onClick={() => setOpened((o) => !o)}
            data-testid="explorer-views"
          >
            {current ? t('explorer.views.showing', { name: current }) : t('explorer.views.button')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown p="xs" data-testid="explorer-views-dropdown">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" px={6} pb={4} style={{ letterSpacing: '0.04em' }}>
            {t('explorer.views.title')}
          </Text>
          {views.length === 0 && (
            <Text size="sm" c="dimmed" px={6} py={4}>
              {t('explorer.views.empty')}
            </Text>
          )}
          <Stack gap={2}>
            {views.map((saved) => (
              <Group key={saved.name} gap={4} wrap="nowrap" className={classes.row} data-active={saved.name === current || undefined}>
                <UnstyledButton
                  className={classes.apply}
                  onClick={() => {
                    onApply(saved);
                    setOpened(false);
                  }}
                  data-testid="explorer-view"
                  data-name={saved.name}
                >
                  <Text size="sm" fw={500} truncate="end">
                    {saved.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {describeView(saved.view, saved.columns.length, t)}
                  </Text>
                </UnstyledButton>
                <Tooltip label={t('explorer.views.delete')}>
                  <ActionIcon variant="subtle" color="red" aria-label={t('explorer.views.deleteNamed', { name: saved.name })} onClick={() => void remove(saved.name)}>
                    <IconTrash size={15} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ))}
          </Stack>
          <Divider my={6} />
          <Button
            fullWidth
            variant="subtle"
            justify="flex-start"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={() => {
              setOpened(false);
              setSaving(true);
            }}
            data-testid="explorer-view-save"
          >
            {t('explorer.views.saveCurrent')}
          </Button>
        </Popover.Dropdown>
      </Popover>
      <SaveViewModal
        opened={saving}
        onClose={() => setSaving(false)}
        columns={columns}
        view={view}
        initialName={current ?? ''}
        existing={views.map((v) => v.name)}
        onSaved={() => list.refetch()}
      />
    </>
  );
}

type SaveProps = {
  opened: boolean;
  onClose: () => void;
  columns: readonly CustomerColumn[];
  view: CustomerView;
  initialName: string;
  existing: string[];
  onSaved: (name: string) => void;
};

function SaveViewModal({ opened, onClose, columns, view, initialName, existing, onSaved }: SaveProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(initialName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setName(initialName);
      setError(undefined);
    }
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('views.save', { name: trimmed, columns: [...columns], view });
      notifications.show({ color: 'teal', message: t('explorer.views.saved', { name: trimmed }) });
      onSaved(trimmed);
      onClose();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title={t('explorer.views.saveTitle')}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('explorer.views.saveExplain', { what: describeView(view, columns.length, t) })}
          </Text>
          <TextInput
            label={t('explorer.views.name')}
            placeholder={t('explorer.views.namePlaceholder')}
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.currentTarget.value)}
            description={existing.includes(name.trim()) ? t('explorer.views.replaces') : undefined}
            data-autofocus
            required
            data-testid="explorer-view-name"
          />
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="explorer-view-save-confirm">
              {t('explorer.views.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "11 columns · sorted by Revenue · 2 filters · search “anna”". */
function describeView(view: CustomerView, columnCount: number, t: TFunction): string {
  const parts: string[] = [t('explorer.views.columns', { count: columnCount })];
  const first = view.sort[0];
  if (first) parts.push(t('explorer.views.sortedBy', { column: t(`explorer.columns.${first.field}`) }));
  if (view.filters.length > 0) parts.push(t('explorer.views.filters', { count: view.filters.length }));
  if (view.quickSearch) parts.push(t('explorer.views.search', { text: view.quickSearch }));
  return parts.join(' · ');
}

function sameView(saved: SavedView, columns: readonly CustomerColumn[], view: CustomerView): boolean {
  const set = (list: readonly string[]): string => [...list].sort().join(',');
  return (
    set(saved.columns) === set(columns) &&
    saved.view.quickSearch === view.quickSearch &&
    JSON.stringify(saved.view.sort) === JSON.stringify(view.sort) &&
    JSON.stringify(saved.view.filters) === JSON.stringify(view.filters)
  );
}
