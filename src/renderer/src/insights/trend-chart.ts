import type { Forecast, TrendPeriod, Trends } from '../../../shared/analytics-schemas';
import type { ChartOption } from '../charts/echarts';
import type { Formatters } from '../format/formatters';
import { tooltipNote, tooltipRow, tooltipTitle } from './tooltip-html';

export type TrendMetric = 'revenue' | 'orders' | 'activeCustomers' | 'avgOrderValue';

export type TrendLabels = {
  actual: string;
  forecast: string;
  band80: string;
  band95: string;
  partial: string;
  metric: string;
};

/** A period as shown: "3 Mar 2025" for a week (its Monday), "Mar 2025" for a month. */
export const periodLabel = (period: string, grain: Trends['grain'], format: Formatters, style: 'short' | 'long' = 'short'): string =>
  grain === 'week' ? format.date(period) : format.month(period, style);

/** How a figure of the metric is written. */
export function metricFormatter(metric: TrendMetric, currency: string, format: Formatters): (value: number) => string {
  if (metric === 'revenue' || metric === 'avgOrderValue') return (v) => format.money(v, currency);
  return (v) => format.integer(v);
}

type Point = { period: string; actual: TrendPeriod | null; forecast: Forecast['points'][number] | null };

/**
 * The metric over time: the actual line, the forecast (dashed, joined to the last complete period) and its 80 % and
 * 95 % prediction intervals as shaded bands (each band is a transparent base plus a stacked, filled width).
 */
export function buildTrendOption(data: Trends, metric: TrendMetric, forecast: Forecast | null, format: Formatters, labels: TrendLabels): ChartOption {
  const points: Point[] = data.periods.map((p) => ({ period: p.period, actual: p, forecast: null }));
  const index = new Map(points.map((p, i) => [p.period, i]));
  for (const f of forecast?.points ?? []) {
    const at = index.get(f.period);
    if (at !== undefined) (points[at] as Point).forecast = f;
    else points.push({ period: f.period, actual: null, forecast: f });
  }
  const firstForecast = points.findIndex((p) => p.forecast !== null);
  // The forecast line starts at the last complete period, so actual and forecast join.
  const joinAt = firstForecast > 0 ? firstForecast - 1 : -1;
  const value = (p: TrendPeriod): number => p[metric] ?? 0;
  const show = metricFormatter(metric, data.currency, format);
  const compact = (v: number): string => (metric === 'revenue' || metric === 'avgOrderValue' ? format.compactMoney(v, data.currency) : format.integer(v));
  const band = (lo: 'lo80' | 'lo95', hi: 'hi80' | 'hi95'): { base: Array<number | null>; width: Array<number | null> } => ({
    base: points.map((p) => (p.forecast ? p.forecast[lo] : null)),
    width: points.map((p) => (p.forecast ? p.forecast[hi] - p.forecast[lo] : null)),
  });
  const b95 = band('lo95', 'hi95');
  const b80 = band('lo80', 'hi80');
  const hasForecast = firstForecast >= 0;
  // The band's colour carries its opacity, so the legend shows the lighter 95 % and the darker 80 % band too.
  const bandSeries = (name: string, stack: string, b: { base: Array<number | null>; width: Array<number | null> }, color: string) => [
    { name: `${name}-base`, type: 'line' as const, stack, data: b.base, lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
    {
      name,
      type: 'line' as const,
      stack,
      data: b.width,
      lineStyle: { opacity: 0 },
      symbol: 'none',
      areaStyle: { opacity: 1 },
      color,
      silent: true,
    },
  ];

  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: hasForecast ? [labels.actual, labels.forecast, labels.band80, labels.band95] : [labels.actual] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
        const p = first?.dataIndex === undefined ? undefined : points[first.dataIndex];
        if (!p) return '';
        let html = tooltipTitle(periodLabel(p.period, data.grain, format, 'long'));
        if (p.actual) html += tooltipRow(labels.actual, show(value(p.actual)));
        if (p.forecast && p.forecast !== null) {
          html += tooltipRow(labels.forecast, show(p.forecast.mean));
          html += tooltipRow(labels.band80, `${show(p.forecast.lo80)} – ${show(p.forecast.hi80)}`);
          html += tooltipRow(labels.band95, `${show(p.forecast.lo95)} – ${show(p.forecast.hi95)}`);
        }
        if (p.actual?.partial) html += tooltipNote(labels.partial);
        return html;
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: points.map((p) => periodLabel(p.period, data.grain, format)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => compact(v) } },
    series: [
      ...(hasForecast ? [...bandSeries(labels.band95, 'b95', b95, 'rgba(240, 140, 0, 0.16)'), ...bandSeries(labels.band80, 'b80', b80, 'rgba(240, 140, 0, 0.3)')] : []),
      {
        name: labels.actual,
        type: 'line',
        data: points.map((p) => (p.actual && !p.actual.partial ? value(p.actual) : null)),
        showSymbol: points.length <= 40,
        color: '#4f57e0',
        z: 3,
      },
      {
        // A period still running (or the first, begun mid-way): dotted from its complete neighbour, hollow point.
        name: `${labels.actual}-partial`,
        type: 'line',
        data: points.map((p, i) => {
          if (!p.actual) return null;
          if (p.actual.partial) return value(p.actual);
          const neighbourPartial = points[i + 1]?.actual?.partial === true || points[i - 1]?.actual?.partial === true;
          return neighbourPartial ? value(p.actual) : null;
        }),
        lineStyle: { type: 'dotted', width: 2 },
        symbol: 'emptyCircle',
        symbolSize: 7,
        showSymbol: true,
        color: '#4f57e0',
        tooltip: { show: false },
        z: 3,
      },
      ...(hasForecast
        ? [
            {
              name: labels.forecast,
              type: 'line' as const,
              data: points.map((p, i) => {
                if (i === joinAt && p.actual) return value(p.actual);
                return p.forecast ? p.forecast.mean : null;
              }),
              lineStyle: { type: 'dashed' as const, width: 2 },
              color: '#e8590c',
              showSymbol: false,
              z: 4,
            },
          ]
        : []),
    ],
  };
}
