import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnShape, GanEpoch, PrivacyReport } from '../../../shared/synth-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { tooltipHtml } from '../models/tooltip-html';

const axisIndex = (params: unknown): number | undefined => {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: unknown } | undefined;
  return typeof first?.dataIndex === 'number' ? first.dataIndex : undefined;
};

/**
 * The GAN's two losses per epoch (left axis) and the validation quality when measured (right axis, 0–1). The
 * losses of a Wasserstein GAN are not a quality measure on their own: the quality line is what to watch.
 */
function ganOption(points: readonly GanEpoch[], bestEpoch: number | null, format: Formatters, t: TFunction): ChartOption {
  const names = { generator: t('synth.chart.generator'), discriminator: t('synth.chart.discriminator'), quality: t('synth.chart.quality') };
  const epochs = points.map((p) => p.epoch);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 30, bottom: 44, containLabel: true },
    legend: { bottom: 0, left: 'center', data: [names.generator, names.discriminator, names.quality] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const index = axisIndex(params);
        const point = index === undefined ? undefined : points[index];
        if (!point) return '';
        return tooltipHtml(t('synth.chart.epoch', { epoch: String(point.epoch) }), [
          [names.generator, format.decimal(point.generator, 3)],
          [names.discriminator, format.decimal(point.discriminator, 3)],
          ...(point.quality === null ? [] : [[names.quality, format.percent(point.quality)] as const]),
        ]);
      },
    },
    xAxis: { type: 'category', data: epochs.map(String), name: t('synth.chart.epochs'), nameLocation: 'middle', nameGap: 22, axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', scale: true, name: t('synth.chart.loss'), axisLabel: { formatter: (v: number) => format.decimal(v, 1) } },
      { type: 'value', min: 0, max: 1, name: names.quality, splitLine: { show: false }, axisLabel: { formatter: (v: number) => format.percent(v) } },
    ],
    series: [
      { name: names.generator, type: 'line', data: points.map((p) => p.generator), showSymbol: points.length < 30 },
      { name: names.discriminator, type: 'line', data: points.map((p) => p.discriminator), showSymbol: points.length < 30 },
      {
        name: names.quality,
        type: 'line',
        yAxisIndex: 1,
        data: points.map((p) => p.quality),
        connectNulls: true,
        lineStyle: { type: 'dashed', width: 2 },
        symbolSize: 6,
        markLine:
          bestEpoch === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dotted', width: 1, color: '#868e96' },
                // Unlabelled: above the plot it would sit on the axis names; the report's header names the kept epoch.
                label: { show: false },
                data: [{ xAxis: String(bestEpoch) }],
              },
      },
    ],
  };
}

type GanChartProps = { points: readonly GanEpoch[]; bestEpoch?: number | null; height?: number; testId: string };

/** The GAN's training: live while the job runs, or stored with a trained twin. */
export function GanChart({ points, bestEpoch = null, height = 240, testId }: GanChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(() => ganOption(points, bestEpoch, format, t), [points, bestEpoch, format, t]);
  if (points.length === 0) {
    return (
      <Text size="sm" c="dimmed" h={height} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }} data-testid={testId} data-points={0}>
        {t('synth.chart.waiting')}
      </Text>
    );
  }
  return (
    <div data-testid={testId} data-points={points.length}>
      <Chart option={option} height={height} label={t('synth.chart.ganAria')} />
    </div>
  );
}

/** One column's real and synthetic distributions on shared bins (numbers, dates) or levels (categories), as shares. */
export function ShapeChart({ shape, height = 220, testId }: { shape: ColumnShape; height?: number; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo((): ChartOption => {
    const names = { real: t('synth.quality.real'), synthetic: t('synth.quality.synthetic') };
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 12, bottom: 30, containLabel: true },
      legend: { bottom: 0, left: 'center', data: [names.real, names.synthetic] },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? format.percent(v) : '') },
      xAxis: { type: 'category', data: shape.bins.map((b) => b.label), axisLabel: { hideOverlap: true, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.percent(v) } },
      series: [
        { name: names.real, type: 'bar', data: shape.bins.map((b) => b.real), barGap: '10%' },
        { name: names.synthetic, type: 'bar', data: shape.bins.map((b) => b.synthetic) },
      ],
    };
  }, [shape, format, t]);
  return (
    <div data-testid={testId}>
      <Chart option={option} height={height} label={t('synth.quality.shapeAria', { column: shape.column })} />
    </div>
  );
}

/**
 * Distances to the closest training row: of the twin's rows, of real rows it never saw (the holdout), and of random
 * rows. A twin that copies people sits left of the holdout; a useful one overlaps it; random rows sit far right.
 */
export function DcrChart({ dcr, height = 220, testId }: { dcr: PrivacyReport['dcr']; height?: number; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo((): ChartOption => {
    const names = { synthetic: t('synth.privacy.dcrSynthetic'), holdout: t('synth.privacy.dcrHoldout'), random: t('synth.privacy.dcrRandom') };
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 12, bottom: 48, containLabel: true },
      legend: { bottom: 0, left: 'center', data: [names.synthetic, names.holdout, names.random] },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? format.percent(v) : '') },
      xAxis: {
        type: 'category',
        data: dcr.bins.map((b) => t('synth.privacy.upTo', { value: format.decimal(b.upTo, 2) })),
        name: t('synth.privacy.distance'),
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.percent(v) } },
      series: [
        { name: names.synthetic, type: 'line', data: dcr.bins.map((b) => b.synthetic), smooth: false, areaStyle: { opacity: 0.15 } },
        { name: names.holdout, type: 'line', data: dcr.bins.map((b) => b.holdout), lineStyle: { type: 'dashed' } },
        { name: names.random, type: 'line', data: dcr.bins.map((b) => b.random), lineStyle: { type: 'dotted' } },
      ],
    };
  }, [dcr, format, t]);
  return (
    <div data-testid={testId}>
      <Chart option={option} height={height} label={t('synth.privacy.dcrAria')} />
    </div>
  );
}
