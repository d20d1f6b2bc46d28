import { importKinds, type ImportKind } from '../../shared/import-schemas';
import { KIND_FIELDS, normaliseHeader } from './kinds';
import { detectDateFormat } from './dates';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Maps headers to fields by name (aliases, in order of preference), then by content for what is left. */
export function suggestMapping(kind: ImportKind, headers: string[], samples: string[][]): Record<string, string> {
  const fields = KIND_FIELDS[kind];
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  const normalised = headers.map(normaliseHeader);
  // Exact alias matches, strongest alias first, so `email` beats `customer` for the e-mail field.
  for (const [field, spec] of Object.entries(fields)) {
    for (const alias of spec.aliases) {
      const index = normalised.findIndex((h, i) => h === alias && !(headers[i] as string in mapping));
      if (index >= 0 && !taken.has(field)) {
        mapping[headers[index] as string] = field;
        taken.add(field);
        break;
      }
    }
  }
  // Content: an unmapped column full of e-mail addresses or dates.
  headers.forEach((header, i) => {
    if (header in mapping) return;
    const values = samples.map((row) => row[i] ?? '').filter((v) => v.trim() !== '');
    if (values.length === 0) return;
    const emailField = Object.entries(fields).find(([, s]) => s.type === 'email')?.[0];
    if (emailField && !taken.has(emailField) && values.every((v) => EMAIL.test(v.trim()))) {
      mapping[header] = emailField;
      taken.add(emailField);
      return;
    }
    const dateField = Object.entries(fields).find(([name, s]) => s.type === 'date' && !taken.has(name))?.[0];
    if (dateField && detectDateFormat(values)) {
      mapping[header] = dateField;
      taken.add(dateField);
    }
  });
  return mapping;
}

/** The kind whose required fields and aliases the headers fit best. */
export function suggestKind(headers: string[]): ImportKind {
  const normalised = new Set(headers.map(normaliseHeader));
  let best: { kind: ImportKind; score: number } = { kind: 'orders', score: -1 };
  for (const kind of importKinds) {
    let score = 0;
    for (const spec of Object.values(KIND_FIELDS[kind])) {
      const hit = spec.aliases.some((a) => normalised.has(a));
      if (hit) score += spec.required ? 3 : 1;
      else if (spec.required) score -= 4;
    }
    if (score > best.score) best = { kind, score };
  }
  return best.kind;
}
