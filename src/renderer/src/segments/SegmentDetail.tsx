import { Badge, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsDiff, IconChartBar, IconEdit, IconFileExport, IconSpeakerphone, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../shared/segment-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { Chart } from '../charts/Chart';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { sizeHistoryOption } from './segment-charts';
import { KIND_COLOURS, SOURCE_COLOURS } from './segment-colours';
import { SegmentExportDialog } from './SegmentExportDialog';
import { useSegments } from './SegmentsContext';
import { audienceHash } from './segments-route';

/** One saved segment: what it is, how its size moved, and what to do with it (edit, profile, export, use). */
export function SegmentDetail({ segment }: { segment: Segment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { openInBuilder, go, describe } = useSegments();
  const detail = useWorkspaceQuery('segments.get', { id: segment.id });
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const history = detail.data?.sizeHistory;
  const option = useMemo(() => (history ? sizeHistoryOption(history, format, t) : null), [history, format, t]);
  const current = detail.data ?? segment;

  const edit = (): void => openInBuilder(current.rule, { editing: { id: current.id, name: current.name, kind: current.kind } });

  return (
    <Paper p="md" data-testid="segment-detail" data-id={segment.id} data-count={current.count}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4} miw={0} style={{ flex: 1 }}>
            <Group gap="xs">
              <Title order={2} data-testid="segment-detail-name">
                {current.name}
              </Title>
              <Badge variant="light" color={KIND_COLOURS[current.kind]}>
                {t(`segments.kinds.${current.kind}`)}
              </Badge>
              <Badge variant="dot" color={SOURCE_COLOURS[current.source]}>
                {t(`segments.sources.${current.source}`)}
              </Badge>
            </Group>
            {current.description && (
              <Text size="sm" c="dimmed">
                {current.description}
              </Text>
            )}
            <Text size="sm" data-testid="segment-detail-rule">
              {describe(current.rule)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(current.kind === 'static' ? 'segments.detail.staticNote' : 'segments.detail.dynamicNote')} ·{' '}
              {t('segments.detail.dates', { created: format.dateTime(current.createdAt), updated: format.dateTime(current.updatedAt) })}
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text fz={28} fw={650} className="tabular" data-testid="segment-detail-count">
              {format.integer(current.count)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('segments.detail.customers', { count: current.count })}
            </Text>
          </Stack>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Button size="sm" leftSection={<IconEdit size={16} />} onClick={edit} data-testid="segment-edit">
            {t('segments.detail.edit')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconChartBar size={16} />} onClick={() => go({ tab: 'profile', ref: current.id })} data-testid="segment-profile">
            {t('segments.detail.profile')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconArrowsDiff size={16} />} onClick={() => go({ tab: 'compare', a: current.id, b: null })} data-testid="segment-compare">
            {t('segments.detail.compare')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconFileExport size={16} />} onClick={() => setExporting(true)} data-testid="segment-export">
            {t('segments.detail.export')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconSpeakerphone size={16} />} onClick={() => (window.location.hash = audienceHash(current.id))} data-testid="segment-use-campaign">
            {t('segments.detail.useInCampaign')}
          </Button>
          <Button size="sm" variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)} ml="auto" data-testid="segment-delete">
            {t('segments.detail.delete')}
          </Button>
        </Group>
        <Grid gap="md">
          <Grid.Col span={12}>
            <Title order={3} mb={2}>
              {t('segments.detail.historyTitle')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('segments.detail.historyHelp')}
            </Text>
            {detail.error && <ErrorAlert error={detail.error} onRetry={detail.refetch} />}
            {!detail.data && !detail.error && <Skeleton h={200} />}
            {history && history.length < 2 && (
              <Text size="sm" c="dimmed" data-testid="segment-history-short">
                {t('segments.detail.historyShort', { count: current.count, customers: format.integer(current.count), date: format.dateTime(history[0]?.at ?? current.createdAt) })}
              </Text>
            )}
            {option && history && history.length >= 2 && <Chart option={option} height={200} label={t('segments.detail.historyAria', { name: current.name })} testId="segment-history" />}
          </Grid.Col>
        </Grid>
      </Stack>
      <SegmentExportDialog opened={exporting} onClose={() => setExporting(false)} segment={current} />
      <DeleteDialog segment={deleting ? current : undefined} onClose={() => setDeleting(false)} />
    </Paper>
  );
}

function DeleteDialog({ segment, onClose }: { segment: Segment | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { refetchList, go, editing, setEditing } = useSegments();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const confirm = async (): Promise<void> => {
    if (!segment) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('segments.delete', { id: segment.id });
      if (editing?.id === segment.id) setEditing(null);
      notifications.show({ color: 'gray', title: t('segments.delete.doneTitle', { name: segment.name }), message: t('segments.delete.doneText') });
      refetchList();
      onClose();
      go({ tab: 'saved', id: null });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      opened={segment !== undefined}
      title={t('segments.delete.title', { name: segment?.name ?? '' })}
      confirmLabel={t('segments.delete.confirm')}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={() => {
        setError(undefined);
        onClose();
      }}
      testId="segment-delete-dialog"
    >
      <Text size="sm">{t('segments.delete.text', { name: segment?.name ?? '' })}</Text>
    </ConfirmDialog>
  );
}
