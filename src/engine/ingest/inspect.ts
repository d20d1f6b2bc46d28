import path from 'node:path';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';
import type { DetectedFormat, FileFormat, FormatOverrides, ImportKind, InspectResult } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { findMappingForHeaders } from './mappings-repo';
import { detectDateFormat } from './dates';
import { fieldsOf, KIND_FIELDS } from './kinds';
import { looksDecimalComma } from './numbers';
import { matchPreset } from './presets';
import { READ_LIMITS, type ReadLimits } from './limits';
import { readRows, xlsxSheets } from './reader';
import { decodeHead, detectEncoding, isZip, readHead, statInput } from './source';
import { suggestKind, suggestMapping } from './suggest';

const SAMPLE_ROWS = 20;
const DETECT_ROWS = 300;

export type Sniffed = { detected: DetectedFormat; headers: string[]; samples: string[][]; sheets: string[] };

/** Reads the start of a file and works out how to read the rest: format, encoding, delimiter, numbers, dates. */
export async function sniff(file: string, overrides: FormatOverrides = {}, limits: ReadLimits = READ_LIMITS): Promise<Sniffed> {
  statInput(file);
  const format = detectFileFormat(file);
  if (format === 'xlsx') return sniffXlsx(file, overrides, limits);
  const head = await readHead(file, undefined, limits);
  const { encoding: detectedEncoding, bom } = detectEncoding(head);
  const encoding = overrides.encoding ?? detectedEncoding;
  const text = decodeHead(head, encoding).replace(/^\uFEFF/, '');
  const { headers, samples, delimiter } = format === 'jsonl' ? sampleJsonl(text) : sampleCsv(text, overrides.delimiter);
  if (headers.length === 0 || headers.every((h) => h.trim() === '')) {
    throw new AppError('bad-input', `${path.basename(file)} has no header row. The first row must name the columns.`, { file, row: 1 });
  }
  const decimalComma = overrides.decimalComma ?? (format === 'csv' && looksDecimalComma(samples.flat()));
  return {
    detected: { format, compressed: head.length > 0 && isGzipName(file), encoding, bom, delimiter: format === 'csv' ? delimiter : null, decimalComma, dateFormat: overrides.dateFormat ?? null, sheet: null },
    headers,
    samples,
    sheets: [],
  };
}

const isGzipName = (file: string): boolean => file.toLowerCase().endsWith('.gz');

function detectFileFormat(file: string): FileFormat {
  const lower = file.toLowerCase().replace(/\.gz$/, '');
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm') || isZip(file)) return 'xlsx';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return 'csv';
}

function sampleCsv(text: string, forced: string | undefined): { headers: string[]; samples: string[][]; delimiter: string } {
  // Drop a possibly cut last line of the sample before parsing.
  const cut = text.lastIndexOf('\n');
  const body = cut > 0 ? text.slice(0, cut) : text;
  const parsed = Papa.parse<string[]>(body, {
    preview: DETECT_ROWS + 1,
    skipEmptyLines: 'greedy',
    ...(forced ? { delimiter: forced } : { delimitersToGuess: [',', ';', '\t', '|'] }),
  });
  const [headers = [], ...samples] = parsed.data;
  return { headers: headers.map((h) => h.trim()), samples, delimiter: forced ?? parsed.meta.delimiter };
}

function sampleJsonl(text: string): { headers: string[]; samples: string[][]; delimiter: string } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, DETECT_ROWS + 1);
  const records: Array<Record<string, unknown>> = [];
  for (const line of lines) {
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) records.push(value as Record<string, unknown>);
    } catch {
      /* a cut or bad line: the import reports bad lines with their row numbers */
    }
  }
  if (records.length === 0) throw new AppError('bad-input', 'The file does not start with JSON objects, one per line.', { row: 1 });
  const headers = Object.keys(records[0] as Record<string, unknown>);
  const samples = records.map((r) => headers.map((h) => (r[h] === null || r[h] === undefined ? '' : typeof r[h] === 'object' ? JSON.stringify(r[h]) : String(r[h]))));
  return { headers, samples, delimiter: '' };
}

async function sniffXlsx(file: string, overrides: FormatOverrides, limits: ReadLimits): Promise<Sniffed> {
  let sheets: string[];
  try {
    sheets = await xlsxSheets(file, limits);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad-input', `${path.basename(file)} is not a readable Excel workbook (${(error as Error).message}).`, { file });
  }
  const sheet = overrides.sheet ?? sheets[0] ?? null;
  if (sheet === null) throw new AppError('bad-input', `${path.basename(file)} has no worksheets.`, { file });
  if (!sheets.includes(sheet)) throw new AppError('bad-input', `The workbook has no sheet named "${sheet}".`, { file, field: 'sheet' });
  const detected: DetectedFormat = { format: 'xlsx', compressed: false, encoding: 'utf-8', bom: false, delimiter: null, decimalComma: false, dateFormat: overrides.dateFormat ?? null, sheet };
  const rows: string[][] = [];
  for await (const batch of readRows(file, detected, undefined, limits)) {
    for (const r of batch) if (r.cells) rows.push(r.cells);
    if (rows.length > DETECT_ROWS) break;
  }
  const [headers = [], ...samples] = rows;
  return { detected, headers: headers.map((h) => h.trim()), samples: samples.slice(0, DETECT_ROWS), sheets };
}

/** The date format of the column mapped to each date field of the kind (the first one found decides). */
export function detectMappedDateFormat(kind: ImportKind, headers: string[], samples: string[][], mapping: Record<string, string>): string | null {
  for (const [source, field] of Object.entries(mapping)) {
    if (KIND_FIELDS[kind][field]?.type !== 'date') continue;
    const index = headers.indexOf(source);
    if (index < 0) continue;
    const format = detectDateFormat(samples.map((r) => r[index] ?? ''));
    if (format) return format.id;
  }
  return null;
}

/** Everything the wizard shows after a file is chosen: what was detected, a sample, and a suggested mapping. */
export async function inspectFile(
  db: Db,
  file: string,
  kind: ImportKind | undefined,
  overrides: FormatOverrides = {},
  limits: ReadLimits = READ_LIMITS,
): Promise<InspectResult> {
  return describeSniffed(db, file, kind, overrides, await sniff(file, overrides, limits));
}

/** The inspect result for a file already sniffed (in a worker): the part that needs the workspace. */
export function describeSniffed(db: Db, file: string, kind: ImportKind | undefined, overrides: FormatOverrides, sniffed: Sniffed): InspectResult {
  const { headers, samples } = sniffed;
  const saved = findMappingForHeaders(db, headers, kind);
  const preset = matchPreset(headers);
  const suggestedKind = saved?.kind ?? preset?.preset.kind ?? suggestKind(headers);
  const chosen = kind ?? suggestedKind;
  const mapping =
    saved && saved.kind === chosen
      ? Object.fromEntries(Object.entries(saved.mapping).filter(([h]) => headers.includes(h)))
      : preset && preset.preset.kind === chosen
        ? preset.mapping
        : suggestMapping(chosen, headers, samples);
  const dateFormat = overrides.dateFormat ?? detectMappedDateFormat(chosen, headers, samples, mapping);
  return {
    file: path.resolve(file),
    fileName: path.basename(file),
    sizeBytes: statInput(file).size,
    detected: { ...sniffed.detected, dateFormat },
    headers,
    sampleRows: samples.slice(0, SAMPLE_ROWS),
    kind: chosen,
    suggestedKind,
    fields: fieldsOf(chosen),
    mapping,
    preset: preset && preset.preset.kind === chosen ? { id: preset.preset.id, name: preset.preset.name } : null,
    savedMapping: saved && saved.kind === chosen ? saved.name : null,
    sheets: sniffed.sheets,
  };
}
