/**
 * CSV cells (RFC 4180) that are safe to open in a spreadsheet: text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading single quote, as OWASP recommends.
 * Numbers are written as numbers, and text that is just a negative number stays as it is.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text that a spreadsheet would not take for a formula. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell: empty for null, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = defuseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export const csvLine = (cells: ReadonlyArray<string | number | boolean | null>): string => `${cells.map(csvCell).join(',')}\r\n`;
