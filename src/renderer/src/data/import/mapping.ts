import type { ImportField } from '../../../../shared/import-schemas';

/** Field → the source column that fills it. */
export function fieldOwners(mapping: Record<string, string>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) owners.set(field, column);
  return owners;
}

/** Required fields no column fills yet. */
export const missingRequired = (fields: readonly ImportField[], mapping: Record<string, string>): ImportField[] => {
  const mapped = new Set(Object.values(mapping));
  return fields.filter((f) => f.required && !mapped.has(f.name));
};

/** Up to `max` distinct, non-empty values of one column in the sample rows. */
export function sampleValues(rows: readonly string[][], index: number, max: number): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = row[index]?.trim();
    if (value) seen.add(value);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** The mapping limited to the file's columns (a saved mapping may name columns this file does not have). */
export const mappingForHeaders = (mapping: Record<string, string>, headers: readonly string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(mapping).filter(([column]) => headers.includes(column)));
