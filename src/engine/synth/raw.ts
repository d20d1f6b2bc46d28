import { AppError } from '../../shared/errors';
import { levelOf, MISSING_LEVEL, parseNumber } from '../ml/encoder';
import type { RawTable, RawValue } from '../ml/table';
import type { SynthColumnData, SynthData } from './types';

/**
 * Between the synthetic twin's typed columns (SynthData) and the raw tables the rest of the engine reads and writes
 * (the propensity encoder, CSV export).
 */

export type DateCells = 'iso' | 'seconds';

/** A date cell: `YYYY-MM-DD` for date-only columns, else an ISO timestamp (UTC, whole seconds). */
export function formatSeconds(seconds: number, dateOnly: boolean): string {
  const iso = new Date(Math.round(seconds) * 1000).toISOString();
  return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

/**
 * A SynthData as a raw table: numbers as numbers (rounded to the column's decimals), categories as their level,
 * missing as null. `dates: 'seconds'` keeps datetimes as numbers (what a model should learn from); `'iso'` (the
 * default) writes them as dates for people.
 */
export function synthToRawTable(data: SynthData, opts: { dates?: DateCells } = {}): RawTable {
  const dates = opts.dates ?? 'iso';
  const rows: RawValue[][] = Array.from({ length: data.rows }, () => new Array<RawValue>(data.columns.length));
  data.columns.forEach((col, j) => {
    for (let i = 0; i < data.rows; i++) {
      const row = rows[i] as RawValue[];
      if (col.kind === 'categorical') {
        const code = col.codes[i] as number;
        row[j] = code < 0 ? null : (col.levels[code] ?? null);
        continue;
      }
      const v = col.values[i] as number;
      if (Number.isNaN(v)) row[j] = null;
      else if (col.kind === 'datetime' && dates === 'iso') row[j] = formatSeconds(v, col.dateOnly ?? false);
      else if (col.integer) row[j] = Math.round(v);
      else {
        const scale = 10 ** col.decimals;
        row[j] = Math.round(v * scale) / scale;
      }
    }
  });
  return { columns: data.columns.map((c) => c.name), rows };
}

const decimalsOf = (text: string): number => {
  const m = /\.(\d+)(?:[eE]|$)/.exec(text.trim());
  return m ? Math.min(6, (m[1] as string).length) : 0;
};

function parseSeconds(value: RawValue): { seconds: number | null; dateOnly: boolean } | undefined {
  if (value === null) return { seconds: null, dateOnly: true };
  if (typeof value === 'number') return Number.isFinite(value) ? { seconds: value, dateOnly: false } : { seconds: null, dateOnly: true };
  const text = value.trim();
  if (text === '' || parseNumber(text) === null) return { seconds: null, dateOnly: true };
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : { seconds: ms / 1000, dateOnly };
}

/**
 * A raw table's learned columns as SynthData: `numeric` cells must read as numbers, `datetime` cells as dates
 * (ISO `YYYY-MM-DD` or a timestamp), `categorical` cells are their trimmed text (empty cells
 * missing); numeric and date cells also read the usual missing tokens (NA, null, ?) as missing. A cell that does not fit its role is refused with its row (the header is row 1) and column.
 */
export function rawToSynthData(table: RawTable, columns: Array<{ name: string; role: 'numeric' | 'categorical' | 'datetime' }>): SynthData {
  const out: SynthColumnData[] = columns.map(({ name, role }) => {
    const j = table.columns.indexOf(name);
    if (j < 0) throw new AppError('bad-input', `There is no column "${name}" in this table.`, { column: name, field: 'columns' });
    const cells = table.rows.map((r) => r[j] ?? null);
    if (role === 'categorical') {
      const index = new Map<string, number>();
      const levels: string[] = [];
      const codes = Int32Array.from(cells, (cell) => {
        const level = levelOf(cell);
        // A category keeps what the table wrote (Adult's "?" is a level of its own, as the propensity encoder keeps it);
        // only an empty cell is missing.
        if (level === MISSING_LEVEL) return -1;
        let code = index.get(level);
        if (code === undefined) {
          code = levels.length;
          index.set(level, code);
          levels.push(level);
        }
        return code;
      });
      return { name, kind: 'categorical', codes, levels };
    }
    const values = new Float64Array(cells.length);
    let integer = true;
    let decimals = 0;
    let dateOnly = true;
    cells.forEach((cell, i) => {
      const where = { row: i + 2, column: name };
      if (role === 'numeric') {
        const x = parseNumber(cell);
        if (x === undefined) throw new AppError('bad-input', `Row ${i + 2}, column "${name}": "${String(cell)}" is not a number.`, where);
        values[i] = x ?? Number.NaN;
        if (x !== null) {
          if (!Number.isInteger(x)) integer = false;
          if (typeof cell === 'string') decimals = Math.max(decimals, decimalsOf(cell));
          else if (!Number.isInteger(x)) decimals = Math.max(decimals, Math.min(6, decimalsOf(String(x))));
        }
        return;
      }
      const parsed = parseSeconds(cell);
      if (parsed === undefined) throw new AppError('bad-input', `Row ${i + 2}, column "${name}": "${String(cell)}" is not a date.`, where);
      values[i] = parsed.seconds ?? Number.NaN;
      if (parsed.seconds !== null && !parsed.dateOnly) dateOnly = false;
    });
    if (role === 'numeric') return { name, kind: 'numeric', values, integer, decimals };
    return { name, kind: 'datetime', values, integer: true, decimals: 0, dateOnly };
  });
  return { rows: table.rows.length, columns: out };
}

/** The rows at the given positions (any order, repeats allowed), every column copied. */
export function selectSynthRows(data: SynthData, indices: ArrayLike<number>): SynthData {
  const pick = <T extends Float64Array | Int32Array>(from: T, to: T): T => {
    for (let i = 0; i < indices.length; i++) to[i] = from[indices[i] as number] as number;
    return to;
  };
  return {
    rows: indices.length,
    columns: data.columns.map((c) =>
      c.kind === 'categorical' ? { ...c, levels: [...c.levels], codes: pick(c.codes, new Int32Array(indices.length)) } : { ...c, values: pick(c.values, new Float64Array(indices.length)) },
    ),
  };
}
