import { Box, Button, Group, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBinaryTree, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rfmSegmentIds, type RfmSegment } from '../../../shared/analytics-schemas';
import type { SegmentRule } from '../../../shared/segment-schemas';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useFormat } from '../format/useFormat';
import { segmentStyle } from '../insights/segment-colors';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { useSegments } from './SegmentsContext';

export const rfmRule = (name: string): SegmentRule => ({ field: 'rfmSegment', op: '=', value: name });

const plain = (text: string): string => text.toLowerCase().replace(/[’']/g, "'").trim();

/** The insights' segment a value names ("Champions", "champions"), for its colour and advice. */
function useRfmSlug(): (name: string) => RfmSegment | undefined {
  const { t } = useTranslation();
  return (name) => rfmSegmentIds.find((slug) => plain(slug) === plain(name) || plain(t(`insights.rfm.segments.${slug}.name`)) === plain(name));
}

/** The RFM segments as ready-made audiences: one click saves one, or loads it into the builder. */
export function RfmReadyMade() {
  const { t } = useTranslation();
  const { catalog } = useSegments();
  const slugOf = useRfmSlug();
  const names = catalog.options?.rfmSegments;
  return (
    <Paper p="md" data-testid="rfm-ready-made">
      <Title order={2}>{t('segments.rfm.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('segments.rfm.help')}
      </Text>
      {!names && <Skeleton h={160} />}
      {names?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('segments.rfm.none')}
        </Text>
      )}
      {names && names.length > 0 && (
        <Table fz="sm" verticalSpacing={5} horizontalSpacing="sm" highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('segments.rfm.segment')}</Table.Th>
              <Table.Th ta="right">{t('segments.rfm.customers')}</Table.Th>
              <Table.Th ta="right">{t('segments.rfm.revenueShare')}</Table.Th>
              <Table.Th w={260} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {names.map((name) => (
              <RfmRow key={name} name={name} slug={slugOf(name)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function RfmRow({ name, slug }: { name: string; slug: RfmSegment | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { segments, refetchList, openInBuilder, go } = useSegments();
  const rule = rfmRule(name);
  const count = useWorkspaceQuery('segments.count', { rule });
  const [busy, setBusy] = useState(false);
  const saved = segments?.find((s) => s.source === 'rfm' && JSON.stringify(s.rule) === JSON.stringify(rule));

  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      const segment = await api.invoke('segments.create', { name, rule, source: 'rfm', static: false, ...(slug ? { description: t(`insights.rfm.segments.${slug}.hint`) } : {}) });
      refetchList();
      notifications.show({ color: 'teal', title: t('segments.save.createdTitle', { name: segment.name }), message: t('segments.save.savedMessage', { count: segment.count, customers: format.integer(segment.count) }) });
    } catch (reason) {
      const error = toApiError(reason);
      notifications.show({ color: 'red', title: t('segments.rfm.saveFailed', { name }), message: t('errors.withCode', { message: error.message, code: error.code }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Table.Tr data-testid="rfm-ready-row" data-name={name}>
      <Table.Td>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Box w={12} h={12} mt={4} style={{ borderRadius: 3, flex: 'none', background: slug ? segmentStyle(slug).color : 'var(--mantine-color-gray-5)' }} aria-hidden />
          <div>
            <Text size="sm" fw={600}>
              {name}
            </Text>
            {slug && (
              <Text size="xs" c="dimmed">
                {t(`insights.rfm.segments.${slug}.hint`)}
              </Text>
            )}
          </div>
        </Group>
      </Table.Td>
      <Table.Td ta="right" className="tabular">
        {count.data ? format.integer(count.data.count) : '…'}
      </Table.Td>
      <Table.Td ta="right" className="tabular">
        {count.data ? format.percent(count.data.shareRevenue) : '…'}
      </Table.Td>
      <Table.Td>
        <Group gap={6} justify="flex-end" wrap="nowrap">
          <Button size="compact-xs" variant="default" leftSection={<IconBinaryTree size={12} />} onClick={() => openInBuilder(rule, { name })} data-testid="rfm-open">
            {t('segments.rfm.open')}
          </Button>
          {saved ? (
            <Button size="compact-xs" variant="light" color="teal" onClick={() => go({ tab: 'saved', id: saved.id })} data-testid="rfm-saved">
              {t('segments.rfm.saved')}
            </Button>
          ) : (
            <Button size="compact-xs" leftSection={<IconDeviceFloppy size={12} />} loading={busy} onClick={() => void save()} data-testid="rfm-save">
              {t('segments.rfm.save')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
