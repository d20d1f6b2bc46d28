/**
 * Numbers as exports write them: `1,234.50`, `1.234,50` (decimal comma), `€ 12,99`, `(12.00)`, `-3`.
 * Returns NaN when the text is not a number, so the caller can report the cell.
 */
export function parseNumber(text: string, decimalComma: boolean): number {
  let s = text.trim();
  if (s === '') return Number.NaN;
  // The plain case first: most cells of most files.
  if (!decimalComma && isPlainNumber(s)) return Number(s);
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/[\s\u00a0€$£¥%]|EUR|USD|GBP/g, '');
  if (decimalComma) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return Number.NaN;
  const value = Number(s);
  return negative ? -value : value;
}

/**
 * `-?\d+(\.\d+)?` by character codes: a big import reads millions of numbers, and this costs a third of the
 * regular expression's test.
 */
function isPlainNumber(s: string): boolean {
  const length = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const digitsFrom = i;
  while (i < length && isDigit(s.charCodeAt(i))) i += 1;
  if (i === digitsFrom) return false;
  if (i === length) return true;
  if (s.charCodeAt(i) !== 46) return false; // '.'
  const fractionFrom = (i += 1);
  while (i < length && isDigit(s.charCodeAt(i))) i += 1;
  return i === length && i > fractionFrom;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Whether sample cells look like decimal-comma numbers (`12,50`, `1.234,50`) rather than thousands separators. */
export function looksDecimalComma(samples: string[]): boolean {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    const s = raw.trim();
    if (/^-?[\d.]*\d,\d{1,2}$/.test(s) || /^-?\d{1,3}(\.\d{3})+,\d+$/.test(s)) comma += 1;
    else if (/^-?\d+\.\d+$/.test(s) || /^-?\d{1,3}(,\d{3})+\.\d+$/.test(s)) dot += 1;
  }
  return comma > dot;
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'ja', 'oui', 'si', 'subscribed', 'opted in', 'x', 't']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'nee', 'nein', 'non', 'unsubscribed', 'not subscribed', 'f', '']);

/** Yes/no cells; null when the text is neither. */
export function parseBoolean(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}
