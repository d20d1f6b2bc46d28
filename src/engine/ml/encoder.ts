import { AppError } from '../../shared/errors';
import { columnIndex, type RawTable, type RawValue } from './table';

/**
 * Feature encoding of a raw table, fitted on training rows only and saved with the model as plain JSON.
 * Numeric columns: median imputation (plus a missing indicator when any value was missing), standardisation,
 * and a standardised log1p companion for non-negative columns (counts, amounts, days: lets a linear model bend).
 * Categorical columns: one-hot of the most frequent levels, rarer ones lumped into "(other)".
 */

export type NumericColumn = {
  kind: 'numeric';
  source: string;
  median: number;
  /** Mean and standard deviation of the imputed values; sd 0 leaves the value itself out. */
  mean: number;
  sd: number;
  /** Standardisation of log1p(max(value, 0)); null when the column can be negative or is an indicator. */
  log: { mean: number; sd: number } | null;
  /** A 0/1 "was missing" column, present when training rows had missing values. */
  missingIndicator: boolean;
};

export type CategoricalColumn = {
  kind: 'categorical';
  source: string;
  /** Levels with a column each, most frequent first. */
  levels: string[];
  /** Whether rarer levels were lumped into an "(other)" column; unseen levels at scoring go there too. */
  other: boolean;
};

export type EncodedColumn = NumericColumn | CategoricalColumn;

export type Encoder = {
  version: 1;
  target: string;
  id: string | null;
  columns: EncodedColumn[];
  /** Source columns left out, and why (constant, excluded). */
  dropped: Array<{ column: string; reason: string }>;
  /** One name per encoded feature, in matrix column order. */
  featureNames: string[];
};

export type EncoderOptions = {
  target: string;
  id?: string;
  exclude?: string[];
  /** Columns to treat as categories even when every value is a number (codes, postcodes). */
  categorical?: string[];
  /** At most this many levels get their own column (default 30). */
  maxLevels?: number;
  /** Levels seen fewer times than this go to "(other)" (default 5). */
  minLevelCount?: number;
  /** Add log1p companions to non-negative numeric columns (default true). */
  logCompanion?: boolean;
};

export const MISSING_LEVEL = '(missing)';
export const OTHER_LEVEL = '(other)';
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as a number: null when missing, undefined when it is text that is not a number. */
export function parseNumber(value: RawValue): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim();
  if (MISSING_TOKENS.has(text.toLowerCase())) return null;
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** A cell as a category level. */
export function levelOf(value: RawValue): string {
  if (value === null) return MISSING_LEVEL;
  const text = String(value).trim();
  return text === '' ? MISSING_LEVEL : text;
}

function fitNumeric(source: string, values: Array<number | null>, logCompanion: boolean): NumericColumn | null {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = present.length;
  const median = n % 2 === 1 ? (present[(n - 1) / 2] as number) : ((present[n / 2 - 1] as number) + (present[n / 2] as number)) / 2;
  const imputed = values.map((v) => v ?? median);
  const { mean, sd } = meanSd(imputed);
  const distinct = new Set(present).size;
  let log: NumericColumn['log'] = null;
  if (logCompanion && (present[0] as number) >= 0 && distinct > 2) {
    const stats = meanSd(imputed.map((v) => Math.log1p(Math.max(0, v))));
    if (stats.sd > 0) log = stats;
  }
  const missingIndicator = n < values.length;
  if (sd === 0 && !missingIndicator) return null;
  return { kind: 'numeric', source, median, mean, sd, log, missingIndicator };
}

function meanSd(values: number[]): { mean: number; sd: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / values.length);
  // Guard against rounding noise on a constant column.
  return { mean, sd: sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 0 };
}

function fitCategorical(source: string, values: RawValue[], maxLevels: number, minCount: number): CategoricalColumn | null {
  const counts = new Map<string, number>();
  for (const v of values) {
    const level = levelOf(v);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = ranked.filter(([, c]) => c >= minCount).slice(0, maxLevels);
  const other = kept.length < ranked.length;
  if (kept.length + (other ? 1 : 0) < 2) return null;
  return { kind: 'categorical', source, levels: kept.map(([level]) => level), other };
}

/** Fits the encoding on a table's rows; the target, the id and excluded columns are left out. */
export function fitEncoder(table: RawTable, opts: EncoderOptions): Encoder {
  columnIndex(table, opts.target, 'target');
  if (opts.id !== undefined) columnIndex(table, opts.id, 'id');
  for (const c of opts.exclude ?? []) columnIndex(table, c, 'exclude');
  for (const c of opts.categorical ?? []) columnIndex(table, c, 'categorical');
  if (table.rows.length === 0) throw new AppError('bad-input', 'There are no rows to learn from.', { field: 'rows' });
  const maxLevels = opts.maxLevels ?? 30;
  const minCount = opts.minLevelCount ?? 5;
  const columns: EncodedColumn[] = [];
  const dropped: Encoder['dropped'] = [];
  table.columns.forEach((source, j) => {
    if (source === opts.target) return;
    if (source === opts.id) return dropped.push({ column: source, reason: 'the customer id' });
    if (opts.exclude?.includes(source)) return dropped.push({ column: source, reason: 'excluded' });
    const raw = table.rows.map((r) => r[j] ?? null);
    const numbers = raw.map(parseNumber);
    const numeric = !opts.categorical?.includes(source) && numbers.every((v) => v !== undefined) && numbers.some((v) => v !== null);
    const fitted = numeric
      ? fitNumeric(source, numbers as Array<number | null>, opts.logCompanion ?? true)
      : fitCategorical(source, raw, maxLevels, minCount);
    if (fitted) columns.push(fitted);
    else dropped.push({ column: source, reason: numeric ? 'the same value in every row' : 'one level in every row (or only rare levels)' });
  });
  if (columns.length === 0) {
    throw new AppError('bad-input', 'No column is left to learn from: every column is the target, the id, excluded or the same in every row.', {
      field: 'columns',
    });
  }
  const encoder: Encoder = { version: 1, target: opts.target, id: opts.id ?? null, columns, dropped, featureNames: [] };
  encoder.featureNames = columns.flatMap(featureNamesOf);
  return encoder;
}

function featureNamesOf(c: EncodedColumn): string[] {
  if (c.kind === 'categorical') return [...c.levels.map((l) => `${c.source}=${l}`), ...(c.other ? [`${c.source}=${OTHER_LEVEL}`] : [])];
  return [...(c.sd > 0 ? [c.source] : []), ...(c.log ? [`log1p(${c.source})`] : []), ...(c.missingIndicator ? [`${c.source} missing`] : [])];
}

const widthOf = (c: EncodedColumn): number => featureNamesOf(c).length;

/** Writes one cell's encoded features at `out[at..]`. */
function encodeCell(c: EncodedColumn, value: RawValue, out: Float32Array, at: number): void {
  if (c.kind === 'categorical') {
    const index = c.levels.indexOf(levelOf(value));
    if (index >= 0) out[at + index] = 1;
    else if (c.other) out[at + c.levels.length] = 1;
    return;
  }
  const parsed = parseNumber(value);
  // Text in a numeric column at scoring time is treated as missing rather than refused.
  const x = typeof parsed === 'number' ? parsed : c.median;
  let k = at;
  if (c.sd > 0) out[k++] = (x - c.mean) / c.sd;
  if (c.log) out[k++] = (Math.log1p(Math.max(0, x)) - c.log.mean) / c.log.sd;
  if (c.missingIndicator) out[k++] = typeof parsed === 'number' ? 0 : 1;
}

/** The feature matrix (row-major) of a table, which must have every source column the encoder uses. */
export function encodeFeatures(encoder: Encoder, table: RawTable): { X: Float32Array; rows: number; cols: number } {
  const cols = encoder.featureNames.length;
  const rows = table.rows.length;
  const X = new Float32Array(rows * cols);
  let at = 0;
  for (const c of encoder.columns) {
    const j = table.columns.indexOf(c.source);
    if (j < 0) throw new AppError('bad-input', `The model needs the column "${c.source}", which this table does not have.`, { column: c.source });
    for (let i = 0; i < rows; i++) encodeCell(c, (table.rows[i] as RawValue[])[j] ?? null, X, i * cols + at);
    at += widthOf(c);
  }
  return { X, rows, cols };
}

/** The encoded feature columns of each source column, in encoder order. */
export function featureGroups(encoder: Encoder): Array<{ source: string; columns: number[] }> {
  let at = 0;
  return encoder.columns.map((c) => {
    const width = widthOf(c);
    const group = { source: c.source, columns: Array.from({ length: width }, (_, k) => at + k) };
    at += width;
    return group;
  });
}

/** A typical customer: each source column at its median (numeric) or most frequent level. */
export function baselineValue(c: EncodedColumn): RawValue {
  return c.kind === 'numeric' ? c.median : (c.levels[0] as string);
}

/** The encoded features of the typical customer (see baselineValue). */
export function baselineFeatures(encoder: Encoder): Float32Array {
  const out = new Float32Array(encoder.featureNames.length);
  let at = 0;
  for (const c of encoder.columns) {
    encodeCell(c, baselineValue(c), out, at);
    at += widthOf(c);
  }
  return out;
}

const POSITIVE = new Set(['yes', 'y', 'true', 't', '1', 'churned', 'churn', 'positive', 'pos', 'bought', 'purchased', 'converted', 'responded', 'left', 'lost']);
const NEGATIVE = new Set(['no', 'n', 'false', 'f', '0', 'negative', 'neg', 'stayed', 'retained', 'active', 'not churned', 'kept']);

function targetLabel(value: RawValue): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  const n = NUMBER.test(text) ? Number(text) : Number.NaN;
  return n === 0 || n === 1 ? String(n) : text;
}

/**
 * The 0/1 outcome of every row (yes/no, true/false, 1/0, churned/stayed and the like). Without `positive`, the
 * column must hold two values and one of them must read as the outcome (yes/true/1/churned…). With `positive`, rows holding that value (compared like the column's values: case
 * and surrounding spaces ignored) are 1 and every other value 0.
 */
export function encodeTarget(table: RawTable, target: string, positive?: string): Uint8Array {
  const j = columnIndex(table, target, 'target');
  const counts = new Map<string, number>();
  const spelling = new Map<string, string>();
  const labels = table.rows.map((r, i) => {
    const raw = r[j] ?? null;
    const label = targetLabel(raw);
    if (label === null) {
      throw new AppError('bad-input', `Row ${i + 2} (the header is row 1) has no value in the target column "${target}". Every row needs an outcome.`, {
        row: i + 2,
        column: target,
      });
    }
    counts.set(label, (counts.get(label) ?? 0) + 1);
    if (!spelling.has(label)) spelling.set(label, String(raw).trim());
    return label;
  });
  const found = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const shown = (): string =>
    `${found
      .slice(0, 10)
      .map(([v, c]) => `"${spelling.get(v) ?? v}" (${c})`)
      .join(', ')}${found.length > 10 ? `, and ${found.length - 10} more` : ''}`;
  const hint = `Name the outcome value: --positive VALUE on the command line, or choose it in the model lab.`;
  if (positive !== undefined) {
    const wanted = targetLabel(positive);
    if (wanted === null || !counts.has(wanted)) {
      throw new AppError('bad-input', `The target column "${target}" has no value "${positive.trim()}". Its values are ${shown()}.`, { column: target, field: 'positive' });
    }
    if (found.length < 2) {
      throw new AppError('bad-input', `The target column "${target}" holds only "${positive.trim()}": there is nothing to tell it from.`, { column: target, field: 'target' });
    }
    return Uint8Array.from(labels, (l) => (l === wanted ? 1 : 0));
  }
  if (found.length !== 2) {
    const what = found.length < 2 ? 'has only one value' : `has ${found.length} different values`;
    const more = found.length > 2 ? ` ${hint} The other values then count as "not".` : '';
    throw new AppError('bad-input', `The target column "${target}" must hold two outcomes (yes/no, true/false, 1/0); it ${what}: ${shown()}.${more}`, {
      column: target,
      field: 'target',
    });
  }
  const [a, b] = found.map(([v]) => v) as [string, string];
  let outcome: string | null = null;
  if (POSITIVE.has(a) && !POSITIVE.has(b)) outcome = a;
  else if (POSITIVE.has(b) && !POSITIVE.has(a)) outcome = b;
  else if (NEGATIVE.has(a) && !NEGATIVE.has(b)) outcome = b;
  else if (NEGATIVE.has(b) && !NEGATIVE.has(a)) outcome = a;
  if (outcome === null) {
    throw new AppError('bad-input', `The target column "${target}" holds ${shown()}: which one is the outcome to predict is unclear. ${hint}`, {
      column: target,
      field: 'target',
    });
  }
  const positiveLabel = outcome;
  const y = new Uint8Array(labels.length);
  labels.forEach((l, i) => (y[i] = l === positiveLabel ? 1 : 0));
  return y;
}
