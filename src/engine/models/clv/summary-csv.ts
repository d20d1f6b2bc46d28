import { AppError } from '../../../shared/errors';

/**
 * Reads a ready-made per-customer summary (the shape `lifetimes` and the CDNOW files use) so the models can run on
 * data summarised elsewhere. Columns are found by name, case-insensitively: x or frequency; t_x or recency; T (or
 * age); optionally an id (id, customer_id, customer) and the mean repeat spend (monetary_value, monetary, zbar).
 * The values are plain numbers, so a plain comma split (with surrounding quotes removed) is enough.
 */

export type SummaryCsvRow = { id: string; x: number; tx: number; T: number; monetary: number | null };

const ALIASES = {
  id: ['id', 'customer_id', 'customerid', 'customer'],
  x: ['x', 'frequency'],
  tx: ['t_x', 'tx', 'recency'],
  T: ['t', 'age'],
  monetary: ['monetary_value', 'monetary', 'zbar', 'mean_spend'],
} as const;

/** Parses the summary CSV text; errors name the file, row and column. */
export function parseSummaryCsv(text: string, file = 'summary file'): SummaryCsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new AppError('bad-input', `${file} is empty; it needs a header row with x, t_x and T columns.`, { file });
  const header = splitLine(lines[0] as string).map((h) => h.toLowerCase());
  const find = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const col = { id: find(ALIASES.id), x: find(ALIASES.x), tx: find(ALIASES.tx), T: find(ALIASES.T), monetary: find(ALIASES.monetary) };
  for (const [key, label] of [
    ['x', 'x (or frequency)'],
    ['tx', 't_x (or recency)'],
    ['T', 'T'],
  ] as const) {
    if (col[key] < 0) {
      throw new AppError('bad-input', `${file} has no ${label} column; its header is: ${header.join(', ')}.`, { file, column: label, row: 1 });
    }
  }
  return lines.slice(1).map((line, i) => {
    const cells = splitLine(line);
    const row = i + 2;
    const num = (index: number, column: string): number => {
      const raw = cells[index] ?? '';
      const value = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) throw new AppError('bad-input', `${file}, row ${row}: ${column} must be a number (got "${raw}").`, { file, row, column });
      return value;
    };
    return {
      id: col.id >= 0 ? (cells[col.id] ?? String(row - 1)) : String(row - 1),
      x: num(col.x, 'x'),
      tx: num(col.tx, 't_x'),
      T: num(col.T, 'T'),
      monetary: col.monetary >= 0 ? num(col.monetary, 'monetary_value') : null,
    };
  });
}

function splitLine(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
