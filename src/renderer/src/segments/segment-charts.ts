import type { TFunction } from 'i18next';
import type { DiscoverResult, SegmentProfile } from '../../../shared/segment-schemas';
import type { ChartOption } from '../charts/echarts';
import type { Formatters } from '../format/formatters';
import { firstDataIndex, tooltipHtml } from '../models/tooltip-html';

type History = { at: string; count: number; reason: string }[];

/** Members over time: a step line, one point per recount (a save, an edit, new data). */
export function sizeHistoryOption(history: History, format: Formatters, t: TFunction): ChartOption {
  const name = t('segments.detail.historySeries');
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const point = history[firstDataIndex(params) ?? -1];
        return point ? tooltipHtml(format.dateTime(point.at), [[name, format.integer(point.count)], [t('segments.detail.historyReason'), point.reason]]) : '';
      },
    },
    // A time axis: recounts minutes apart and months apart both sit where they happened.
    xAxis: { type: 'time', splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => format.integer(v) } },
    series: [{ name, type: 'line', step: 'end', data: history.map((p) => [p.at, p.count]), areaStyle: { opacity: 0.12 }, showSymbol: history.length < 40 }],
  };
}

type Distribution = SegmentProfile['distributions'][number];
export type DistributionSeries = { name: string; shares: number[] };

/** A histogram of one figure: the segment(s) and the whole base on the same bins, as shares of each. */
export function distributionOption(distribution: Distribution, series: DistributionSeries[], format: Formatters): ChartOption {
  const labels = distribution.bins.map((bin) => bin.label);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, left: 'center', data: series.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = firstDataIndex(params);
        if (index === undefined) return '';
        return tooltipHtml(
          `${distribution.label}: ${labels[index] ?? ''}`,
          series.map((s) => [s.name, format.percent(s.shares[index] ?? 0)] as const),
        );
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, hideOverlap: true, fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.percent(v) } },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'bar' as const,
      data: s.shares,
      barMaxWidth: 22,
      // The base is the reference: drawn lighter, behind the segment's colour.
      itemStyle: i === series.length - 1 && series.length > 1 ? { color: '#adb5bd', opacity: 0.7 } : undefined,
    })),
  };
}

/** Silhouette score by number of clusters: how well separated the groups are; the chosen k marked. */
export function silhouetteOption(result: DiscoverResult, format: Formatters, t: TFunction): ChartOption {
  const sorted = [...result.silhouettes].sort((a, b) => a.k - b.k);
  const name = t('segments.discover.silhouette');
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const point = sorted[firstDataIndex(params) ?? -1];
        if (!point) return '';
        return tooltipHtml(t('segments.discover.kLabel', { k: String(point.k) }), [
          [name, format.decimal(point.score, 3)],
          ...(point.k === result.k ? [[t('segments.discover.chosen'), '✓'] as const] : []),
        ]);
      },
    },
    xAxis: { type: 'category', data: sorted.map((p) => String(p.k)), name: t('segments.discover.kAxis'), nameLocation: 'middle', nameGap: 24, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => format.decimal(v, 2) } },
    series: [
      {
        name,
        type: 'line',
        data: sorted.map((p) => (p.k === result.k ? { value: p.score, symbolSize: 13, itemStyle: { color: '#12b886', borderColor: '#fff', borderWidth: 2 } } : p.score)),
        symbolSize: 7,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#12b886' },
          label: { formatter: t('segments.discover.chosenK', { k: String(result.k) }), position: 'end', fontSize: 11 },
          data: [{ xAxis: String(result.k) }],
        },
      },
    ],
  };
}
