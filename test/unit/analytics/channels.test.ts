import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { buildPeriods, completePeriods } from '../../../src/engine/analytics/trends';
import { channels, type Channel, type ChannelOutput } from '../../../src/shared/contract';
import { tempDir } from '../helpers';
import { testWorkspace, type TestWorkspace } from '../customers/helpers';

async function value<K extends Channel>(engine: Engine, channel: K, input: unknown): Promise<ChannelOutput<K>> {
  const reply = await engine.invoke(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  expect(channels[channel].output.safeParse(reply.value).success, channel).toBe(true);
  return reply.value as ChannelOutput<K>;
}

describe('the analytics channels on a demo shop', () => {
  let tw: TestWorkspace;
  let engine: Engine;
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 1500, seed: 11 });
    tw.db.close();
    engine = await createEngine({ workspaceDir: tw.dir, home: path.join(tw.dir, '..', 'home') });
  });
  afterAll(async () => {
    await engine.close();
    tw.dispose();
  });

  it('trends by month are the dashboard’s monthly figures, with a seasonal forecast and a backtest', async () => {
    const dashboard = await value(engine, 'dashboard.summary', {});
    const trends = await value(engine, 'analytics.trends', { grain: 'month' });
    expect(trends.periods.map((p) => ({ month: p.period, revenue: p.revenue, orders: p.orders, customers: p.activeCustomers }))).toEqual(dashboard.revenueByMonth);
    expect(trends.horizon).toBe(3);
    const revenue = trends.forecasts.revenue;
    expect(revenue.model?.kind).toBe('holt-winters');
    expect(revenue.model?.period).toBe(12);
    expect(revenue.points).toHaveLength(3);
    expect(revenue.backtest?.baselineKind).toBe('seasonal-naive');
    expect(revenue.backtest?.ours.mae).toBeGreaterThan(0);
  });

  it('trends by week: ISO weeks, the same total revenue, a 13-week forecast after the last complete week', async () => {
    const weekly = await value(engine, 'analytics.trends', { grain: 'week' });
    expect((await value(engine, 'analytics.trends', {})).grain).toBe('week'); // the default
    const total = (t: typeof weekly): number => t.periods.reduce((s, p) => s + p.revenue, 0);
    expect(total(weekly)).toBeCloseTo(total(await value(engine, 'analytics.trends', { grain: 'month' })), 0);
    for (const p of weekly.periods) expect(new Date(`${p.period}T00:00:00Z`).getUTCDay()).toBe(1);
    const complete = completePeriods(weekly.periods);
    const forecast = weekly.forecasts.orders;
    expect(forecast.model).toMatchObject({ kind: 'holt-winters', period: 52, trainingPeriods: complete.length });
    expect(forecast.points).toHaveLength(13);
    const lastComplete = new Date(`${complete.at(-1)?.period}T00:00:00Z`).getTime();
    expect(new Date(`${forecast.points[0]?.period}T00:00:00Z`).getTime() - lastComplete).toBe(7 * 86_400_000);
    for (const p of forecast.points) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
    }
  });

  it('answers rfm and cohorts, and refuses unknown input keys', async () => {
    const rfm = await value(engine, 'analytics.rfm', {});
    expect(rfm.customers).toBeGreaterThan(0);
    const cohorts = await value(engine, 'analytics.cohorts', { metric: 'revenuePerCustomer', maxMonths: 6 });
    expect(cohorts.columns).toBe(7);
    const bad = await engine.invoke('analytics.cohorts', { metric: 'retention', months: 6 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('bad-input');
  });
});

describe('the analytics channels on an empty workspace', () => {
  let engine: Engine;
  let cleanup: () => void;
  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    engine = await createEngine({ workspaceDir: path.join(tmp.dir, 'ws'), home: path.join(tmp.dir, 'home') });
  });
  afterAll(async () => {
    await engine.close();
    cleanup();
  });

  it('answer empty results, and say what a forecast needs instead of a NaN', async () => {
    expect(await value(engine, 'analytics.rfm', {})).toMatchObject({ asOf: null, customers: 0, revenue: 0 });
    expect(await value(engine, 'analytics.cohorts', {})).toMatchObject({ cohorts: [], columns: 0 });
    const trends = await value(engine, 'analytics.trends', { grain: 'week' });
    expect(trends.periods).toEqual([]);
    expect(trends.forecasts.revenue).toMatchObject({ model: null, points: [], backtest: null });
    expect(trends.forecasts.revenue.message).toMatch(/at least 8 complete weeks/);
  });
});

describe('partial periods', () => {
  it('marks a first and a latest period the data covers only in part, and leaves them out of the forecast', () => {
    const rows = [
      { period: '2024-01-01', revenue: 10, orders: 1, customers: 1 },
      { period: '2024-01-15', revenue: 30, orders: 3, customers: 2 },
    ];
    const periods = buildPeriods(rows, { first: '2024-01-03', last: '2024-01-21' }, 'week');
    expect(periods.map((p) => [p.period, p.revenue, p.partial])).toEqual([
      ['2024-01-01', 10, true],
      ['2024-01-08', 0, false],
      ['2024-01-15', 30, false],
    ]);
    expect(periods[1]?.avgOrderValue).toBeNull();
    expect(completePeriods(periods).map((p) => p.period)).toEqual(['2024-01-08', '2024-01-15']);
    const months = buildPeriods([{ period: '2024-02', revenue: 5, orders: 1, customers: 1 }], { first: '2024-02-01', last: '2024-03-30' }, 'month');
    expect(months.map((p) => [p.period, p.partial])).toEqual([['2024-02', false], ['2024-03', true]]);
  });
});
