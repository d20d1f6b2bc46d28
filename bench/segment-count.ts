// Segment counts at one million customers, for ten rules of increasing complexity: p50/p95 of the compiled SQL
// (countRule), of the in-memory columnar index (live-index.ts, liveCount) and of a `segments.count` request
// (engine.invoke, as the rule builder sends it while the user edits; answered from the index once it is built), plus
// the index's build time (synchronous, and in the background as the engine runs it). Builds the demo workspace once under
// os.tmpdir() and reuses it (delete the folder to rebuild). Model scores are written as a trained churn model and a
// lifetime-value fit would leave them (buyers only), so score conditions select realistic shares.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../src/engine';
import { readAsOf } from '../src/engine/customers/customers-repo';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import { countRule } from '../src/engine/segments/count';
import { buildLiveIndex, liveCount } from '../src/engine/segments/live-index';
import type { SegmentCount, SegmentRule } from '../src/shared/segment-schemas';
import { percentile, report, round } from './lib';

const CUSTOMERS = 1_000_000;
const SEED = 42;
const RUNS = 9;
const DIR = path.join(os.tmpdir(), `localyst-bench-segments-${CUSTOMERS}-s${SEED}`);
const MARKER = path.join(DIR, 'complete.json');
const SCORED = path.join(DIR, 'scored.json');
const control = { progress: () => undefined, checkCancelled: () => undefined };

async function buildOrReuse(): Promise<{ generatedSeconds: number | null }> {
  let generatedSeconds: number | null = null;
  if (!fs.existsSync(MARKER)) {
    fs.rmSync(DIR, { recursive: true, force: true });
    console.log(`Generating a ${CUSTOMERS.toLocaleString('en')}-customer demo workspace in ${DIR} (a few minutes)…`);
    const started = performance.now();
    const ws = await openWorkspace(DIR);
    ws.db.transaction(() => generateDemo(ws.db, { customers: CUSTOMERS, seed: SEED }, control)).immediate();
    ws.db.close();
    generatedSeconds = round((performance.now() - started) / 1000, 1);
    fs.writeFileSync(MARKER, JSON.stringify({ customers: CUSTOMERS, seed: SEED, generatedSeconds }));
  }
  if (!fs.existsSync(SCORED)) {
    console.log('Writing model scores and refreshing the customer figures (RFM segments included)…');
    const ws = await openWorkspace(DIR);
    ws.db.transaction(() => {
      ws.db.prepare('DELETE FROM customer_scores').run();
      ws.db
        .prepare(
          `INSERT INTO customer_scores (customer_id, churn_risk, p_alive, expected_purchases, clv)
           SELECT o.customer_id, (o.customer_id * 37 % 101) / 100.0, (o.customer_id * 13 % 89) / 88.0, (o.customer_id % 23) / 7.0,
                  round((o.customer_id * 7919 % 5003) / 3.0, 2)
           FROM (SELECT DISTINCT customer_id FROM orders WHERE customer_id IS NOT NULL) o`,
        )
        .run();
      refreshCustomerMetrics(ws.db);
    }).immediate();
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    ws.db.close();
    fs.writeFileSync(SCORED, JSON.stringify({ at: new Date().toISOString() }));
  }
  return { generatedSeconds };
}

/** Ten rules, from one indexed condition to nested groups of conditions and events. */
const RULES: Array<{ name: string; rule: SegmentRule }> = [
  { name: '1 country = NL', rule: { field: 'country', op: '=', value: 'NL' } },
  { name: '2 recency > 180 days', rule: { field: 'recencyDays', op: '>', value: 180 } },
  { name: '3 country in 3 and orders >= 3', rule: { all: [{ field: 'country', op: 'in', value: ['NL', 'BE', 'DE'] }, { field: 'orders', op: '>=', value: 3 }] } },
  {
    name: '4 RFM Champions/Loyal or CLV > 1000',
    rule: { any: [{ field: 'rfmSegment', op: 'in', value: ['Champions', 'Loyal'] }, { field: 'clv', op: '>', value: 1000 }] },
  },
  {
    name: '5 AOV 50–200, consent, churn risk > 0.7',
    rule: {
      all: [
        { field: 'avgOrderValue', op: 'between', value: [50, 200] },
        { field: 'acceptsMarketing', op: '=', value: true },
        { field: 'churnRisk', op: '>', value: 0.7 },
      ],
    },
  },
  { name: '6 bought Candles', rule: { event: 'purchased', category: 'Candles' } },
  { name: '7 bought Candles ≥ 2× in 90 days', rule: { event: 'purchased', category: 'Candles', minTimes: 2, withinDays: 90 } },
  {
    name: '8 NL, bought Garden in 365 d, no negative review',
    rule: {
      all: [
        { field: 'country', op: '=', value: 'NL' },
        { event: 'purchased', category: 'Garden', withinDays: 365 },
        { not: { event: 'reviewed', sentiment: 'negative' } },
      ],
    },
  },
  {
    name: '9 clicked in 180 d, or got win-back and orders ≥ 2',
    rule: {
      any: [
        { event: 'responded', response: 'clicked', withinDays: 180 },
        { all: [{ event: 'received', campaign: 'CMP-2026-WINBACK' }, { field: 'orders', op: '>=', value: 2 }] },
      ],
    },
  },
  {
    name: '10 nested: 5 fields, 4 events, NOT',
    rule: {
      all: [
        { any: [{ field: 'country', op: '=', value: 'NL' }, { field: 'country', op: '=', value: 'BE' }] },
        { field: 'recencyDays', op: 'between', value: [30, 365] },
        { field: 'city', op: 'contains', value: 'a' },
        { not: { event: 'purchased', category: 'Kitchen', withinDays: 365 } },
        { any: [{ event: 'reviewed', sentiment: 'positive' }, { event: 'responded', response: 'converted' }] },
        { event: 'purchased', product: 'CAN-004', maxTimes: 3 },
        { field: 'signupDate', op: '<', value: '2025-01-01' },
      ],
    },
  },
];

const NOTES = [
  'sqlP50Ms/sqlP95Ms: the compiled SQL (countRule) on its own connection; memP50Ms/memP95Ms: liveCount on the in-memory index; engineP50Ms/engineP95Ms: segments.count through engine.invoke once its background build has finished.',
  'SQL: ranges on figures scan customer_metrics (~125 ms a million rows); rules on customers columns join both tables; purchase events read every matching order line and look up its order (1–2.6 s).',
  'In memory: one pass over typed arrays per condition (Float64Array figures, day numbers, dictionary codes of ASCII-lowercased text); purchase events walk the per-product order lists with a per-customer counter.',
  'The index is built from five scans (customers with figures, sale orders, order lines, campaign results, reviews); the engine builds it in the background on a read-only connection, a slice of rows per event-loop turn, after the first count following a data change, and answers by SQL meanwhile.',
];

const time = <T>(f: () => T): { ms: number; value: T } => {
  const started = performance.now();
  const value = f();
  return { ms: performance.now() - started, value };
};

function stats(times: number[]): { p50: number; p95: number } {
  return { p50: round(percentile(times, 50), 1), p95: round(percentile(times, 95), 1) };
}

async function main(): Promise<void> {
  const built = await buildOrReuse();
  const loadBefore = round(os.loadavg()[0] ?? 0, 2);
  const ws = await openWorkspace(DIR);
  const db = ws.db;
  const asOf = readAsOf(db);
  const rssBefore = process.memoryUsage().rss;
  const build = time(() => db.transaction(() => buildLiveIndex(db))());
  const index = build.value;
  const indexMiB = round((process.memoryUsage().rss - rssBefore) / 2 ** 20, 0);
  console.log(`Index built in ${round(build.ms / 1000, 2)} s`, index.buildSteps);
  const direct: Array<{ sql: number[]; mem: number[]; count: number; share: number }> = [];
  for (const { name, rule } of RULES) {
    const sql: number[] = [];
    const mem: number[] = [];
    let want: SegmentCount | null = null;
    for (let i = 0; i < RUNS + 2; i++) {
      const s = time(() => countRule(db, rule, asOf));
      const m = time(() => liveCount(index, rule, index.asOf));
      if (m.value.count !== s.value.count) throw new Error(`${name}: in memory ${m.value.count} ≠ SQL ${s.value.count}`);
      want = s.value;
      if (i >= 2) {
        sql.push(s.ms);
        mem.push(m.ms);
      }
    }
    direct.push({ sql, mem, count: want?.count ?? 0, share: want?.shareCustomers ?? 0 });
  }
  db.close();

  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-home-'));
  const engine = await createEngine({ workspaceDir: DIR, home, create: false, slowMs: 60_000 });
  const rows: Array<Record<string, unknown>> = [];
  let backgroundSeconds = 0;
  try {
    // The first count starts the background build; wait for it with a cheap rule (SQL ~150 ms, in memory ~10 ms),
    // since every count answered by SQL meanwhile holds the build up.
    const probe = (RULES[1] as { rule: SegmentRule }).rule;
    const started = performance.now();
    for (;;) {
      const t = performance.now();
      const res = await engine.invoke('segments.count', { rule: probe });
      if (!res.ok) throw new Error(res.error.message);
      if (performance.now() - t < 100) break;
      if (performance.now() - started > 300_000) throw new Error('the index was not built within 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    backgroundSeconds = round((performance.now() - started) / 1000, 1);
    for (const [k, { name, rule }] of RULES.entries()) {
      const times: number[] = [];
      let last: SegmentCount | null = null;
      for (let i = 0; i < RUNS + 2; i++) {
        const t = performance.now();
        const res = await engine.invoke('segments.count', { rule });
        const ms = performance.now() - t;
        if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
        last = res.value as SegmentCount;
        if (i >= 2) times.push(ms);
      }
      const d = direct[k] as (typeof direct)[number];
      if (last?.count !== d.count) throw new Error(`${name}: engine ${last?.count} ≠ SQL ${d.count}`);
      const sql = stats(d.sql);
      const mem = stats(d.mem);
      const eng = stats(times);
      rows.push({
        rule: name,
        count: d.count,
        shareCustomers: round(d.share, 4),
        sqlP50Ms: sql.p50,
        sqlP95Ms: sql.p95,
        memP50Ms: mem.p50,
        memP95Ms: mem.p95,
        engineP50Ms: eng.p50,
        engineP95Ms: eng.p95,
        over150Ms: eng.p50 > 150,
      });
    }
  } finally {
    await engine.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
  // The 1-minute load average before and after: on a shared machine it explains more of the spread than the rules do.
  report('segment-count', rows, {
    customers: CUSTOMERS,
    seed: SEED,
    runsPerRule: RUNS,
    generatedSeconds: built.generatedSeconds,
    indexBuildSeconds: round(build.ms / 1000, 2),
    indexBuildStepsMs: index.buildSteps,
    indexBackgroundSeconds: backgroundSeconds,
    indexRssMiB: indexMiB,
    notes: NOTES,
    loadBefore,
    loadAfter: round(os.loadavg()[0] ?? 0, 2),
  });
}

void main();
