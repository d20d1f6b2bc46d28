/**
 * Monthly acquisition cohorts: customers grouped by the month of their first sale order. For each cohort and each
 * month k after acquisition (k = 0 is the acquisition month itself, so its retention is 100 %): the customers who
 * placed a sale order that month (retention = that share of the cohort), the cohort's sales revenue that month and
 * that revenue per cohort customer. Months after the latest sale are not shown; the latest month is marked partial
 * when the data ends before its last day.
 */
import type { CohortMetric, Cohorts } from '../../shared/analytics-schemas';
import type { Db } from '../db/open-workspace';
import { readCohortCells, readCohortSizes, readLatestSale, type CohortCell } from './analytics-repo';
import { monthsBetween, periodDays } from './periods';

export type CohortOptions = { metric: CohortMetric; maxMonths: number; currency: string };

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The cohort matrix from cohort sizes and (cohort, month) cells; pure, so it is tested on hand-made cells. */
export function buildCohorts(
  sizes: ReadonlyArray<{ cohort: string; size: number }>,
  cells: readonly CohortCell[],
  asOf: string | null,
  options: CohortOptions,
): Cohorts {
  const { metric, maxMonths, currency } = options;
  const lastMonth = asOf?.slice(0, 7) ?? null;
  const lastMonthPartial = asOf !== null && lastMonth !== null && asOf.slice(0, 10) < periodDays(lastMonth, 'month').last;
  const byCohort = new Map<string, CohortCell[]>();
  for (const cell of cells) {
    const list = byCohort.get(cell.cohort);
    if (list) list.push(cell);
    else byCohort.set(cell.cohort, [cell]);
  }
  let columns = 0;
  const cohorts = sizes.map(({ cohort, size }) => {
    const observed = lastMonth === null ? 1 : Math.max(1, monthsBetween(cohort, lastMonth) + 1);
    const length = Math.min(observed, maxMonths + 1);
    columns = Math.max(columns, length);
    const active = new Array<number>(length).fill(0);
    const revenue = new Array<number>(length).fill(0);
    for (const cell of byCohort.get(cohort) ?? []) {
      const k = monthsBetween(cohort, cell.month);
      if (k < 0 || k >= length) continue;
      active[k] = cell.active;
      revenue[k] = cell.revenue;
    }
    const retention = active.map((a) => (size > 0 ? Math.min(1, a / size) : 0));
    const perCustomer = revenue.map((r) => (size > 0 ? round2(r / size) : 0));
    const rounded = revenue.map(round2);
    const values = metric === 'retention' ? retention : metric === 'revenue' ? rounded : perCustomer;
    return { cohort, size, active, retention, revenue: rounded, revenuePerCustomer: perCustomer, values };
  });
  const average = Array.from({ length: columns }, (_, k) => {
    const reached = cohorts.filter((c) => c.active.length > k);
    if (reached.length === 0) return null;
    const customers = reached.reduce((sum, c) => sum + c.size, 0);
    if (metric === 'retention') return customers > 0 ? reached.reduce((sum, c) => sum + (c.active[k] as number), 0) / customers : null;
    const revenue = reached.reduce((sum, c) => sum + (c.revenue[k] as number), 0);
    return metric === 'revenue' ? round2(revenue / reached.length) : customers > 0 ? round2(revenue / customers) : null;
  });
  return { metric, asOf: asOf?.slice(0, 10) ?? null, currency, maxMonths, columns, lastMonthPartial, cohorts, average };
}

/** The workspace's cohort matrix. */
export function computeCohorts(db: Db, options: CohortOptions): Cohorts {
  return buildCohorts(readCohortSizes(db), readCohortCells(db), readLatestSale(db), options);
}
