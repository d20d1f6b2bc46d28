import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';

/** One cell: text as read from a file, a number from SQL, or null when empty. */
export type RawValue = string | number | null;

/** A raw table of examples: column names and rows of cells, one cell per column. */
export type RawTable = { columns: string[]; rows: RawValue[][] };

/**
 * Reads a delimited text file (comma, semicolon, tab or pipe, detected) with a header row into a raw table.
 * Cells stay text; empty cells become null. Row numbers in errors are spreadsheet rows (the header is row 1).
 */
export function readCsvTable(file: string): RawTable {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) {
    throw new AppError('not-found', `There is no file ${absolute}.`, { file: absolute, field: 'file' });
  }
  const text = fs.readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', quoteChar: '"', delimiter: '' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    throw new AppError('bad-input', `${path.basename(absolute)}, row ${row}: ${quoteError.message}. Check the quotes around that cell.`, { file: absolute, row });
  }
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0 || header.every((h) => h.trim() === '')) {
    throw new AppError('bad-input', `${path.basename(absolute)} is empty. It needs a header row naming the columns, then one row per customer.`, { file: absolute, row: 1 });
  }
  const columns = header.map((h, i) => (h.trim() === '' ? `column ${i + 1}` : h.trim()));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) {
      throw new AppError('bad-input', `${path.basename(absolute)} names the column "${column}" twice. Give every column its own name.`, { file: absolute, row: 1, column });
    }
    seen.add(column);
  }
  if (body.length === 0) {
    throw new AppError('bad-input', `${path.basename(absolute)} has a header but no rows.`, { file: absolute, row: 2 });
  }
  const rows = body.map((cells, i) => {
    if (cells.length !== columns.length) {
      const row = i + 2;
      const column = cells.length > columns.length ? undefined : columns[cells.length];
      throw new AppError(
        'bad-input',
        `${path.basename(absolute)}, row ${row} has ${cells.length} cells but the header names ${columns.length} columns. Check for a stray delimiter or a missing cell.`,
        { file: absolute, row, ...(column !== undefined ? { column } : {}) },
      );
    }
    return cells.map((c): RawValue => (c === '' ? null : c));
  });
  return { columns, rows };
}

/** The position of a column, or a plain error naming the columns there are. */
export function columnIndex(table: RawTable, column: string, field: string): number {
  const index = table.columns.indexOf(column);
  if (index < 0) {
    const shown = table.columns.slice(0, 30).map((c) => `"${c}"`).join(', ');
    throw new AppError('bad-input', `There is no column "${column}". The columns are ${shown}${table.columns.length > 30 ? ', …' : ''}.`, { column, field });
  }
  return index;
}

/** Each column's distinct non-empty values and the `top` most frequent of them with their counts (case kept as written). */
export function columnValues(table: RawTable, top = 20): Array<{ name: string; distinct: number; values: Array<{ value: string; count: number }> }> {
  return table.columns.map((name, j) => {
    const counts = new Map<string, number>();
    for (const row of table.rows) {
      const cell = row[j];
      if (cell === null || cell === undefined) continue;
      const value = String(cell).trim();
      if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const values = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
    return { name, distinct: counts.size, values: values.map(([value, count]) => ({ value, count })) };
  });
}

/** The rows at the given positions, sharing the column list. */
export function selectRows(table: RawTable, indices: ArrayLike<number>): RawTable {
  const rows: RawValue[][] = new Array<RawValue[]>(indices.length);
  for (let i = 0; i < indices.length; i++) rows[i] = table.rows[indices[i] as number] as RawValue[];
  return { columns: table.columns, rows };
}
