import readline from 'node:readline';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { DetectedFormat } from '../../shared/import-schemas';
import { decoder, openBytes, type ReadProgress } from './source';

/** One record of the file: `row` is its spreadsheet row number (the header is row 1). */
export type SourceRow = { row: number; cells: string[] } | { row: number; cells: null; problem: string };

/** Streams the file's records in batches, header first, whatever its format; memory stays flat for any size. */
export function readRows(file: string, detected: DetectedFormat, progress?: ReadProgress): AsyncIterable<SourceRow[]> {
  if (detected.format === 'xlsx') return batched(readXlsx(file, detected.sheet));
  if (detected.format === 'jsonl') return batched(readJsonl(file, detected, progress));
  return readCsv(file, detected, progress);
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

async function* readCsv(file: string, detected: DetectedFormat, progress?: ReadProgress): AsyncIterable<SourceRow[]> {
  const text = openBytes(file, progress).pipe(decoder(detected.encoding));
  text.setEncoding('utf8');
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
    skipEmptyLines: 'greedy',
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
  for (;;) {
    const batch = queue.shift();
    if (batch) {
      yield batch.map((cells) => ({ row: ++row, cells }));
      if (queue.length === 0 && !finished) (parser as Papa.Parser | null)?.resume();
      continue;
    }
    if (failure) throw failure;
    if (finished) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

async function* readJsonl(file: string, detected: DetectedFormat, progress?: ReadProgress): AsyncIterable<SourceRow> {
  const lines = readline.createInterface({ input: openBytes(file, progress).pipe(decoder(detected.encoding)), crlfDelay: Infinity });
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
    yield { row: row + 1, cells: header.map((key) => cellText(obj[key])) };
  }
}

async function* readXlsx(file: string, sheet: string | null): AsyncIterable<SourceRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  let sheetIndex = 0;
  for await (const worksheet of workbook) {
    sheetIndex += 1;
    const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${sheetIndex}`;
    if (sheet ? name !== sheet : sheetIndex > 1) continue;
    let width = 0;
    for await (const r of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = (r.values as unknown[]).slice(1);
      if (r.number === 1) width = values.length;
      const cells = Array.from({ length: Math.max(width, values.length) }, (_, i) => cellText(values[i]));
      if (cells.every((c) => c === '')) continue;
      yield { row: r.number, cells };
    }
    return;
  }
}

/** The sheet names of a workbook, in order. */
export async function xlsxSheets(file: string): Promise<string[]> {
  const names: string[] = [];
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore' });
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
