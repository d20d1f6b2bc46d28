import type { FieldType, ImportField, PreviewResult, RowError } from '../../../../shared/import-schemas';
import type { Formatters } from '../../format/formatters';

export type Cell = PreviewResult['rows'][number][string];

/** One row of the preview grid: a typed row as it will be stored, or a row that cannot be imported. */
export type PreviewGridRow = {
  row: number;
  values: Record<string, Cell>;
  /** Set for a row that will not be imported; its values are then the raw text from the file, where known. */
  problems: RowError[] | null;
};

/**
 * The preview's typed rows and its problem rows, in file order. A problem row shows the file's own text where the
 * sample has it (the first 20 rows), so the marketer sees what was wrong.
 */
export function previewGridRows(
  preview: PreviewResult,
  mapping: Record<string, string>,
  headers: readonly string[],
  sampleRows: readonly string[][],
): PreviewGridRow[] {
  const rows: PreviewGridRow[] = preview.rows.map((typed) => {
    const { _row: row, ...values } = typed;
    return { row: typeof row === 'number' ? row : 0, values, problems: null };
  });
  const problemsByRow = new Map<number, RowError[]>();
  for (const error of preview.errors) problemsByRow.set(error.row, [...(problemsByRow.get(error.row) ?? []), error]);
  for (const [row, problems] of problemsByRow) {
    const raw = sampleRows[row - 2];
    const values: Record<string, Cell> = {};
    for (const [column, field] of Object.entries(mapping)) {
      const index = headers.indexOf(column);
      values[field] = raw && index >= 0 ? (raw[index] ?? null) : null;
    }
    rows.push({ row, values, problems });
  }
  return rows.sort((a, b) => a.row - b.row);
}

/** A stored value as the marketer reads it: numbers and dates in their locale, yes/no for booleans. */
export function formatStored(value: Cell, type: FieldType | undefined, format: Formatters, labels: { yes: string; no: string }): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  if (typeof value === 'number') return type === 'integer' ? format.integer(value) : format.number(value);
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    return value.endsWith('T00:00:00') ? format.date(value.slice(0, 10)) : format.wallTime(value);
  }
  return value;
}

export const fieldTypes = (fields: readonly ImportField[]): Map<string, FieldType> => new Map(fields.map((f) => [f.name, f.type]));
