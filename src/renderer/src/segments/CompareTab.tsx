import { ActionIcon, Box, Group, List, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentProfile } from '../../../shared/segment-schemas';
import { Chart } from '../charts/Chart';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { IndexValue, metricFormatter, SHARE_KEYS, type ShareKey } from './profile-parts';
import { distributionOption } from './segment-charts';
import { SegmentPicker, useResolvedRef } from './SegmentPicker';
import { useSegments } from './SegmentsContext';
import type { SegmentRefKey } from './segments-route';

/** Two segments side by side: who they are, against each other and against all customers. */
export function CompareTab({ a, b }: { a: SegmentRefKey | null; b: SegmentRefKey | null }) {
  const { t } = useTranslation();
  const { go } = useSegments();
  const left = useResolvedRef(a);
  const right = useResolvedRef(b);
  return (
    <Stack gap="md">
      <Paper p="md">
        <Stack gap="sm">
          <div>
            <Text fw={650}>{t('segments.compare.title')}</Text>
            <Text size="xs" c="dimmed">
              {t('segments.compare.help')}
            </Text>
          </div>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <SegmentPicker label={t('segments.compare.a')} value={a} onChange={(next) => go({ tab: 'compare', a: next, b })} testId="compare-a" w={340} />
            <Tooltip label={t('segments.compare.swap')}>
              <ActionIcon variant="default" size="lg" mb={2} onClick={() => go({ tab: 'compare', a: b, b: a })} aria-label={t('segments.compare.swap')}>
                <IconArrowsExchange size={16} />
              </ActionIcon>
            </Tooltip>
            <SegmentPicker label={t('segments.compare.b')} value={b} onChange={(next) => go({ tab: 'compare', a, b: next })} testId="compare-b" w={340} />
          </Group>
        </Stack>
      </Paper>
      {left && right ? (
        <CompareLoader key={JSON.stringify([left.ref, right.ref])} left={left} right={right} />
      ) : (
        <Text size="sm" c="dimmed" data-testid="compare-choose">
          {t('segments.compare.choose')}
        </Text>
      )}
    </Stack>
  );
}

type Resolved = NonNullable<ReturnType<typeof useResolvedRef>>;

function CompareLoader({ left, right }: { left: Resolved; right: Resolved }) {
  const { t } = useTranslation();
  const compare = useWorkspaceQuery('segments.compare', { a: left.ref, b: right.ref });
  if (compare.error) return <ErrorAlert error={compare.error} title={t('segments.compare.failed')} onRetry={compare.refetch} />;
  if (!compare.data) return <Skeleton h={420} data-testid="compare-loading" />;
  // Two different segments can share a name; the letters keep them apart.
  const names = { a: `A · ${left.name}`, b: `B · ${right.name}` };
  return <CompareView a={compare.data.a} b={compare.data.b} names={names} />;
}

function Summary({ profile, name, testId }: { profile: SegmentProfile; name: string; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper p="md" data-testid={testId} data-count={profile.count}>
      <Text fw={650} truncate="end" title={name}>
        {name}
      </Text>
      <Group gap="lg" mt={6} wrap="wrap">
        <Stack gap={0}>
          <Text fz={24} fw={650} className="tabular">
            {format.integer(profile.count)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('segments.compare.customersShare', { share: format.percent(profile.shareCustomers) })}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text fz={24} fw={650} className="tabular">
            {format.wholeMoney(profile.revenue, profile.currency)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('segments.compare.revenueShare', { share: format.percent(profile.shareRevenue) })}
          </Text>
        </Stack>
      </Group>
      {profile.highlights.length > 0 && (
        <List size="sm" spacing={2} mt="sm">
          {profile.highlights.slice(0, 4).map((h) => (
            <List.Item key={h}>{h}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

function CompareView({ a, b, names }: { a: SegmentProfile; b: SegmentProfile; names: { a: string; b: string } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { catalog } = useSegments();
  const base = t('segments.profile.base');
  const charts = useMemo(
    () =>
      a.distributions.map((d) => {
        const other = b.distributions.find((x) => x.field === d.field);
        return {
          distribution: d,
          option: distributionOption(
            d,
            [
              { name: names.a, shares: d.bins.map((bin) => bin.segment) },
              { name: names.b, shares: d.bins.map((bin) => other?.bins.find((x) => x.label === bin.label)?.segment ?? 0) },
              { name: base, shares: d.bins.map((bin) => bin.base) },
            ],
            format,
          ),
        };
      }),
    [a.distributions, b.distributions, names.a, names.b, base, format],
  );

  return (
    <Stack gap="md" data-testid="segment-compare">
      <SimpleGrid cols={2} spacing="md">
        <Summary profile={a} name={names.a} testId="compare-summary-a" />
        <Summary profile={b} name={names.b} testId="compare-summary-b" />
      </SimpleGrid>
      <Paper p="md" data-testid="compare-metrics">
        <Title order={3} mb="xs">
          {t('segments.compare.metrics')}
        </Title>
        <Table fz="sm" verticalSpacing={5} horizontalSpacing="sm" highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('segments.compare.metric')}</Table.Th>
              <Table.Th ta="right">A</Table.Th>
              <Table.Th ta="right">{t('segments.compare.indexOf', { which: 'A' })}</Table.Th>
              <Table.Th ta="right">B</Table.Th>
              <Table.Th ta="right">{t('segments.compare.indexOf', { which: 'B' })}</Table.Th>
              <Table.Th ta="right">{base}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.metrics.filter((metric) => metric.segment !== null || metric.base !== null).map((metric) => {
              const other = b.metrics.find((m) => m.field === metric.field);
              const show = metricFormatter(metric.field, catalog, a.currency, format);
              const value = (v: number | null | undefined): string => (v === null || v === undefined ? t('common.none') : show(v));
              return (
                <Table.Tr key={metric.field} data-testid="compare-metric" data-field={metric.field}>
                  <Table.Td>{metric.label}</Table.Td>
                  <Table.Td ta="right" className="tabular" fw={600}>
                    {value(metric.segment)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <IndexValue index={metric.index} />
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" fw={600}>
                    {value(other?.segment)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <IndexValue index={other?.index ?? null} />
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" c="dimmed">
                    {value(metric.base)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      {charts.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {charts.map(({ distribution, option }) => (
            <Paper p="sm" key={distribution.field} data-testid="compare-distribution">
              <Title order={4} mb={4}>
                {distribution.label}
              </Title>
              <Chart option={option} height={210} label={t('segments.compare.distributionAria', { label: distribution.label })} />
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {SHARE_KEYS.map((key) => (
          <CompareShares key={key} kind={key} a={a[key]} b={b[key]} format={format} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

const TOP_ROWS = 8;

/** One kind of share (categories, countries…) for both segments: the values that matter in either. */
function CompareShares({ kind, a, b, format }: { kind: ShareKey; a: SegmentProfile['categories']; b: SegmentProfile['categories']; format: Formatters }) {
  const { t } = useTranslation();
  const names = [...new Set([...a, ...b].sort((x, y) => y.segment - x.segment).map((row) => row.name))].slice(0, TOP_ROWS);
  return (
    <Paper p="sm" data-testid={`compare-share-${kind}`}>
      <Title order={4} mb={4}>
        {t(`segments.profile.shares.${kind}`)}
      </Title>
      {names.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('segments.profile.noShares')}
        </Text>
      ) : (
        <Table fz="sm" verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('segments.profile.columns.name')}</Table.Th>
              <Table.Th ta="right">A</Table.Th>
              <Table.Th ta="right">{t('segments.profile.columns.index')}</Table.Th>
              <Table.Th ta="right">B</Table.Th>
              <Table.Th ta="right">{t('segments.profile.columns.index')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {names.map((name) => {
              const ra = a.find((r) => r.name === name);
              const rb = b.find((r) => r.name === name);
              return (
                <Table.Tr key={name}>
                  <Table.Td maw={160}>
                    <Box>
                      <Text size="sm" truncate="end" title={name}>
                        {name}
                      </Text>
                    </Box>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {ra ? format.percent(ra.segment) : t('common.none')}
                  </Table.Td>
                  <Table.Td ta="right">
                    <IndexValue index={ra?.index ?? null} />
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {rb ? format.percent(rb.segment) : t('common.none')}
                  </Table.Td>
                  <Table.Td ta="right">
                    <IndexValue index={rb?.index ?? null} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
