import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '../../../shared/contract';
import { escapeHtml } from '../../../shared/html';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { useFormat } from '../format/useFormat';
import type { Formatters } from '../format/formatters';

type Month = DashboardSummary['revenueByMonth'][number];
type Labels = { revenue: string; orders: string; buyers: string };

function tooltipHtml(month: Month, currency: string, format: Formatters, labels: Labels): string {
  const row = (label: string, value: string): string =>
    `<div style="display:flex;justify-content:space-between;gap:24px"><span>${escapeHtml(label)}</span>` +
    `<b style="font-variant-numeric:tabular-nums">${escapeHtml(value)}</b></div>`;
  return (
    `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(format.month(month.month, 'long'))}</div>` +
    row(labels.revenue, format.money(month.revenue, currency)) +
    row(labels.orders, format.integer(month.orders)) +
    row(labels.buyers, format.integer(month.customers))
  );
}

function buildOption(months: Month[], currency: string, format: Formatters, labels: Labels): ChartOption {
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, data: [labels.revenue, labels.orders] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
        const month = first?.dataIndex === undefined ? undefined : months[first.dataIndex];
        return month ? tooltipHtml(month, currency, format, labels) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: months.map((m) => format.month(m.month, 'short')),
      axisLabel: { hideOverlap: true },
    },
    yAxis: [
      {
        type: 'value',
        axisLabel: { formatter: (value: number) => format.compactMoney(value, currency) },
      },
      {
        type: 'value',
        splitLine: { show: false },
        axisLabel: { formatter: (value: number) => format.integer(value) },
      },
    ],
    series: [
      {
        name: labels.revenue,
        type: 'bar',
        data: months.map((m) => m.revenue),
        barMaxWidth: 28,
        emphasis: { focus: 'none' },
      },
      {
        name: labels.orders,
        type: 'line',
        yAxisIndex: 1,
        data: months.map((m) => m.orders),
        smooth: 0.25,
        showSymbol: months.length <= 24,
      },
    ],
  };
}

/** Sales revenue per month as bars, with sale orders as a line on the right-hand axis. */
export function RevenueChart({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { revenueByMonth: months, currency } = summary;
  const option = useMemo(
    () =>
      buildOption(months, currency, format, {
        revenue: t('dashboard.chart.revenue'),
        orders: t('dashboard.chart.orders'),
        buyers: t('dashboard.chart.buyers'),
      }),
    [months, currency, format, t],
  );
  return (
    <Paper p="md">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={2}>{t('dashboard.chart.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('dashboard.chart.subtitle', { currency })}
          </Text>
        </Stack>
      </Group>
      {months.length === 0 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          {t('dashboard.chart.empty')}
        </Text>
      ) : (
        <Chart option={option} height={340} label={t('dashboard.chart.ariaLabel')} testId="revenue-chart" />
      )}
    </Paper>
  );
}

export function RevenueChartSkeleton() {
  return (
    <Paper p="md">
      <Skeleton h={18} w={180} mb={6} />
      <Skeleton h={12} w={260} mb="md" />
      <Skeleton h={340} />
    </Paper>
  );
}
