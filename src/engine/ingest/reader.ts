import readline from 'node:readline';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { DetectedFormat } from '../../shared/import-schemas';
import { lineCap } from './line-cap';
import { limitExceeded, READ_LIMITS, sizeText, type ReadLimits } from './limits';
import { decoder, openBytes, type ReadProgress } from './source';
import { openWorkbook } from './xlsx-reader';

/** One record of the file: `row` is its spreadsheet row number (the header is row 1). */
export type SourceRow = { row: number; cells: string[] } | { row: number; cells: null; problem: string };

/**
 * Streams the file's records in batches, header first, whatever its format; memory stays flat for any size.
 * A cell, line or workbook past `limits` ends the stream with a `limit-exceeded` error naming the row.
 */
export function readRows(file: string, detected: DetectedFormat, progress?: ReadProgress, limits: ReadLimits = READ_LIMITS): AsyncIterable<SourceRow[]> {
  if (detected.format === 'xlsx') return batched(readXlsx(file, detected.sheet, limits));
  if (detected.format === 'jsonl') return batched(readJsonl(file, detected, progress, limits));
  return readCsv(file, detected, progress, limits);
}

/** Refuses a cell longer than the limit, naming its row and column. */
function checkFields(file: string, row: number, cells: string[], headers: string[] | null, limits: ReadLimits): void {
  for (let i = 0; i < cells.length; i += 1) {
    if ((cells[i] as string).length <= limits.fieldChars) continue;
    const column = headers?.[i] || `column ${i + 1}`;
    throw limitExceeded(file, 'fieldChars', `a cell is longer than ${sizeText(limits.fieldChars, 'characters')}, the most one cell may hold.`, { row, column });
  }
}

async function* batched(rows: AsyncIterable<SourceRow>, size = 2000): AsyncIterable<SourceRow[]> {
  let batch: SourceRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function* readCsv(file: string, detected: DetectedFormat, progress: ReadProgress | undefined, limits: ReadLimits): AsyncIterable<SourceRow[]> {
  const bytes = openBytes(file, progress, limits);
  const decoded = bytes.pipe(decoder(detected.encoding));
  // Papa keeps an unfinished record in memory: the line cap stops an unclosed quote before it holds the whole file.
  const text = decoded.pipe(lineCap(file, detected.delimiter ?? ',', limits));
  for (const stage of [bytes, decoded]) stage.on('error', (e) => text.destroy(e));
  // Papa's chunk callback with pause/resume gives batches with back-pressure; a row-by-row async iterator
  // costs several times the parse itself.
  const queue: string[][][] = [];
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let parser: Papa.Parser | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  Papa.parse(text as unknown as File, {
    delimiter: detected.delimiter ?? ',',
    quoteChar: '"',
    // Lines of only blanks and delimiters are skipped below: Papa's own 'greedy' test joins every row into a new
    // string first, a tenth of the parse on big files.
    skipEmptyLines: false,
    chunk(results: Papa.ParseResult<string[]>, p: Papa.Parser) {
      parser = p;
      queue.push(results.data);
      p.pause();
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(error: Error) {
      failure = error;
      notify();
    },
  });
  text.on('error', (e) => {
    failure = e;
    notify();
  });
  let row = 0;
  let headers: string[] | null = null;
  for (;;) {
    const parsed = queue.shift();
    if (parsed) {
      const batch: SourceRow[] = [];
      for (const cells of parsed) {
        if (isBlank(cells)) continue;
        headers ??= cells;
        row += 1;
        checkFields(file, row, cells, headers, limits);
        batch.push({ row, cells });
      }
      yield batch;
      if (queue.length === 0 && !finished) (parser as Papa.Parser | null)?.resume();
      continue;
    }
    if (failure) throw failure;
    if (finished) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** A record of only blanks (and the delimiters between them), as Papa's `skipEmptyLines: 'greedy'` tells it. */
function isBlank(cells: string[]): boolean {
  const first = cells[0] ?? '';
  // Nearly every record starts with a visible ASCII character: no need to look further.
  const code = first.length > 0 ? first.charCodeAt(0) : 0;
  if (code > 32 && code < 127) return false;
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

async function* readJsonl(file: string, detected: DetectedFormat, progress: ReadProgress | undefined, limits: ReadLimits): AsyncIterable<SourceRow> {
  const bytes = openBytes(file, progress, limits);
  const decoded = bytes.pipe(decoder(detected.encoding));
  const input = decoded.pipe(lineCap(file, null, limits));
  for (const stage of [bytes, decoded]) stage.on('error', (e) => input.destroy(e));
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let header: string[] | null = null;
  let row = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    row += 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      if (!header) throw new Error('the first line is not a JSON object');
      yield { row: row + 1, cells: null, problem: 'This line is not valid JSON.' };
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      yield { row: row + 1, cells: null, problem: 'This line is not a JSON object.' };
      continue;
    }
    const obj = record as Record<string, unknown>;
    if (!header) {
      header = Object.keys(obj);
      yield { row: 1, cells: header };
    }
    const cells = header.map((key) => cellText(obj[key]));
    checkFields(file, row + 1, cells, header, limits);
    yield { row: row + 1, cells };
  }
}

async function* readXlsx(file: string, sheet: string | null, limits: ReadLimits): AsyncIterable<SourceRow> {
  const workbook = openWorkbook(file, limits, { sharedStrings: true, styles: true });
  let sheetIndex = 0;
  for await (const worksheet of workbook) {
    sheetIndex += 1;
    const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${sheetIndex}`;
    if (sheet ? name !== sheet : sheetIndex > 1) continue;
    let width = 0;
    let headers: string[] | null = null;
    for await (const r of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (r.values as unknown[]).slice(1);
      if (r.number === 1) width = values.length;
      const cells = Array.from({ length: Math.max(width, values.length) }, (_, i) => cellText(values[i]));
      if (cells.every((c) => c === '')) continue;
      headers ??= cells;
      checkFields(file, r.number, cells, headers, limits);
      yield { row: r.number, cells };
    }
    return;
  }
}

/** The sheet names of a workbook, in order. */
export async function xlsxSheets(file: string, limits: ReadLimits = READ_LIMITS): Promise<string[]> {
  const names: string[] = [];
  const workbook = openWorkbook(file, limits, { sharedStrings: false, styles: false });
  for await (const worksheet of workbook) {
    names.push((worksheet as unknown as { name?: string }).name ?? `Sheet${names.length + 1}`);
    for await (const _row of worksheet as AsyncIterable<unknown>) break;
  }
  return names;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A cell as text: dates as ISO wall time, formulas by their result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: unknown };
    if ('result' in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
    return JSON.stringify(value);
  }
  return String(value);
}
