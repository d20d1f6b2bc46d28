import { Group, MultiSelect, Paper, SegmentedControl, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rfmSegmentIds } from '../../../../shared/analytics-schemas';
import type { CampaignSummary } from '../../../../shared/campaign-schemas';
import type { ChannelOutput } from '../../../../shared/contract';
import { Chart } from '../../charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { ChannelLabel } from '../CampaignBadges';
import { compareOption } from '../campaign-charts';
import { MAX_COMPARED } from '../campaigns-route';

type Props = { campaigns: CampaignSummary[]; ids: number[]; onChange: (ids: number[]) => void; currency: string };
type CompareRow = ChannelOutput<'campaigns.compare'>['campaigns'][number];
type Metric = 'conversionRate' | 'revenuePerRecipient';

/** An RFM segment's name when it is one the app knows; anything else as written. */
export function segmentName(t: TFunction, segment: string): string {
  const known = rfmSegmentIds.find((id) => id === segment);
  return known ? t(`insights.rfm.segments.${known}.name`) : segment;
}

/** Two to eight campaigns side by side: their rates and revenue per recipient, overall and by RFM segment. */
export function CompareTab({ campaigns, ids, onChange, currency }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const options = campaigns.map((c) => ({ value: String(c.id), label: `${c.name} · ${format.date(c.sendDate)}` }));
  return (
    <Stack gap="md">
      <Paper p="md">
        <Text fw={650}>{t('campaigns.compare.title')}</Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t('campaigns.compare.help', { max: String(MAX_COMPARED) })}
        </Text>
        <MultiSelect
          data={options}
          value={ids.map(String)}
          onChange={(values) => onChange(values.map(Number))}
          maxValues={MAX_COMPARED}
          searchable
          clearable
          placeholder={ids.length === 0 ? t('campaigns.compare.placeholder') : undefined}
          aria-label={t('campaigns.compare.pick')}
          data-testid="campaigns-compare-pick"
        />
      </Paper>
      {ids.length < 2 ? (
        <Text size="sm" c="dimmed" data-testid="campaigns-compare-choose">
          {t('campaigns.compare.choose')}
        </Text>
      ) : (
        <CompareLoader ids={ids} currency={currency} />
      )}
    </Stack>
  );
}

function CompareLoader({ ids, currency }: { ids: number[]; currency: string }) {
  const { t } = useTranslation();
  const compare = useWorkspaceQuery('campaigns.compare', { ids });
  if (compare.error) return <ErrorAlert error={compare.error} title={t('campaigns.compare.failed')} onRetry={compare.refetch} />;
  if (!compare.data) return <Skeleton h={420} />;
  return <CompareView rows={compare.data.campaigns} currency={currency} />;
}

function CompareView({ rows, currency }: { rows: CompareRow[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [metric, setMetric] = useState<Metric>('conversionRate');
  const segments = useMemo(() => {
    const seen = new Set(rows.flatMap((r) => r.bySegment.map((s) => s.segment)));
    const known = rfmSegmentIds.filter((id) => seen.has(id));
    return [...known, ...[...seen].filter((s) => !known.some((k) => k === s))];
  }, [rows]);
  const formatMetric = (value: number): string => (metric === 'conversionRate' ? format.percent(value) : format.money(value, currency));
  const option = useMemo(
    () =>
      compareOption(
        segments.map((s) => segmentName(t, s)),
        rows.map((r) => ({ name: r.name, values: segments.map((s) => r.bySegment.find((x) => x.segment === s)?.[metric] ?? null) })),
        metric === 'conversionRate' ? format.percent : (v) => format.compactMoney(v, currency),
      ),
    [rows, segments, metric, format, currency, t],
  );
  const rate = (value: number | null): string => (value === null ? t('common.none') : format.percent(value));

  return (
    <Stack gap="md" data-testid="campaigns-compare-view" data-count={rows.length}>
      <Paper p="md">
        <Title order={2} mb={4}>
          {t('campaigns.compare.overall')}
        </Title>
        <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" withTableBorder data-testid="campaigns-compare-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.list.name')}</Table.Th>
              <Table.Th>{t('campaigns.list.channel')}</Table.Th>
              <Table.Th>{t('campaigns.list.sendDate')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.list.recipients')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.compare.openRate')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.compare.clickRate')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.list.conversion')}</Table.Th>
              <Table.Th ta="right">{t('campaigns.list.revenuePerRecipient')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="campaigns-compare-row" data-id={r.id} data-conversion={r.conversionRate} data-rpr={r.revenuePerRecipient}>
                <Table.Td fw={600}>{r.name}</Table.Td>
                <Table.Td>
                  <ChannelLabel channel={r.channel} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(r.sendDate)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {format.integer(r.recipients)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {rate(r.openRate)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {rate(r.clickRate)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {format.percent(r.conversionRate)}
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {format.money(r.revenuePerRecipient, currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper p="md">
        <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
          <div>
            <Title order={2}>{t('campaigns.compare.bySegment')}</Title>
            <Text size="xs" c="dimmed">
              {t('campaigns.compare.bySegmentHelp')}
            </Text>
          </div>
          <SegmentedControl
            size="xs"
            value={metric}
            onChange={(value) => setMetric(value === 'revenuePerRecipient' ? 'revenuePerRecipient' : 'conversionRate')}
            data={[
              { value: 'conversionRate', label: t('campaigns.list.conversion') },
              { value: 'revenuePerRecipient', label: t('campaigns.list.revenuePerRecipient') },
            ]}
            data-testid="campaigns-compare-metric"
          />
        </Group>
        {segments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('campaigns.compare.noSegments')}
          </Text>
        ) : (
          <>
            <Chart option={option} height={300} label={t('campaigns.compare.chartLabel')} testId="campaigns-compare-chart" />
            <Table.ScrollContainer minWidth={600}>
              <Table fz="xs" verticalSpacing={4} horizontalSpacing="sm" withTableBorder mt="sm" data-testid="campaigns-compare-segments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('campaigns.compare.segment')}</Table.Th>
                    {rows.map((r) => (
                      <Table.Th key={r.id} ta="right">
                        {r.name}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {segments.map((s) => (
                    <Table.Tr key={s}>
                      <Table.Td>{segmentName(t, s)}</Table.Td>
                      {rows.map((r) => {
                        const cell = r.bySegment.find((x) => x.segment === s);
                        return (
                          <Table.Td key={r.id} ta="right" className="tabular">
                            {cell ? (
                              <>
                                {formatMetric(cell[metric])}
                                <Text span size="xs" c="dimmed">
                                  {' '}
                                  {t('campaigns.compare.ofRecipients', { recipients: format.integer(cell.recipients) })}
                                </Text>
                              </>
                            ) : (
                              t('common.none')
                            )}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Paper>
    </Stack>
  );
}
