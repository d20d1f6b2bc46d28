import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LossPoint, ModelKind, PropensityMetrics } from '../../../shared/model-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { LossChart } from './LossChart';
import { firstDataIndex, tooltipHtml } from './tooltip-html';

const MUTED = '#adb5bd';
const IMPORTANCE_SHOWN = 12;

type Outcome = Exclude<ModelKind, 'clv'>;

function liftOption(metrics: PropensityMetrics, outcome: Outcome, format: Formatters, t: TFunction): ChartOption {
  const lift = metrics.lift;
  return {
    grid: { left: 8, right: 12, top: 16, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = firstDataIndex(params);
        const d = index === undefined ? undefined : lift[index];
        if (!d) return '';
        return tooltipHtml(t('modelLab.lift.decile', { decile: String(d.decile) }), [
          [t('modelLab.lift.lift'), t('modelLab.lift.times', { value: format.decimal(d.lift, 2) })],
          [t(`modelLab.outcome.${outcome}`), format.percent(d.rate)],
          [t('modelLab.lift.customers'), t('modelLab.lift.ofCustomers', { positives: format.integer(d.positives), customers: format.integer(d.customers) })],
        ]);
      },
    },
    xAxis: {
      type: 'category',
      data: lift.map((d) => String(d.decile)),
      name: t('modelLab.lift.xAxis'),
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => t('modelLab.lift.times', { value: format.number(v) }) } },
    series: [
      {
        name: t('modelLab.lift.lift'),
        type: 'bar',
        data: lift.map((d) => d.lift),
        barMaxWidth: 28,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: MUTED },
          label: { position: 'insideEndTop', fontSize: 10, color: '#868e96', formatter: () => t('modelLab.lift.average') },
          data: [{ yAxis: 1 }],
        },
      },
    ],
  };
}

function calibrationOption(metrics: PropensityMetrics, format: Formatters, t: TFunction): ChartOption {
  const points = metrics.calibration;
  const top = Math.min(1, Math.ceil(Math.max(0.1, ...points.map((p) => Math.max(p.predicted, p.observed))) * 10) / 10);
  const names = { model: t('modelLab.calibration.model'), perfect: t('modelLab.calibration.perfect') };
  const axis = (name: string) =>
    ({ type: 'value', min: 0, max: top, name, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (v: number) => format.percent(v) } }) as const;
  return {
    grid: { left: 12, right: 16, top: 16, bottom: 50, containLabel: true },
    legend: { bottom: 0, data: [names.model, names.perfect] },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = (params as { seriesIndex?: number; dataIndex?: number }).seriesIndex === 0 ? points[firstDataIndex(params) ?? -1] : undefined;
        if (!p) return '';
        return tooltipHtml(t('modelLab.calibration.bin'), [
          [t('modelLab.calibration.predicted'), format.percent(p.predicted)],
          [t('modelLab.calibration.observed'), format.percent(p.observed)],
          [t('modelLab.lift.customers'), format.integer(p.count)],
        ]);
      },
    },
    xAxis: { ...axis(t('modelLab.calibration.predicted')), nameGap: 24 },
    yAxis: { ...axis(t('modelLab.calibration.observed')), nameGap: 40 },
    series: [
      { name: names.model, type: 'line', data: points.map((p) => [p.predicted, p.observed]), symbolSize: 7 },
      {
        name: names.perfect,
        type: 'line',
        data: [
          [0, 0],
          [top, top],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { type: 'dashed', width: 1, color: MUTED },
        itemStyle: { color: MUTED },
      },
    ],
  };
}

function importanceOption(metrics: PropensityMetrics, format: Formatters, t: TFunction): ChartOption {
  const shown = [...metrics.importance].sort((a, b) => b.drop - a.drop).slice(0, IMPORTANCE_SHOWN);
  return {
    grid: { left: 8, right: 20, top: 8, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = firstDataIndex(params);
        const item = index === undefined ? undefined : shown[index];
        return item ? tooltipHtml(item.label, [[t('modelLab.importance.drop'), format.decimal(item.drop, 4)]]) : '';
      },
    },
    xAxis: {
      type: 'value',
      name: t('modelLab.importance.xAxis'),
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { formatter: (v: number) => format.number(v) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((item) => item.label),
      axisLabel: { width: 190, overflow: 'truncate' },
    },
    series: [{ name: t('modelLab.importance.drop'), type: 'bar', data: shown.map((item) => item.drop), barMaxWidth: 16, itemStyle: { borderRadius: [0, 3, 3, 0] } }],
  };
}

export function ChartBox({ title, hint, children, testId }: { title: string; hint: string; children: ReactNode; testId: string }) {
  return (
    <Paper p="sm" withBorder data-testid={testId}>
      <Stack gap={4}>
        <Title order={4}>{title}</Title>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

type Props = { metrics: PropensityMetrics; outcome: Outcome; history: readonly LossPoint[] };

/** Lift by decile, calibration, permutation importance and the stored loss curve of a propensity model. */
export function PropensityCharts({ metrics, outcome, history }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const lift = useMemo(() => liftOption(metrics, outcome, format, t), [metrics, outcome, format, t]);
  const calibration = useMemo(() => calibrationOption(metrics, format, t), [metrics, format, t]);
  const importance = useMemo(() => importanceOption(metrics, format, t), [metrics, format, t]);
  const importanceHeight = Math.max(160, Math.min(metrics.importance.length, IMPORTANCE_SHOWN) * 24 + 50);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartBox title={t('modelLab.lift.title')} hint={t(`modelLab.lift.hint.${outcome}`, { base: format.percent(metrics.baseRate) })} testId="card-lift">
        <Chart option={lift} height={230} label={t('modelLab.lift.aria')} />
      </ChartBox>
      <ChartBox title={t('modelLab.calibration.title')} hint={t('modelLab.calibration.hint')} testId="card-calibration">
        <Chart option={calibration} height={230} label={t('modelLab.calibration.aria')} />
      </ChartBox>
      <ChartBox title={t('modelLab.importance.title')} hint={t('modelLab.importance.hint')} testId="card-importance">
        <Chart option={importance} height={importanceHeight} label={t('modelLab.importance.aria')} />
      </ChartBox>
      <ChartBox title={t('modelLab.loss.title')} hint={t('modelLab.loss.explain')} testId="card-loss">
        <LossChart points={history} height={Math.max(200, importanceHeight - 10)} testId="card-loss-chart" />
      </ChartBox>
    </SimpleGrid>
  );
}
