import { Group, Paper, Select, Skeleton, Stack, Text, useComputedColorScheme } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelledChoice } from './LabelledChoice';
import type { CohortMetric, Cohorts } from '../../../shared/analytics-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import type { Formatters } from '../format/formatters';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { escapeHtml } from '../../../shared/html';
import { tooltipNote, tooltipRow, tooltipTitle } from './tooltip-html';

const METRICS: readonly CohortMetric[] = ['retention', 'revenue', 'revenuePerCustomer'];
const MONTH_CHOICES = ['12', '24', '36'] as const;
const ROW_HEIGHT = 22;

type Labels = {
  average: string;
  axisMonth: string;
  metric: string;
  size: string;
  active: string;
  retention: string;
  revenue: string;
  perCustomer: string;
  partial: string;
  row: (month: string, size: string) => string;
  averageTitle: (k: number) => string;
  cohort: (month: string) => string;
  monthK: (k: number) => string;
};

/** Cohorts: a heat map of retention or revenue, one row per month of first order, one column per month since. */
export function CohortsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const [metric, setMetric] = useState<CohortMetric>('retention');
  const [months, setMonths] = useState<string>('24');
  const query = useWorkspaceQuery('analytics.cohorts', { metric, maxMonths: Number(months) });
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const data = query.data;
  const option = useMemo(() => {
    if (!data) return null;
    const labels: Labels = {
      average: t('insights.cohorts.average'),
      axisMonth: t('insights.cohorts.axisMonth'),
      metric: t(`insights.cohorts.metric.${data.metric}`),
      size: t('insights.cohorts.tooltip.size'),
      active: t('insights.cohorts.tooltip.active'),
      retention: t('insights.cohorts.tooltip.retention'),
      revenue: t('insights.cohorts.tooltip.revenue'),
      perCustomer: t('insights.cohorts.tooltip.perCustomer'),
      partial: t('insights.cohorts.tooltip.partial'),
      row: (month, size) => t('insights.cohorts.rowLabel', { month, size }),
      averageTitle: (k) => t('insights.cohorts.tooltip.averageTitle', { k: String(k) }),
      cohort: (month) => t('insights.cohorts.tooltip.cohort', { month }),
      monthK: (k) => t('insights.cohorts.tooltip.monthK', { k: String(k) }),
    };
    return buildOption(data, format, labels, scheme === 'dark');
  }, [data, format, t, scheme]);

  return (
    <Stack gap="md" data-testid="cohorts-tab">
      <Text size="sm" c="dimmed">
        {t('insights.cohorts.intro')}
      </Text>
      <Group justify="space-between" align="flex-end">
        <LabelledChoice
          id="cohort-metric-label"
          label={t('insights.cohorts.metricLabel')}
          value={metric}
          onChange={(v: CohortMetric) => setMetric(v)}
          options={METRICS.map((x) => ({ value: x, label: t(`insights.cohorts.metric.${x}`) }))}
          testId="cohort-metric"
        />
        <Select
          label={t('insights.cohorts.monthsLabel')}
          value={months}
          onChange={(value) => value && setMonths(value)}
          data={MONTH_CHOICES.map((m) => ({ value: m, label: t('insights.cohorts.months', { count: Number(m) }) }))}
          allowDeselect={false}
          w={160}
          data-testid="cohort-months"
        />
      </Group>
      {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
      {!data && !query.error && <Skeleton h={560} aria-busy="true" />}
      {data && option && (
        <Paper p="md" data-testid="cohort-heatmap" data-cohorts={data.cohorts.length} data-metric={data.metric}>
          <Text size="xs" c="dimmed" mb="xs">
            {t(`insights.cohorts.help.${data.metric}`)}
            {data.lastMonthPartial && data.asOf ? ` ${t('insights.cohorts.partialNote', { month: format.month(data.asOf.slice(0, 7), 'long') })}` : ''}
          </Text>
          <Chart option={option} height={(data.cohorts.length + 1) * ROW_HEIGHT + 90} label={t('insights.cohorts.ariaLabel')} testId="cohort-chart" />
        </Paper>
      )}
    </Stack>
  );
}

/** The value shown in a cell, formatted for its metric. */
function formatValue(value: number, metric: CohortMetric, currency: string, format: Formatters): string {
  if (metric === 'retention') return format.percent(value);
  return metric === 'revenue' ? format.compactMoney(value, currency) : format.wholeMoney(value, currency);
}

type Cell = { value: [number, number, number]; actual: number; row: number; k: number; label?: { color: string } };

function buildOption(data: Cohorts, format: Formatters, t: Labels, dark: boolean): ChartOption {
  // Oldest cohort on top, the all-cohorts average above it.
  const rows = data.cohorts;
  const yLabels = [t.average, ...rows.map((r) => t.row(format.month(r.cohort, 'short'), format.integer(r.size)))];
  const cells: Cell[] = [];
  data.average.forEach((v, k) => {
    if (v !== null) cells.push({ value: [k, 0, v], actual: v, row: -1, k });
  });
  rows.forEach((r, i) => r.values.forEach((v, k) => cells.push({ value: [k, i + 1, v], actual: v, row: i, k })));
  // Month 0 is 100 % retention by definition: colour by the later months so their differences show.
  const later = cells.filter((c) => c.k > 0).map((c) => c.actual);
  const max = Math.max(...(later.length ? later : cells.map((c) => c.actual)), 1e-9);
  for (const c of cells) {
    c.value[2] = Math.min(c.actual, max);
    // Figures stay readable on every shade: light on the strong end of each theme's scale.
    const strong = c.value[2] / max;
    c.label = { color: dark ? (strong > 0.8 ? '#1a1b1e' : '#e9ecef') : strong > 0.55 ? '#ffffff' : '#25262b' };
  }
  const lastMonth = data.asOf?.slice(0, 7);
  const showLabels = data.columns <= 25;

  return {
    grid: { left: 8, right: 16, top: 28, bottom: 44, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const cell = (params as { data?: Cell }).data;
        if (!cell) return '';
        if (cell.row < 0) {
          return tooltipTitle(t.averageTitle(cell.k)) + tooltipRow(t.metric, formatValue(cell.actual, data.metric, data.currency, format));
        }
        const row = rows[cell.row];
        if (!row) return '';
        const partial = data.lastMonthPartial && cell.k === row.values.length - 1 && lastMonth !== undefined;
        return (
          tooltipTitle(t.cohort(format.month(row.cohort, 'long'))) +
          `<div style="margin-bottom:4px">${escapeHtml(t.monthK(cell.k))}</div>` +
          tooltipRow(t.size, format.integer(row.size)) +
          tooltipRow(t.active, format.integer(row.active[cell.k] ?? 0)) +
          tooltipRow(t.retention, format.percent(row.retention[cell.k] ?? 0)) +
          tooltipRow(t.revenue, format.money(row.revenue[cell.k] ?? 0, data.currency)) +
          tooltipRow(t.perCustomer, format.money(row.revenuePerCustomer[cell.k] ?? 0, data.currency)) +
          (partial ? tooltipNote(t.partial) : '')
        );
      },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: Array.from({ length: data.columns }, (_, k) => String(k)),
      name: t.axisMonth,
      nameLocation: 'middle',
      nameGap: 22,
      splitArea: { show: false },
      axisLine: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: yLabels,
      axisLine: { show: false },
      // The all-cohorts row is set apart in bold.
      axisLabel: { fontSize: 11, formatter: (value: string, index: number) => (index === 0 ? `{total|${value}}` : value), rich: { total: { fontWeight: 'bold', fontSize: 11 } } },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      dimension: 2,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 180,
      itemWidth: 10,
      text: [formatValue(max, data.metric, data.currency, format), formatValue(0, data.metric, data.currency, format)],
      inRange: { color: dark ? ['#25283a', '#363c78', '#5860c8', '#a3a9f5'] : ['#eef0ff', '#b3b8f5', '#6f77e8', '#3b41b8'] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: showLabels,
          fontSize: 9,
          formatter: (params: unknown) => {
            const cell = (params as { data?: Cell }).data;
            if (!cell) return '';
            if (data.metric === 'retention') return `${Math.round(cell.actual * 100)}`;
            return format.compactMoney(cell.actual, data.currency).replace(/\s/g, '');
          },
        },
        itemStyle: { borderColor: 'rgba(128,128,128,0.15)', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        progressive: 0,
      },
    ],
  };
}
