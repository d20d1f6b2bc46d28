import type { HandlerMap } from '../router';
import { readRevenueByMonth, readSalesTotals, readStats, roundMoney } from '../db/stats-repo';
import { readSettings } from '../workspace/settings';

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
} satisfies Partial<HandlerMap>;
