/**
 * Date formats seen in shop exports, detected from sample values and parsed fast (hundreds of thousands of rows).
 * Day-first versus month-first is decided by values above 12; ambiguous samples default to day-first unless the
 * file says otherwise (US exports usually carry a time zone or a month name, handled by the ISO and text forms).
 */
export type DateFormat = {
  id: string;
  pattern: RegExp;
  /** Indexes of year, month, day, hour, minute, second in the match (0 = absent). */
  order: [number, number, number, number, number, number];
};

const T = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2}|UTC| ?[AP]M)?';

export const DATE_FORMATS: DateFormat[] = [
  { id: 'yyyy-MM-dd HH:mm:ss', pattern: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${T}$`), order: [1, 2, 3, 4, 5, 6] },
  { id: 'yyyy/MM/dd HH:mm', pattern: new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})${T}$`), order: [1, 2, 3, 4, 5, 6] },
  { id: 'dd/MM/yyyy HH:mm', pattern: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${T}$`), order: [3, 2, 1, 4, 5, 6] },
  { id: 'MM/dd/yyyy HH:mm', pattern: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${T}$`), order: [3, 1, 2, 4, 5, 6] },
  { id: 'dd.MM.yyyy HH:mm', pattern: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${T}$`), order: [3, 2, 1, 4, 5, 6] },
  { id: 'dd-MM-yyyy HH:mm', pattern: new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${T}$`), order: [3, 2, 1, 4, 5, 6] },
  { id: 'yyyyMMdd', pattern: /^(\d{4})(\d{2})(\d{2})$/, order: [1, 2, 3, 0, 0, 0] },
];

const byId = new Map(DATE_FORMATS.map((f) => [f.id, f]));
export const dateFormatIds = DATE_FORMATS.map((f) => f.id);

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses `text` in `format` to `YYYY-MM-DDTHH:MM:SS` (local wall time as written), or null when it does not fit. */
export function parseDate(text: string, format: DateFormat): string | null {
  if (format.id === 'yyyy-MM-dd HH:mm:ss' && text.length === 19 && isPlainIso(text)) {
    // The common case of big exports, without the regular expression: still range-checked.
    return checked(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)), Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19)));
  }
  const m = format.pattern.exec(text.trim());
  if (!m) return null;
  const [yi, mi, di, hi, ni, si] = format.order;
  const year = Number(m[yi]);
  const month = Number(m[mi]);
  const day = Number(m[di]);
  let hour = hi && m[hi] ? Number(m[hi]) : 0;
  const minute = ni && m[ni] ? Number(m[ni]) : 0;
  const second = si && m[si] ? Number(m[si]) : 0;
  if (/PM$/i.test(text.trim()) && hour < 12) hour += 12;
  if (/AM$/i.test(text.trim()) && hour === 12) hour = 0;
  return checked(year, month, day, hour, minute, second);
}

/** `YYYY-MM-DD HH:MM:SS` or with a `T`: digits where digits belong. */
function isPlainIso(t: string): boolean {
  for (let i = 0; i < 19; i += 1) {
    const c = t.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45) return false;
    } else if (i === 10) {
      if (c !== 32 && c !== 84) return false;
    } else if (i === 13 || i === 16) {
      if (c !== 58) return false;
    } else if (c < 48 || c > 57) return false;
  }
  return true;
}

function checked(year: number, month: number, day: number, hour: number, minute: number, second: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

export function dateFormatById(id: string): DateFormat | undefined {
  return byId.get(id);
}

/** The format that parses every non-empty sample, preferring day-first when both fit; null when none does. */
export function detectDateFormat(samples: string[]): DateFormat | null {
  const values = samples.map((s) => s.trim()).filter((s) => s.length > 0);
  if (values.length === 0) return null;
  let best: { format: DateFormat; fits: number } | null = null;
  for (const format of DATE_FORMATS) {
    const fits = values.filter((v) => parseDate(v, format) !== null).length;
    if (fits > (best?.fits ?? 0)) best = { format, fits };
  }
  // A format must read nearly all samples: the rest are reported as bad dates, not guessed.
  return best && best.fits >= Math.max(1, Math.ceil(values.length * 0.8)) ? best.format : null;
}
