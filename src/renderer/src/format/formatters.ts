/** Number, money and date formatting in the user's locale; currency comes from the workspace. */
export type Formatters = {
  integer: (value: number) => string;
  decimal: (value: number, digits?: number) => string;
  /** A number with as many decimals as it has (up to 6): 12.5, 1,234, 0.125. */
  number: (value: number) => string;
  percent: (fraction: number) => string;
  money: (value: number, currency: string) => string;
  /** Money rounded to whole units, for large totals. */
  wholeMoney: (value: number, currency: string) => string;
  compactMoney: (value: number, currency: string) => string;
  /** A calendar date given as YYYY-MM-DD, e.g. "3 Mar 2024". */
  date: (isoDate: string) => string;
  /** An ISO timestamp with time of day. */
  dateTime: (isoTimestamp: string) => string;
  /** A wall-clock time written without a zone (`2024-02-03T10:15:00`), shown as written. */
  wallTime: (isoLocal: string) => string;
  /** A month given as YYYY-MM: short ("Mar 2024") or long ("March 2024"). */
  month: (isoMonth: string, style: 'short' | 'long') => string;
  /** A duration in seconds, e.g. "45 s", "3 min", "1 h 20 min". */
  duration: (seconds: number) => string;
};

const utcDate = (isoDate: string): Date => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
};

export function createFormatters(locale: string): Formatters {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const plainNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const wallTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthLong = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const moneyCache = new Map<string, Intl.NumberFormat>();
  const moneyOptions = {
    exact: {},
    whole: { minimumFractionDigits: 0, maximumFractionDigits: 0 },
    compact: { notation: 'compact', maximumFractionDigits: 1 },
  } as const satisfies Record<string, Intl.NumberFormatOptions>;
  const moneyFormat = (currency: string, style: keyof typeof moneyOptions): Intl.NumberFormat => {
    const key = `${currency}:${style}`;
    let format = moneyCache.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, ...moneyOptions[style] });
      moneyCache.set(key, format);
    }
    return format;
  };
  const unit = (value: number, name: 'second' | 'minute' | 'hour'): string =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value);

  return {
    integer: (value) => integer.format(value),
    decimal: (value, digits = 1) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
    number: (value) => plainNumber.format(value),
    percent: (fraction) => percent.format(fraction),
    money: (value, currency) => moneyFormat(currency, 'exact').format(value),
    wholeMoney: (value, currency) => moneyFormat(currency, 'whole').format(value),
    compactMoney: (value, currency) => moneyFormat(currency, 'compact').format(value),
    date: (isoDate) => dateFormat.format(utcDate(isoDate)),
    dateTime: (isoTimestamp) => dateTimeFormat.format(new Date(isoTimestamp)),
    // Read as UTC and shown in UTC, so the time is exactly the one written, whatever this computer's zone.
    wallTime: (isoLocal) => wallTimeFormat.format(new Date(`${isoLocal.slice(0, 19)}Z`)),
    month: (isoMonth, style) => (style === 'short' ? monthShort : monthLong).format(utcDate(`${isoMonth}-01`)),
    duration: (seconds) => {
      const s = Math.max(0, Math.round(seconds));
      if (s < 60) return unit(s, 'second');
      if (s < 3600) return unit(Math.round(s / 60), 'minute');
      const h = Math.floor(s / 3600);
      const m = Math.round((s % 3600) / 60);
      return m ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
    },
  };
}

/** The user's locale (numbers and dates follow it even though the interface is in English). */
export const userLocale = (): string => navigator.languages[0] ?? navigator.language ?? 'en';
