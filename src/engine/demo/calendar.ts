import { exponential, type Rng } from '../kernel/random';

/**
 * The demo's fixed history window and its seasonal rhythm. Time inside the generator is a number of days since
 * the window's start (shop-local time, handled as UTC so there are no daylight-saving gaps); it becomes text only
 * when a row is written. The window is fixed, never "the last three years from today", so that a seed always
 * gives the same shop.
 */

/** The last day of demo history (inclusive). */
export const DEMO_END_DATE = '2026-10-31';
export const DEMO_HISTORY_YEARS = 3;
/** The first day of demo history: three years before the day after DEMO_END_DATE. */
export const DEMO_START_DATE = '2023-11-01';

const DAY_MS = 86_400_000;
const START_MS = Date.parse(`${DEMO_START_DATE}T00:00:00Z`);
/** Length of the window in days; a time t in [0, WINDOW_DAYS) lies inside it. */
export const WINDOW_DAYS = (Date.parse(`${DEMO_END_DATE}T00:00:00Z`) + DAY_MS - START_MS) / DAY_MS;
export const DAYS_PER_YEAR = 365.25;

/**
 * Whole seconds since the window's start: the resolution rows are written at. The tiny nudge keeps a time that is
 * meant to fall on a second (a campaign's send) from landing just below it through floating-point rounding.
 */
export const secondOf = (t: number): number => Math.floor(t * 86_400 + 1e-6);

/** 'YYYY-MM-DDTHH:MM:SS', no zone: the shop's local time as the orders table stores it. */
export const timestampOfSecond = (second: number): string =>
  new Date(START_MS + second * 1000).toISOString().slice(0, 19);

export const timestampAt = (t: number): string => timestampOfSecond(secondOf(t));

/** The window second of a 'YYYY-MM-DDTHH:MM:SS' timestamp. */
export const secondOfTimestamp = (timestamp: string): number => (Date.parse(`${timestamp}Z`) - START_MS) / 1000;

export const dateAt = (t: number): string => timestampAt(t).slice(0, 10);

/** The window time of a 'YYYY-MM-DDTHH:MM:SS' timestamp. */
export const timeOf = (timestamp: string): number => (Date.parse(`${timestamp}Z`) - START_MS) / DAY_MS;

/** Calendar month (0 = January) of a window time. */
export const monthAt = (t: number): number => new Date(START_MS + Math.floor(t) * DAY_MS).getUTCMonth();

// Relative demand by calendar month (January first): a gifting peak in November and December, a summer dip,
// a lift in spring. Weekdays from Monday; Sunday evening is when people shop for the home online.
const MONTH_DEMAND = [0.85, 0.8, 0.95, 1.0, 0.95, 0.85, 0.72, 0.78, 0.95, 1.05, 1.45, 1.65];
const WEEKDAY_DEMAND = [1.05, 1.0, 1.0, 0.98, 0.9, 0.85, 1.22];
const HOUR_DEMAND = [
  0.25, 0.12, 0.07, 0.05, 0.05, 0.1, 0.25, 0.5, 0.8, 1.0, 1.1, 1.2, 1.35, 1.25, 1.1, 1.05, 1.05, 1.15, 1.35, 1.65, 1.85,
  1.75, 1.25, 0.65,
];

/** Demand intensity per day and per hour, each with mean 1, and the peak of their product (for thinning). */
export type Seasonality = { day: Float64Array; hour: Float64Array; peak: number };

/** The shop's demand rhythm over the window: month × weekday × shopping events, and hour of day. */
export function buildSeasonality(): Seasonality {
  const day = new Float64Array(Math.ceil(WINDOW_DAYS) + 1);
  for (let d = 0; d < day.length; d++) {
    const date = new Date(START_MS + d * DAY_MS);
    const weekday = (date.getUTCDay() + 6) % 7;
    day[d] = (MONTH_DEMAND[date.getUTCMonth()] ?? 1) * (WEEKDAY_DEMAND[weekday] ?? 1) * eventBoost(date);
  }
  const hour = Float64Array.from(HOUR_DEMAND);
  normalise(day);
  normalise(hour);
  return { day, hour, peak: Math.max(...day) * Math.max(...hour) };
}

// Days after (US) Thanksgiving: Black Friday, the weekend, Cyber Monday (which can fall in December).
const SHOPPING_EVENTS: Readonly<Record<number, number>> = { 1: 2.6, 2: 1.6, 3: 1.6, 4: 1.9 };

/** Black Friday weekend and Cyber Monday lift demand; the days around Christmas, after the last delivery date, sag. */
function eventBoost(date: Date): number {
  const year = date.getUTCFullYear();
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const thanksgiving = Date.UTC(year, 10, 1 + ((4 - firstWeekday + 7) % 7) + 21);
  const shopping = SHOPPING_EVENTS[Math.round((date.getTime() - thanksgiving) / DAY_MS)] ?? 1;
  const dayOfMonth = date.getUTCDate();
  const christmas = date.getUTCMonth() === 11 && dayOfMonth >= 21 && dayOfMonth <= 26 ? 0.55 : 1;
  return shopping * christmas;
}

function normalise(values: Float64Array): void {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / mean;
}

/** Relative demand at window time t (mean 1 over the window). */
export function demandAt(season: Seasonality, t: number): number {
  const d = Math.floor(t);
  const h = Math.floor((t - d) * 24);
  return (season.day[d] ?? 1) * (season.hour[h] ?? 1);
}

/**
 * The next event after `from` of a Poisson process whose rate is `ratePerDay` × demand, by thinning (Lewis and
 * Shedler): candidates at the peak rate, each kept with probability demand / peak. Infinity when none before `until`.
 */
export function nextArrival(rng: Rng, season: Seasonality, ratePerDay: number, from: number, until: number): number {
  if (!(ratePerDay > 0)) return Infinity;
  const peakRate = ratePerDay * season.peak;
  let t = from;
  for (;;) {
    t += exponential(rng, peakRate);
    if (t >= until) return Infinity;
    if (rng() * season.peak < demandAt(season, t)) return t;
  }
}
