import { Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDownRight, IconArrowUpRight, IconBinaryTree, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { discoveredClusterSchema } from '../../../shared/segment-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { useSegments } from './SegmentsContext';

type Cluster = z.infer<typeof discoveredClusterSchema>;

/** The discovery's features by name (the result gives no unit): how their averages read. */
function featureFormatter(feature: string, currency: string, format: Formatters): (value: number) => string {
  if (feature === 'revenue' || feature === 'avg_order_value') return (v) => format.money(v, currency);
  if (feature.endsWith('_days')) return (v) => format.integer(v);
  if (feature === 'campaign_engagement' || feature.startsWith('category_share_')) return (v) => format.percent(v);
  if (feature === 'review_stars') return (v) => `${format.decimal(v, 1)} ★`;
  return (v) => format.decimal(v, 1);
}

/** Features whose centre is this far from the average (in standard deviations) are what set a cluster apart. */
const DISTINCT_Z = 0.3;
const SHOWN_FEATURES = 5;

/** One discovered group: its name and size, what sets it apart, and its rule (to save or to edit). */
export function ClusterCard({ cluster }: { cluster: Cluster }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { currency, segments, refetchList, openInBuilder, describe, go } = useSegments();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const saved = segments?.find((s) => s.source === 'discovered' && s.name === cluster.name && JSON.stringify(s.rule) === JSON.stringify(cluster.rule));
  const features = [...cluster.centre].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, SHOWN_FEATURES);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const segment = await api.invoke('segments.create', { name: cluster.name, description: cluster.description, rule: cluster.rule, source: 'discovered', static: false });
      refetchList();
      notifications.show({ color: 'teal', title: t('segments.save.createdTitle', { name: segment.name }), message: t('segments.save.savedMessage', { count: segment.count, customers: format.integer(segment.count) }) });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="md" data-testid="cluster-card" data-index={cluster.index} data-size={cluster.size} data-rule-matches={cluster.ruleMatches}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Title order={3} data-testid="cluster-name">
              {cluster.name}
            </Title>
            <Text size="sm" c="dimmed">
              {cluster.description}
            </Text>
          </div>
          <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
            <Text fw={650} className="tabular">
              {format.integer(cluster.size)}
            </Text>
            <Text size="xs" c="dimmed" className="tabular">
              {t('segments.discover.share', { share: format.percent(cluster.share) })}
            </Text>
          </Stack>
        </Group>
        <Progress value={cluster.share * 100} size="sm" aria-label={t('segments.discover.shareAria', { share: format.percent(cluster.share) })} />
        <Table fz="sm" verticalSpacing={3} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('segments.discover.feature')}</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('segments.discover.mean')}</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{t('segments.discover.vsAverage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {features.map((feature) => {
              const distinct = Math.abs(feature.z) >= DISTINCT_Z;
              const up = feature.z > 0;
              return (
                <Table.Tr key={feature.feature}>
                  <Table.Td>{feature.label}</Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {featureFormatter(feature.feature, currency, format)(feature.mean)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} title={t('segments.discover.zHint')}>
                    <Group gap={2} justify="flex-end" wrap="nowrap" c={distinct ? (up ? 'teal' : 'orange') : 'dimmed'}>
                      {up ? <IconArrowUpRight size={14} aria-hidden /> : <IconArrowDownRight size={14} aria-hidden />}
                      <Text span size="sm" fw={distinct ? 600 : 400} className="tabular">
                        {t('segments.discover.z', { z: `${up ? '+' : '−'}${format.decimal(Math.abs(feature.z), 1)}` })}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('segments.discover.rule', { rule: describe(cluster.rule), count: cluster.ruleMatches, customers: format.integer(cluster.ruleMatches) })}
        </Text>
        {error && <ErrorAlert error={error} />}
        <Group gap="xs" justify="flex-end">
          <Button size="compact-sm" variant="default" leftSection={<IconBinaryTree size={14} />} onClick={() => openInBuilder(cluster.rule, { name: cluster.name })} data-testid="cluster-open">
            {t('segments.discover.openInBuilder')}
          </Button>
          {saved ? (
            <Button size="compact-sm" variant="light" color="teal" onClick={() => go({ tab: 'saved', id: saved.id })} data-testid="cluster-saved">
              {t('segments.discover.savedAs')}
            </Button>
          ) : (
            <Button size="compact-sm" leftSection={<IconDeviceFloppy size={14} />} loading={busy} onClick={() => void save()} data-testid="cluster-save">
              {t('segments.discover.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
