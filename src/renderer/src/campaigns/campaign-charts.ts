import type { CustomSeriesRenderItem } from 'echarts';
import type { TFunction } from 'i18next';
import type { ChartOption } from '../charts/echarts';
import { firstDataIndex, tooltipHtml } from '../models/tooltip-html';

/** One estimate with its interval, a row of a dot-and-whisker chart. */
export type IntervalRow = { label: string; mean: number; low: number; high: number; color?: string };

type IntervalOptions = {
  format: (value: number) => string;
  /** A vertical line to read the rows against (the control's rate, zero lift, the cost). */
  reference?: { value: number; label: string };
  estimateLabel: string;
  intervalLabel: string;
};

const CAP = 6;

const renderInterval: CustomSeriesRenderItem = (_params, api) => {
  const row = Number(api.value(2));
  const low = api.coord([api.value(0), row]);
  const high = api.coord([api.value(1), row]);
  const mid = api.coord([api.value(3), row]);
  const color = String(api.visual('color'));
  if (!low || !high || !mid) return undefined;
  const [lx = 0, ly = 0] = low;
  const [hx = 0, hy = 0] = high;
  const [mx = 0, my = 0] = mid;
  const stroke = { stroke: color, lineWidth: 2 };
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lx, y1: ly, x2: hx, y2: hy }, style: stroke },
      { type: 'line', shape: { x1: lx, y1: ly - CAP, x2: lx, y2: ly + CAP }, style: stroke },
      { type: 'line', shape: { x1: hx, y1: hy - CAP, x2: hx, y2: hy + CAP }, style: stroke },
      { type: 'circle', shape: { cx: mx, cy: my, r: 5.5 }, style: { fill: color, stroke: '#fff', lineWidth: 1.5 } },
    ],
  };
};

/** Rows of estimates with their intervals (a forest plot): the dot is the estimate, the whiskers its 95 % interval. */
export function intervalOption(rows: readonly IntervalRow[], options: IntervalOptions): ChartOption {
  const { format, reference } = options;
  const values = rows.flatMap((r) => [r.low, r.high, r.mean]).concat(reference ? [reference.value] : []);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min || Math.abs(max) || 1) * 0.08;
  return {
    animation: false,
    grid: { left: 8, right: 24, top: reference ? 26 : 10, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const row = rows[firstDataIndex(params) ?? -1];
        return row
          ? tooltipHtml(row.label, [
              [options.estimateLabel, format(row.mean)],
              [options.intervalLabel, `${format(row.low)} – ${format(row.high)}`],
            ])
          : '';
      },
    },
    xAxis: { type: 'value', min: min - pad, max: max + pad, axisLabel: { formatter: (v: number) => format(v), hideOverlap: true }, splitNumber: 5 },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      {
        type: 'custom',
        name: options.estimateLabel,
        renderItem: renderInterval,
        encode: { x: [0, 1, 3], y: 2 },
        data: rows.map((r, i) => ({ value: [r.low, r.high, i, r.mean], itemStyle: r.color ? { color: r.color } : undefined })),
      },
      ...(reference
        ? [
            {
              type: 'line' as const,
              data: [],
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed' as const, color: '#868e96' },
                // The category axis runs top-down (inverse), so the line's start is at the top.
                label: { formatter: reference.label, position: 'start' as const, fontSize: 11 },
                data: [{ xAxis: reference.value }],
              },
            },
          ]
        : []),
    ],
  };
}

/** Customers by the hour of day they usually order: when to send. */
export function sendHoursOption(hours: readonly number[], format: { integer: (n: number) => string }, t: TFunction): ChartOption {
  const labels = hours.map((_, hour) => String(hour).padStart(2, '0'));
  const best = hours.indexOf(Math.max(...hours));
  const name = t('campaigns.audienceResult.hoursSeries');
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const hour = firstDataIndex(params);
        if (hour === undefined) return '';
        return tooltipHtml(t('campaigns.audienceResult.hourLabel', { from: labels[hour] ?? '', to: String((hour + 1) % 24).padStart(2, '0') }), [[name, format.integer(hours[hour] ?? 0)]]);
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 2, fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => format.integer(v) } },
    series: [
      {
        name,
        type: 'bar',
        barMaxWidth: 16,
        data: hours.map((value, hour) => (hour === best && value > 0 ? { value, itemStyle: { color: '#12b886' } } : value)),
      },
    ],
  };
}

export type CompareSeries = { name: string; values: (number | null)[] };

/** A figure of several campaigns side by side, grouped by RFM segment. */
export function compareOption(categories: readonly string[], series: readonly CompareSeries[], format: (value: number) => string): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
    legend: { top: 0, left: 'center', type: 'plain', data: series.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = firstDataIndex(params);
        if (index === undefined) return '';
        return tooltipHtml(categories[index] ?? '', series.map((s) => [s.name, s.values[index] === null || s.values[index] === undefined ? '—' : format(s.values[index])] as const));
      },
    },
    xAxis: { type: 'category', data: [...categories], axisLabel: { interval: 0, hideOverlap: true, fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v) } },
    series: series.map((s) => ({ name: s.name, type: 'bar' as const, data: s.values.map((v) => v ?? '-'), barMaxWidth: 18 })),
  };
}

type Decile = { decile: number; customers: number; treatedRate: number | null; controlRate: number | null; uplift: number | null };

/** Uplift by decile of predicted uplift (1: the customers the model thinks the campaign moves most), with both groups' rates. */
export function upliftOption(deciles: readonly Decile[], format: { percent: (n: number) => string; integer: (n: number) => string }, t: TFunction): ChartOption {
  const labels = deciles.map((d) => t('campaigns.uplift.decile', { n: String(d.decile) }));
  const names = { uplift: t('campaigns.uplift.upliftSeries'), treated: t('campaigns.uplift.treatedSeries'), control: t('campaigns.uplift.controlSeries') };
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
    legend: { top: 0, left: 'center', data: [names.uplift, names.treated, names.control] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const d = deciles[firstDataIndex(params) ?? -1];
        if (!d) return '';
        const pct = (v: number | null) => (v === null ? '—' : format.percent(v));
        return tooltipHtml(labels[firstDataIndex(params) ?? 0] ?? '', [
          [t('campaigns.uplift.customers'), format.integer(d.customers)],
          [names.uplift, pct(d.uplift)],
          [names.treated, pct(d.treatedRate)],
          [names.control, pct(d.controlRate)],
        ]);
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.percent(v) } },
    series: [
      {
        name: names.uplift,
        type: 'bar',
        barMaxWidth: 26,
        // The legend's swatch; each bar is green when the campaign helped, red when it hurt.
        itemStyle: { color: '#12b886' },
        data: deciles.map((d) => (d.uplift === null ? '-' : { value: d.uplift, itemStyle: { color: d.uplift >= 0 ? '#12b886' : '#fa5252' } })),
      },
      { name: names.treated, type: 'line', data: deciles.map((d) => d.treatedRate ?? '-'), symbolSize: 6, itemStyle: { color: '#4f57e0' }, lineStyle: { color: '#4f57e0' } },
      { name: names.control, type: 'line', data: deciles.map((d) => d.controlRate ?? '-'), symbolSize: 6, itemStyle: { color: '#868e96' }, lineStyle: { color: '#868e96', type: 'dashed' } },
    ],
  };
}
