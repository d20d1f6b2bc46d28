import type { DetectedFormat, ImportKind, PiiKind, RowError } from '../../shared/import-schemas';
import { dateFormatById, parseDate, type DateFormat } from './dates';
import { KIND_FIELDS } from './kinds';
import { parseBoolean, parseNumber } from './numbers';

export type Value = string | number | boolean | null;
export type TypedRow = Record<string, Value>;
/** A record's values by field position (the converter's `fields` order). */
export type Slots = Array<Value | undefined>;

export type Converter = {
  fields: string[];
  /** Converts one record's cells, pushing problems into `errors`; returns null when the row is unusable. */
  convert(cells: string[], row: number, errors: RowError[]): TypedRow | null;
  /**
   * The same, with the values put in `slots` in `fields` order (a field left unset is undefined) instead of a new
   * object: the reading worker copies them onto the wire at once and reuses the array. False when unusable.
   */
  convertInto(cells: string[], row: number, errors: RowError[], slots: Slots): boolean;
};

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const MAX_TEXT = 10_000;

/** Builds the converter for a file: which column feeds which field, and how each value is read. */
export function createConverter(
  kind: ImportKind,
  headers: string[],
  mapping: Record<string, string>,
  detected: DetectedFormat,
  pseudonymise: (kind: PiiKind, value: string) => string,
  pseudonymised: ReadonlySet<PiiKind>,
): Converter {
  const specs = KIND_FIELDS[kind];
  const columns = Object.entries(mapping)
    .filter(([, field]) => field in specs)
    .map(([source, field]) => {
      const spec = specs[field] as (typeof specs)[string];
      // Decided once per column rather than for each of millions of cells: whether its values are pseudonymised.
      const pseudonymisedAs = spec.pii && pseudonymised.has(spec.pii) ? spec.pii : null;
      return { source, field, index: headers.indexOf(source), type: spec.type, pseudonymisedAs };
    })
    .filter((c) => c.index >= 0);
  const decimalComma = detected.decimalComma;
  const dateFormat: DateFormat | null = detected.dateFormat ? (dateFormatById(detected.dateFormat) ?? null) : null;
  const required = Object.entries(specs).filter(([, s]) => s.required).map(([f]) => f);
  const width = headers.length;

  // The row being converted and its problems. convert runs for every row of files with millions of them, so
  // nothing is made per row unless the row has a problem (not even the closure that records one).
  const current: { row: number; errors: RowError[]; ok: boolean } = { row: 0, errors: [], ok: true };
  const failed: { fields: Set<string> | null } = { fields: null };
  const problem = (column: string | null, field: string | null, code: string, message: string): void => {
    current.errors.push({ row: current.row, column, field, code, message });
    if (field) (failed.fields ??= new Set()).add(field);
    current.ok = false;
  };
  const hasFailed = (field: string): boolean => failed.fields !== null && failed.fields.has(field);
  // Per column: the last date text that parsed, and what it parsed to.
  const lastDates: Array<string | null> = columns.map(() => null);
  const lastParsed: Array<string | null> = columns.map(() => null);

  const fields = columns.map((c) => c.field);
  // Where each field's value sits in a record's slots (-1: no column feeds it).
  const slotOf = (field: string): number => fields.indexOf(field);
  const requiredSlots = required.map((field) => [field, slotOf(field)] as const);
  const customerIdSlot = slotOf('customerId');
  const emailSlot = slotOf('email');
  const ratingSlot = slotOf('rating');
  const unitPriceSlot = slotOf('unitPrice');
  const orderTotalSlot = slotOf('orderTotal');
  const at = (slots: Slots, slot: number): Value | undefined => (slot < 0 ? undefined : slots[slot]);

  function convertInto(cells: string[], row: number, errors: RowError[], out: Slots): boolean {
    current.row = row;
    current.errors = errors;
    current.ok = true;
    failed.fields = null;
    out.length = columns.length;
    out.fill(undefined);
    if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
      problem(null, null, 'column-count', `This row has ${cells.length} values but the header names ${width} columns. Check for an unquoted delimiter.`);
    }
    for (let c = 0; c < columns.length; c += 1) {
      const column = columns[c] as (typeof columns)[number];
      const { source, field, type } = column;
      const raw = (cells[column.index] ?? '').trim();
      if (raw === '') {
        out[c] = null;
        continue;
      }
      switch (type) {
        case 'number':
        case 'integer': {
          const n = parseNumber(raw, decimalComma);
          if (Number.isNaN(n)) problem(source, field, 'not-a-number', `"${clip(raw)}" is not a number.`);
          else if (type === 'integer' && !Number.isInteger(n)) problem(source, field, 'not-a-whole-number', `"${clip(raw)}" is not a whole number.`);
          else out[c] = n;
          break;
        }
        case 'date': {
          // The lines of one order share its date: the last value read in this column is often the next one.
          const parsed = lastDates[c] === raw ? (lastParsed[c] as string) : dateFormat ? parseDate(raw, dateFormat) : null;
          if (parsed === null) {
            problem(source, field, 'bad-date', dateFormat ? `"${clip(raw)}" is not a date in the format ${dateFormat.id}.` : `"${clip(raw)}" is not a date Localyst recognises.`);
          } else {
            lastDates[c] = raw;
            lastParsed[c] = parsed;
            out[c] = parsed;
          }
          break;
        }
        case 'boolean': {
          const b = parseBoolean(raw);
          if (b === null) problem(source, field, 'not-yes-no', `"${clip(raw)}" is not a yes/no value.`);
          else out[c] = b;
          break;
        }
        case 'email': {
          if (!EMAIL.test(raw)) problem(source, field, 'bad-email', `"${clip(raw)}" is not an e-mail address.`);
          else out[c] = column.pseudonymisedAs ? pseudonymise('email', raw) : raw;
          break;
        }
        default: {
          if (raw.length > MAX_TEXT) problem(source, field, 'too-long', `The value is longer than ${MAX_TEXT.toLocaleString('en')} characters.`);
          else out[c] = column.pseudonymisedAs ? pseudonymise(column.pseudonymisedAs, raw) : raw;
        }
      }
    }
    for (const [field, slot] of requiredSlots) {
      if (slot < 0) continue; // a missing mapping is refused before reading
      if (!hasFailed(field) && (out[slot] === null || out[slot] === undefined)) {
        problem(columns[slot]?.source ?? null, field, 'missing-value', `${specs[field]?.label ?? field} is required but empty.`);
      }
    }
    if (kind === 'customers' && at(out, customerIdSlot) == null && at(out, emailSlot) == null && !hasFailed('email')) {
      problem(columns.find((c) => c.field === 'customerId' || c.field === 'email')?.source ?? null, 'customerId', 'missing-value', 'A customer needs an id or an e-mail address.');
    }
    const rating = at(out, ratingSlot);
    if (kind === 'reviews' && typeof rating === 'number' && (rating < 1 || rating > 5)) {
      problem(columns.find((c) => c.field === 'rating')?.source ?? null, 'rating', 'out-of-range', `Stars must be 1 to 5, not ${rating}.`);
    }
    if (kind === 'orders' && at(out, unitPriceSlot) == null && at(out, orderTotalSlot) == null && (unitPriceSlot >= 0 || orderTotalSlot >= 0)) {
      problem(columns.find((c) => c.field === 'unitPrice' || c.field === 'orderTotal')?.source ?? null, 'unitPrice', 'missing-value', 'A line needs a unit price (or an order total).');
    }
    return current.ok;
  }

  const slots: Slots = [];
  return {
    fields,
    convertInto,
    convert(cells, row, errors) {
      if (!convertInto(cells, row, errors, slots)) return null;
      const out: TypedRow = {};
      for (let c = 0; c < fields.length; c += 1) out[fields[c] as string] = slots[c] as Value;
      return out;
    },
  };
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Required fields that no column is mapped to: the import cannot start without them. */
export function missingRequiredFields(kind: ImportKind, mapping: Record<string, string>): string[] {
  const mapped = new Set(Object.values(mapping));
  const missing = Object.entries(KIND_FIELDS[kind]).filter(([f, s]) => s.required && !mapped.has(f)).map(([f]) => f);
  if (kind === 'orders' && !mapped.has('unitPrice') && !mapped.has('orderTotal')) missing.push('unitPrice');
  if (kind === 'customers' && !mapped.has('customerId') && !mapped.has('email')) missing.push('customerId');
  return missing;
}
