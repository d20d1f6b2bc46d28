// The customer explorer at one million customers: p50/p95 of a `customers.page` request per query shape, plus one
// health report and one full export. Builds the demo workspace once under os.tmpdir() and reuses it (delete the
// folder to rebuild). Modes are explained above SHAPES.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../src/engine';
import { exportCustomers } from '../src/engine/customers/export';
import { readCustomerPage } from '../src/engine/customers/customers-repo';
import { openWorkspace, type Db } from '../src/engine/db/open-workspace';
import {
  customerColumns,
  customerPageInputSchema,
  customerPageSchema,
  customerViewSchema,
  type CustomerView,
} from '../src/shared/customer-schemas';
import { buildOrReuseDemoWorkspace, demoWorkspaceDir } from './_demo-workspace';
import { percentile, report, round } from './lib';

const CUSTOMERS = 1_000_000;
const SEED = 42;
const DIR = demoWorkspaceDir('explorer', CUSTOMERS, SEED);
const control = { progress: () => undefined, checkCancelled: () => undefined };

type Built = { generatedSeconds: number | null; reused: boolean };

async function buildOrReuse(): Promise<Built> {
  const generatedSeconds = await buildOrReuseDemoWorkspace(DIR, CUSTOMERS, SEED);
  return { generatedSeconds, reused: generatedSeconds === null };
}

/**
 * `new view`: the first page after the user changes sort or filters, so the count is computed (page cache warm; the
 *   handler's code called directly with its memo off).
 * `scrolling`: AG Grid asking for the next block of the same view (engine.invoke): count remembered, each block
 *   continues after the previous one's last row.
 * `jump`: a block far from any served before (the scrollbar dragged): count remembered, OFFSET walks to it.
 * `after a commit`: another connection (an import job) committed just before, which also empties SQLite's page cache.
 */
type Mode = 'new view' | 'scrolling' | 'jump' | 'after a commit';
type Shape = { name: string; mode: Mode; runs: number; view: Partial<CustomerView>; offsets: (i: number) => number };

const nl = [{ field: 'country', op: 'equals', value: 'NL' }] as const;
const byRevenue = [{ field: 'revenue', dir: 'desc' }] as const;
const first = (): number => 0;
// Even-numbered 100-row blocks only: a block served leaves a cursor at the next (odd) block, which a jump never asks for.
const evenBlockWithin = (rows: number) => (i: number) => ((i * 7919) % (rows / 200)) * 200;
const SHAPES: Shape[] = [
  { name: 'revenue desc, country = NL', mode: 'new view', runs: 200, view: { sort: [...byRevenue], filters: [...nl] }, offsets: first },
  { name: 'revenue desc, country = NL', mode: 'jump', runs: 100, view: { sort: [...byRevenue], filters: [...nl] }, offsets: evenBlockWithin(10_000) },
  { name: 'revenue desc, country = NL', mode: 'scrolling', runs: 200, view: { sort: [...byRevenue], filters: [...nl] }, offsets: (i) => i * 100 },
  { name: 'revenue desc, country = NL', mode: 'after a commit', runs: 50, view: { sort: [...byRevenue], filters: [...nl] }, offsets: first },
  { name: 'revenue desc, revenue > 100', mode: 'new view', runs: 100, view: { sort: [...byRevenue], filters: [{ field: 'revenue', op: 'greaterThan', value: 100 }] }, offsets: first },
  { name: 'recency asc, city = Amsterdam', mode: 'new view', runs: 100, view: { sort: [{ field: 'recencyDays', dir: 'asc' }], filters: [{ field: 'city', op: 'equals', value: 'amsterdam' }] }, offsets: first },
  { name: 'last order desc, lastOrderDate < 2025-01-01', mode: 'new view', runs: 100, view: { sort: [{ field: 'lastOrderDate', dir: 'desc' }], filters: [{ field: 'lastOrderDate', op: 'lessThan', value: '2025-01-01' }] }, offsets: first },
  { name: 'name asc, no filter', mode: 'new view', runs: 100, view: { sort: [{ field: 'name', dir: 'asc' }] }, offsets: first },
  { name: 'customerId equals (lookup)', mode: 'new view', runs: 100, view: { filters: [{ field: 'customerId', op: 'equals', value: 'c012345' }] }, offsets: first },
  { name: 'aov desc, topCategory = Candles', mode: 'new view', runs: 50, view: { sort: [{ field: 'avgOrderValue', dir: 'desc' }], filters: [{ field: 'topCategory', op: 'equals', value: 'candles' }] }, offsets: first },
  { name: 'orders desc, NL and orders >= 3 (two tables)', mode: 'new view', runs: 30, view: { sort: [{ field: 'orders', dir: 'desc' }], filters: [...nl, { field: 'orders', op: 'greaterThanOrEqual', value: 3 }] }, offsets: first },
  { name: 'tenure desc (unindexed sort)', mode: 'new view', runs: 20, view: { sort: [{ field: 'tenureDays', dir: 'desc' }] }, offsets: first },
  { name: 'quick search "jansen", revenue desc', mode: 'new view', runs: 20, view: { sort: [...byRevenue], quickSearch: 'jansen' }, offsets: first },
  { name: 'quick search "jansen", revenue desc', mode: 'scrolling', runs: 40, view: { sort: [...byRevenue], quickSearch: 'jansen' }, offsets: (i) => i * 100 },
  { name: 'revenue desc, NL, at 100,000', mode: 'jump', runs: 20, view: { sort: [...byRevenue], filters: [...nl] }, offsets: (i) => 100_000 + i * 7_900 },
  { name: 'last order desc (nullable: no keyset)', mode: 'scrolling', runs: 100, view: { sort: [{ field: 'lastOrderDate', dir: 'desc' }] }, offsets: (i) => i * 100 },
];

/** Resolves when the next job of `kind` is done; rejects when it fails. */
function nextJobEnd(engine: Engine, kind: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = engine.onEvent((event, payload) => {
      const p = payload as { kind?: string; error?: { message: string } };
      if (p.kind !== kind || (event !== 'job.done' && event !== 'job.failed')) return;
      off();
      if (event === 'job.done') resolve();
      else reject(new Error(p.error?.message));
    });
  });
}

type Door = { engine: Engine; db: Db; touch: () => void };

/** One request as the handler runs it: input parsed, page read, output parsed (what engine.invoke adds around it). */
async function once(door: Door, shape: Shape, offset: number): Promise<{ ms: number; total: number }> {
  if (shape.mode === 'after a commit') door.touch();
  const raw = { ...shape.view, offset, limit: 100 };
  const started = performance.now();
  let total: number;
  if (shape.mode === 'new view') {
    const page = customerPageSchema.parse(readCustomerPage(door.db, customerPageInputSchema.parse(raw), { memo: false }));
    total = page.total;
  } else {
    const reply = await door.engine.invoke('customers.page', raw);
    if (!reply.ok) throw new Error(`${shape.name}: ${reply.error.message}`);
    total = (reply.value as { total: number }).total;
  }
  return { ms: performance.now() - started, total };
}

async function timeShape(door: Door, shape: Shape): Promise<Record<string, unknown>> {
  const ms: number[] = [];
  let total = 0;
  for (let i = -3; i < shape.runs; i++) {
    const r = await once(door, shape, shape.offsets(Math.max(0, i)));
    total = r.total;
    if (i >= 0) ms.push(r.ms); // the first three warm the page cache
  }
  return {
    shape: shape.name,
    mode: shape.mode,
    runs: shape.runs,
    matches: total,
    p50ms: round(percentile(ms, 50), 1),
    p95ms: round(percentile(ms, 95), 1),
    maxMs: round(Math.max(...ms), 1),
  };
}

const built = await buildOrReuse();
const loadBefore = os.loadavg().map((l) => round(l, 2));
const migrateStarted = performance.now();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-home-'));
const engine = await createEngine({ workspaceDir: DIR, home, slowMs: Number.POSITIVE_INFINITY });
const openSeconds = round((performance.now() - migrateStarted) / 1000, 1);
// A reused workspace from an older schema was backed up before migrating; the bench does not need that copy.
fs.rmSync(path.join(DIR, 'backups'), { recursive: true, force: true });
// A second connection whose commits make the engine's cached counts stale, as an import in a job worker would.
const other = new Database(path.join(DIR, 'workspace.sqlite'));
// (A write that leaves the page as it was does not count as a change, so each touch stores a new value.)
let touches = 0;
const touchSetting = other.prepare("INSERT INTO settings (key, value_json) VALUES ('bench.touch', ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json");
const touch = (): void => void touchSetting.run(String(++touches));

const direct = await openWorkspace(DIR);
const door: Door = { engine, db: direct.db, touch };
const rows: Array<Record<string, unknown>> = [];
for (const shape of SHAPES) {
  rows.push(await timeShape(door, shape));
  console.log(rows.at(-1));
}

const healthStarted = performance.now();
const healthDone = nextJobEnd(engine, 'customers.health');
const health = await engine.invoke('customers.health', {});
if (!health.ok) throw new Error(health.error.message);
await healthDone;
const healthSeconds = round((performance.now() - healthStarted) / 1000, 2);

const exportFile = path.join(home, 'all.csv');
const exportStarted = performance.now();
const exported = exportCustomers(
  other,
  { view: customerViewSchema.parse({ sort: [{ field: 'revenue', dir: 'desc' }] }), columns: [...customerColumns], reveal: false, file: exportFile },
  control,
);
const exportSeconds = round((performance.now() - exportStarted) / 1000, 1);
const exportMiB = round(fs.statSync(exportFile).size / 2 ** 20, 1);

other.close();
direct.db.close();
await engine.close();
fs.rmSync(home, { recursive: true, force: true });

report('explorer-page', rows, {
  customers: CUSTOMERS,
  seed: SEED,
  workspace: DIR,
  workspaceMiB: round(fs.statSync(path.join(DIR, 'workspace.sqlite')).size / 2 ** 20, 0),
  generatedSeconds: built.generatedSeconds,
  reusedWorkspace: built.reused,
  engineOpenSeconds: openSeconds,
  healthReportSeconds: healthSeconds,
  exportAllRows: { rows: exported.rows, seconds: exportSeconds, fileMiB: exportMiB },
  loadAverage: { before: loadBefore, after: os.loadavg().map((l) => round(l, 2)) },
  note:
    'Milliseconds per customers.page request (zod on input and output), limit 100; modes are described in ' +
    'bench/explorer-page.ts above SHAPES. engineOpenSeconds includes migrating a reused workspace once.',
});
