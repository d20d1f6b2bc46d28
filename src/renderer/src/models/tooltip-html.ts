import { escapeHtml } from '../../../shared/html';

/** Tooltip markup for the model lab's charts: a heading and label/value rows, with every text escaped. */
export function tooltipHtml(heading: string, rows: readonly (readonly [label: string, value: string])[]): string {
  const row = ([label, value]: readonly [string, string]): string =>
    `<div style="display:flex;justify-content:space-between;gap:24px"><span>${escapeHtml(label)}</span>` +
    `<b style="font-variant-numeric:tabular-nums">${escapeHtml(value)}</b></div>`;
  return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(heading)}</div>${rows.map(row).join('')}`;
}

/** The data index of the first entry of an ECharts tooltip's `params` (an array when the trigger is the axis). */
export function firstDataIndex(params: unknown): number | undefined {
  const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: unknown } | undefined;
  return typeof first?.dataIndex === 'number' ? first.dataIndex : undefined;
}
