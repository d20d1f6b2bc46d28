import type { FormatOverrides, ImportKind, PiiKind, PreviewResult, RowError } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { createConverter } from './convert';
import { detectMappedDateFormat, sniff, type Sniffed } from './inspect';
import { READ_LIMITS, type ReadLimits } from './limits';
import { createPseudonymiser, pseudonymSecret } from './pseudonyms';
import { readRows, type SourceRow } from './reader';

const PREVIEW_ROWS = 100;

export type PreviewRequest = { file: string; kind: ImportKind; mapping: Record<string, string>; pseudonymize: PiiKind[]; overrides: FormatOverrides };

/** What a preview reads from the file (in a worker): how to read it, and its first records as text. */
export type PreviewSource = { sniffed: Sniffed; records: SourceRow[] };

/** The first rows typed exactly as they will be stored, with the problems found in them. */
export async function previewImport(db: Db, request: PreviewRequest, limits: ReadLimits = READ_LIMITS): Promise<PreviewResult> {
  return previewFromSource(db, request, await readPreviewSource(request.file, request.overrides, limits));
}

/** Reads the header and the first records of the file, nothing more. */
export async function readPreviewSource(file: string, overrides: FormatOverrides, limits: ReadLimits = READ_LIMITS): Promise<PreviewSource> {
  const sniffed = await sniff(file, overrides, limits);
  const records: SourceRow[] = [];
  outer: for await (const batch of readRows(file, sniffed.detected, undefined, limits)) {
    for (const source of batch) {
      if (source.row === 1 && source.cells) continue;
      if (records.length >= PREVIEW_ROWS) break outer;
      records.push(source);
    }
  }
  return { sniffed, records };
}

/** Types the records read for a preview (the part that needs the workspace: saved key, pseudonyms). */
export function previewFromSource(db: Db, request: PreviewRequest, source: PreviewSource): PreviewResult {
  const { sniffed } = source;
  const dateFormat = request.overrides.dateFormat ?? detectMappedDateFormat(request.kind, sniffed.headers, sniffed.samples, request.mapping);
  const detected = { ...sniffed.detected, dateFormat };
  const converter = createConverter(
    request.kind,
    sniffed.headers,
    request.mapping,
    detected,
    // Only a preview that pseudonymises needs (and may create) the workspace key.
    request.pseudonymize.length > 0 ? createPseudonymiser(pseudonymSecret(db)) : (_kind, value) => value,
    new Set(request.pseudonymize),
  );
  const rows: PreviewResult['rows'] = [];
  const errors: RowError[] = [];
  for (const record of source.records) {
    if (!record.cells) {
      errors.push({ row: record.row, column: null, field: null, code: 'bad-record', message: record.problem });
      continue;
    }
    const typed = converter.convert(record.cells, record.row, errors);
    if (typed) rows.push({ _row: record.row, ...typed });
  }
  return { fields: converter.fields, rows, errors, rowsRead: source.records.length };
}
