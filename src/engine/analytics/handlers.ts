import type { HandlerMap } from '../kernel/handler-types';
import { readRevenueByMonth, readSalesTotals, readStats, roundMoney } from '../db/stats-repo';
import { readSettings } from '../workspace/settings';
import { computeCohorts } from './cohorts';
import { memoised } from '../kernel/memo';
import { computeRfmSummary } from './rfm';
import { computeTrends } from './trends';

export const analyticsHandlers = {
  'dashboard.summary': (_input, ctx) => {
    const db = ctx.workspace().db;
    const stats = readStats(db);
    const totals = readSalesTotals(db);
    return {
      customers: stats.customers,
      orders: totals.saleOrders,
      revenue: stats.revenue,
      avgOrderValue: totals.saleOrders > 0 ? roundMoney(stats.revenue / totals.saleOrders) : null,
      returns: totals.returns,
      currency: readSettings(db).currency,
      firstOrderDate: totals.firstOrderDate,
      lastOrderDate: totals.lastOrderDate,
      revenueByMonth: readRevenueByMonth(db),
    };
  },
  // An empty workspace answers with empty results (no customers, cohorts or periods): the page says what to do.
  'analytics.rfm': (_input, ctx) => {
    const db = ctx.workspace().db;
    const { currency } = readSettings(db);
    return memoised(db, `rfm:${currency}`, () => computeRfmSummary(db, currency));
  },
  'analytics.cohorts': (input, ctx) => {
    const db = ctx.workspace().db;
    const { currency } = readSettings(db);
    return memoised(db, `cohorts:${input.metric}:${input.maxMonths}:${currency}`, () => computeCohorts(db, { ...input, currency }));
  },
  'analytics.trends': (input, ctx) => {
    const db = ctx.workspace().db;
    const { currency } = readSettings(db);
    return memoised(db, `trends:${input.grain}:${currency}`, () => computeTrends(db, input.grain, currency));
  },
} satisfies Partial<HandlerMap>;
