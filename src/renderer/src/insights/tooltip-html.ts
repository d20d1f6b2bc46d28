import { escapeHtml } from '../../../shared/html';

/** Small HTML builders for ECharts tooltips (ECharts renders the formatter's string as HTML, so text is escaped). */

export const tooltipTitle = (text: string): string => `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text)}</div>`;

export const tooltipRow = (label: string, value: string): string =>
  `<div style="display:flex;justify-content:space-between;gap:24px"><span>${escapeHtml(label)}</span>` +
  `<b style="font-variant-numeric:tabular-nums">${escapeHtml(value)}</b></div>`;

export const tooltipNote = (text: string): string => `<div style="margin-top:4px;opacity:0.75">${escapeHtml(text)}</div>`;
