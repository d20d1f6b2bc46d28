import { Box, Grid, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RfmSegment, RfmSummary } from '../../../shared/analytics-schemas';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import type { Formatters } from '../format/formatters';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { RfmGrid } from './RfmGrid';
import { segmentStyle } from './segment-colors';

/** RFM: the R × FM grid of segments, what each score means here, and the segments side by side. */
export function RfmTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const rfm = useWorkspaceQuery('analytics.rfm', {});
  const [selected, setSelected] = useState<RfmSegment | null>(null);
  const summary = rfm.data;

  if (rfm.error) return <ErrorAlert error={rfm.error} onRetry={rfm.refetch} />;
  if (!summary) return <Skeleton h={520} aria-busy="true" />;
  return (
    <Stack gap="md" data-testid="rfm-tab" data-customers={summary.customers}>
      <Text size="sm" c="dimmed">
        {t('insights.rfm.intro', { customers: format.integer(summary.customers), date: summary.asOf ? format.date(summary.asOf) : '—' })}
      </Text>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper p="md" h="100%">
            <Title order={2} mb={4}>
              {t('insights.rfm.gridTitle')}
            </Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('insights.rfm.gridHelp')}
            </Text>
            <RfmGrid summary={summary} selected={selected} onSelect={setSelected} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ScoreRanges summary={summary} format={format} />
        </Grid.Col>
      </Grid>
      <SegmentTable summary={summary} format={format} selected={selected} onSelect={setSelected} />
    </Stack>
  );
}

function ScoreRanges({ summary, format }: { summary: RfmSummary; format: Formatters }) {
  const { t } = useTranslation();
  const range = (r: RfmSummary['scores']['recency'][number] | undefined, show: (v: number) => string): string => {
    if (!r || r.min === null || r.max === null) return t('insights.rfm.noCustomers');
    return r.min === r.max ? show(r.min) : `${show(r.min)}–${show(r.max)}`;
  };
  const money = (v: number): string => format.wholeMoney(v, summary.currency);
  return (
    <Paper p="md" h="100%" data-testid="rfm-scores">
      <Title order={2} mb={4}>
        {t('insights.rfm.scoresTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('insights.rfm.scoresHelp')}
      </Text>
      <Table fz="sm" verticalSpacing={6} horizontalSpacing="xs" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insights.rfm.scoreCols.score')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.scoreCols.recency')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.scoreCols.frequency')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.scoreCols.monetary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[5, 4, 3, 2, 1].map((score) => (
            <Table.Tr key={score}>
              <Table.Td fw={600}>{score}</Table.Td>
              <Table.Td ta="right" className="tabular">
                {range(summary.scores.recency[score - 1], format.integer)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {range(summary.scores.frequency[score - 1], format.integer)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {range(summary.scores.monetary[score - 1], money)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

type TableProps = { summary: RfmSummary; format: Formatters; selected: RfmSegment | null; onSelect: (s: RfmSegment | null) => void };

function SegmentTable({ summary, format, selected, onSelect }: TableProps) {
  const { t } = useTranslation();
  const money = (v: number | null): string => (v === null ? t('common.none') : format.wholeMoney(v, summary.currency));
  const number = (v: number | null, digits: number): string => (v === null ? t('common.none') : format.decimal(v, digits));
  return (
    <Paper p="md">
      <Title order={2} mb={4}>
        {t('insights.rfm.tableTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('insights.rfm.tableHelp')}
      </Text>
      <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" highlightOnHover withTableBorder data-testid="rfm-segments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insights.rfm.columns.segment')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.customers')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.share')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.revenue')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.revenueShare')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.avgRecency')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.avgOrders')}</Table.Th>
            <Table.Th ta="right">{t('insights.rfm.columns.avgRevenue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.segments.map((s) => (
            <Table.Tr
              key={s.segment}
              data-testid="rfm-segment-row"
              data-segment={s.segment}
              data-customers={s.customers}
              bg={selected === s.segment ? 'var(--mantine-primary-color-light)' : undefined}
              onClick={() => onSelect(selected === s.segment ? null : s.segment)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td>
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <Box w={12} h={12} mt={4} style={{ borderRadius: 3, flex: 'none', background: segmentStyle(s.segment).color }} aria-hidden />
                  <div>
                    <Text size="sm" fw={600}>
                      {t(`insights.rfm.segments.${s.segment}.name`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`insights.rfm.segments.${s.segment}.hint`)}
                    </Text>
                  </div>
                </Group>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {format.integer(s.customers)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {format.percent(s.share)}
              </Table.Td>
              <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {money(s.revenue)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {format.percent(s.revenueShare)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {number(s.avgRecencyDays, 0)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {number(s.avgOrders, 1)}
              </Table.Td>
              <Table.Td ta="right" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {money(s.avgRevenue)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
