/**
 * Calendar periods for the trend series: ISO weeks (Monday to Sunday) named by their Monday, and calendar months.
 * Dates are plain calendar days (YYYY-MM-DD) handled as UTC day numbers, so no time zone can move a sale.
 */
import type { TrendGrain } from '../../shared/analytics-schemas';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(isoDate: string): number {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** The YYYY-MM-DD date of an epoch day. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the ISO week holding a date (1970-01-01 was a Thursday, so Monday is (day + 3) mod 7 = 0). */
export function weekStart(isoDate: string): string {
  const day = epochDay(isoDate);
  return isoDay(day - (((day + 3) % 7) + 7) % 7);
}

/** Julian day number of a week's Monday → its date; the SQL groups weeks by Julian day number (JDN mod 7 = 0 is Monday). */
export const JDN_OF_EPOCH = 2_440_588;
export const isoDayOfJdn = (jdn: number): string => isoDay(jdn - JDN_OF_EPOCH);

/** The period after `period` (a week's Monday or a YYYY-MM month). */
export function nextPeriod(period: string, grain: TrendGrain): string {
  if (grain === 'week') return isoDay(epochDay(period) + 7);
  const [y, m] = period.split('-').map(Number);
  const month = (y ?? 1970) * 12 + (m ?? 1); // the next month, 1-based
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** The first and last day (YYYY-MM-DD) of a period. */
export function periodDays(period: string, grain: TrendGrain): { first: string; last: string } {
  if (grain === 'week') return { first: period, last: isoDay(epochDay(period) + 6) };
  const first = `${period}-01`;
  return { first, last: isoDay(epochDay(`${nextPeriod(period, 'month')}-01`) - 1) };
}

/** The period holding a date. */
export const periodOf = (isoDate: string, grain: TrendGrain): string => (grain === 'week' ? weekStart(isoDate) : isoDate.slice(0, 7));

/** Every period from `first` to `last`, both included. */
export function periodRange(first: string, last: string, grain: TrendGrain): string[] {
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, grain)) out.push(p);
  return out;
}

/** `count` periods following `period`. */
export function periodsAfter(period: string, count: number, grain: TrendGrain): string[] {
  const out: string[] = [];
  let p = period;
  for (let i = 0; i < count; i++) out.push((p = nextPeriod(p, grain)));
  return out;
}

/** Whole months from month `from` to month `to` (YYYY-MM). */
export function monthsBetween(from: string, to: string): number {
  const index = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(to) - index(from);
}
