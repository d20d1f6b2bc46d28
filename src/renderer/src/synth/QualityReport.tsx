import { Box, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairTrend, SynthModelReport } from '../../../shared/synth-schemas';
import { useFormat } from '../format/useFormat';
import { ShapeChart } from './SynthCharts';
import { methodName, scoreColor } from './synth-labels';

const PAIRS_SHOWN = 8;

/** The three quality numbers of a twin, big: overall, column shapes, pair trends. */
function Scores({ report }: { report: SynthModelReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const q = report.qualityReport;
  const items = [
    { label: t('synth.quality.overall'), value: q.score, testId: 'synth-quality-score' },
    { label: t('synth.quality.shapes'), value: q.columnShapes, testId: 'synth-quality-shapes' },
    { label: t('synth.quality.pairs'), value: q.pairTrends, testId: 'synth-quality-pairs' },
  ];
  return (
    <Group gap="lg" wrap="nowrap">
      {items.map((item) => (
        <div key={item.label}>
          <Text size="xs" c="dimmed">
            {item.label}
          </Text>
          <Text size="xl" fw={700} c={scoreColor(item.value)} className="tabular" data-testid={item.testId} data-value={item.value}>
            {format.percent(item.value)}
          </Text>
        </div>
      ))}
    </Group>
  );
}

/** Pairs of columns, worst kept first: how well the twin keeps how two columns move together. */
function PairHeatList({ pairs, testId }: { pairs: readonly PairTrend[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  const sorted = [...pairs].sort((a, b) => a.score - b.score);
  const shown = all ? sorted : sorted.slice(0, PAIRS_SHOWN);
  const value = (v: number | null): string => (v === null ? t('common.none') : format.decimal(v, 2));
  if (pairs.length === 0) return <Text size="sm" c="dimmed">{t('synth.quality.noPairs')}</Text>;
  return (
    <Stack gap={4} data-testid={testId}>
      <Table verticalSpacing={2} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('synth.quality.pair')}</Table.Th>
            <Table.Th ta="right">{t('synth.quality.pairReal')}</Table.Th>
            <Table.Th ta="right">{t('synth.quality.pairSynthetic')}</Table.Th>
            <Table.Th ta="right" w={80}>
              {t('synth.quality.pairScore')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((pair) => (
            <Table.Tr key={`${pair.a}|${pair.b}`} data-testid="synth-pair">
              <Table.Td>
                <Text size="sm" lineClamp={1} title={`${pair.a} × ${pair.b}`}>
                  {pair.a} × {pair.b}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {value(pair.real)}
              </Table.Td>
              <Table.Td ta="right" className="tabular">
                {value(pair.synthetic)}
              </Table.Td>
              <Table.Td ta="right" p={2}>
                <Box
                  px={6}
                  style={{ borderRadius: 4, background: `var(--mantine-color-${scoreColor(pair.score)}-light)`, fontVariantNumeric: 'tabular-nums' }}
                  title={t(`synth.quality.metric.${pair.metric}`)}
                >
                  {format.percent(pair.score)}
                </Box>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {sorted.length > PAIRS_SHOWN && (
        <Button variant="subtle" size="compact-xs" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
          {all ? t('synth.quality.fewerPairs') : t('synth.quality.allPairs', { count: sorted.length })}
        </Button>
      )}
    </Stack>
  );
}

/**
 * How alike the twin is to the real rows it never saw, per method side by side: the scores, one column's real and
 * synthetic distributions (the picker lists the columns, worst first), and the pairs of columns.
 */
export function QualityReport({ reports }: { reports: readonly SynthModelReport[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = reports[0];
  const columns = first ? [...first.qualityReport.columns].sort((a, b) => a.score - b.score) : [];
  const [picked, setPicked] = useState<string | null>(null);
  const column = picked && columns.some((c) => c.column === picked) ? picked : (columns[0]?.column ?? null);
  return (
    <Stack gap="md" data-testid="synth-quality">
      <Text size="sm" c="dimmed" maw={860}>
        {t('synth.quality.intro')}
      </Text>
      <SimpleGrid cols={reports.length} spacing="md">
        {reports.map((report) => (
          <Paper key={report.id} p="sm" withBorder>
            <Stack gap={6}>
              <Title order={4}>{methodName(report.method, t)}</Title>
              <Scores report={report} />
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      <Group align="flex-end" gap="md">
        <Select
          w={320}
          label={t('synth.quality.column')}
          description={t('synth.quality.columnHint')}
          data={columns.map((c) => ({ value: c.column, label: t('synth.quality.columnOption', { column: c.column, score: format.percent(c.score) }) }))}
          value={column}
          onChange={setPicked}
          allowDeselect={false}
          searchable
          data-testid="synth-shape-column"
        />
      </Group>
      <SimpleGrid cols={reports.length} spacing="md">
        {reports.map((report) => {
          const shape = report.qualityReport.columns.find((c) => c.column === column);
          return (
            <Paper key={report.id} p="sm" withBorder>
              <Stack gap={4}>
                <Group justify="space-between">
                  <Text size="sm" fw={600}>
                    {methodName(report.method, t)}
                  </Text>
                  {shape && (
                    <Text size="xs" c="dimmed">
                      {t(`synth.quality.metric.${shape.metric}`)} · {format.percent(shape.score)}
                    </Text>
                  )}
                </Group>
                {shape ? <ShapeChart shape={shape} testId={`synth-shape-${report.method}`} /> : <Text size="sm" c="dimmed">{t('synth.quality.noShape')}</Text>}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      <div>
        <Title order={4}>{t('synth.quality.pairsTitle')}</Title>
        <Text size="xs" c="dimmed" mb={6}>
          {t('synth.quality.pairsHint')}
        </Text>
        <SimpleGrid cols={reports.length} spacing="md">
          {reports.map((report) => (
            <Paper key={report.id} p="sm" withBorder>
              <Text size="sm" fw={600} mb={4}>
                {methodName(report.method, t)}
              </Text>
              <PairHeatList pairs={report.qualityReport.pairs} testId={`synth-pairs-${report.method}`} />
            </Paper>
          ))}
        </SimpleGrid>
      </div>
    </Stack>
  );
}
