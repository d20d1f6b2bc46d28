import type { FormatOverrides, ImportKind, PiiKind, PreviewResult, RowError } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { createConverter } from './convert';
import { detectMappedDateFormat, sniff } from './inspect';
import { createPseudonymiser, pseudonymSecret } from './pseudonyms';
import { readRows } from './reader';

const PREVIEW_ROWS = 100;

/** The first rows typed exactly as they will be stored, with the problems found in them. */
export async function previewImport(
  db: Db,
  request: { file: string; kind: ImportKind; mapping: Record<string, string>; pseudonymize: PiiKind[]; overrides: FormatOverrides },
): Promise<PreviewResult> {
  const sniffed = await sniff(request.file, request.overrides);
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
  let rowsRead = 0;
  outer: for await (const batch of readRows(request.file, detected)) {
    for (const source of batch) {
      if (source.row === 1 && source.cells) continue;
      if (rowsRead >= PREVIEW_ROWS) break outer;
      rowsRead += 1;
      if (!source.cells) {
        errors.push({ row: source.row, column: null, field: null, code: 'bad-record', message: source.problem });
        continue;
      }
      const typed = converter.convert(source.cells, source.row, errors);
      if (typed) rows.push({ _row: source.row, ...typed });
    }
  }
  return { fields: converter.fields, rows, errors, rowsRead };
}
