// The explorer's quick search and the data health report at one million customers: p50/p95 of a first page of a
// quick search (the count is computed, as after each keystroke), and the health report's time and how long the engine
// thread is blocked meanwhile, computed on that thread (as the old request did) and as the customers.health job.
// Builds its own demo workspace once under os.tmpdir() and reuses it (delete the folder to rebuild); a reused
// workspace is migrated once on open (the time is recorded). `--label before|after` names the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../src/engine';
import { healthReport } from '../src/engine/customers/health';
import { readCustomerPage } from '../src/engine/customers/customers-repo';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { localDay } from '../src/engine/kernel/exports';
import { customerPageInputSchema, customerPageSchema } from '../src/shared/customer-schemas';
import { buildOrReuseSearchWorkspace, SEARCH_CUSTOMERS, SEARCH_DIR, SEARCH_SEED } from './_demo-workspace';
import { percentile, report, round } from './lib';

const CUSTOMERS = SEARCH_CUSTOMERS;
const SEED = SEARCH_SEED;
const DIR = SEARCH_DIR;
const label = process.argv.includes('--label') ? String(process.argv[process.argv.indexOf('--label') + 1]) : 'run';
const buildOrReuse = buildOrReuseSearchWorkspace;

// Terms a user types: a common surname, a city, an e-mail domain, a customer id, a rare string, and short ones.
const TERMS = ['jansen', 'amsterdam', 'example.com', 'c012345', 'zzq', 'van d', 'ja', 'j'];
const SORTS = [[{ field: 'revenue', dir: 'desc' }], []] as const;

async function timeSearch(term: string, sort: (typeof SORTS)[number], runs: number): Promise<Record<string, unknown>> {
  const ms: number[] = [];
  let total = 0;
  for (let i = -2; i < runs; i++) {
    const raw = { offset: 0, limit: 100, sort, quickSearch: term };
    const started = performance.now();
    // The handler's code with its memo off: every request counts again, as a new keystroke does.
    const page = customerPageSchema.parse(readCustomerPage(db, customerPageInputSchema.parse(raw), { memo: false }));
    if (i >= 0) ms.push(performance.now() - started);
    total = page.total;
  }
  return {
    step: `quick search "${term}"${sort.length ? ', revenue desc' : ''}`,
    runs,
    matches: total,
    p50ms: round(percentile(ms, 50), 1),
    p95ms: round(percentile(ms, 95), 1),
    maxMs: round(Math.max(...ms), 1),
  };
}

/**
 * The longest the engine's thread was kept from its other work while `work` ran: the lateness of a 20 ms timer (the
 * bench holds the engine in its own process, so a request that computes on that thread shows up here).
 */
async function withLag<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; engineBlockedMs: number }> {
  let worst = 0;
  let expected = performance.now() + 20;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - expected);
    expected = now + 20;
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    // A block that ends just now has not let the timer fire yet: count it too.
    worst = Math.max(worst, performance.now() - expected);
    return { value, seconds: round((performance.now() - started) / 1000, 2), engineBlockedMs: round(worst, 0) };
  } finally {
    clearInterval(timer);
  }
}

/** Data health the old way (the `health.report` request computed it on the engine's thread) and as the job. */
async function timeHealth(engine: Engine): Promise<Array<Record<string, unknown>>> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const old = await withLag(async () => {
    await new Promise((resolve) => setTimeout(resolve, 30)); // the timer has ticked once before the block
    return healthReport(db, localDay(new Date()));
  });
  const job = await withLag(async () => {
    const done = new Promise<unknown>((resolve, reject) => {
      const off = engine.onEvent((event, payload) => {
        const p = payload as { kind?: string; result?: unknown; error?: { message: string } };
        if (p.kind !== 'customers.health' || (event !== 'job.done' && event !== 'job.failed')) return;
        off();
        if (event === 'job.done') resolve(p.result);
        else reject(new Error(p.error?.message));
      });
    });
    const reply = await engine.invoke('customers.health', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return done;
  });
  const same = JSON.stringify(job.value) === JSON.stringify(old.value);
  return [
    { step: 'data health: on the engine thread (as the health.report request did)', seconds: old.seconds, engineBlockedMs: old.engineBlockedMs },
    { step: 'data health: the customers.health job (worker)', seconds: job.seconds, engineBlockedMs: job.engineBlockedMs, sameReport: same },
  ];
}

const generatedSeconds = await buildOrReuse();
const loadBefore = os.loadavg().map((l) => round(l, 2));
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-home-'));
const openStarted = performance.now();
const engine = await createEngine({ workspaceDir: DIR, home, slowMs: Number.POSITIVE_INFINITY });
const engineOpenSeconds = round((performance.now() - openStarted) / 1000, 1);
fs.rmSync(path.join(DIR, 'backups'), { recursive: true, force: true });
const direct = await openWorkspace(DIR);
const db = direct.db;

const rows: Array<Record<string, unknown>> = [];
for (const term of TERMS) {
  for (const sort of SORTS) {
    rows.push(await timeSearch(term, sort, term.length >= 3 ? 20 : 5));
    console.log(rows.at(-1));
  }
}
rows.push(...(await timeHealth(engine)));
console.log(rows.slice(-2));

db.close();
await engine.close();
fs.rmSync(home, { recursive: true, force: true });

report(`customers-search-health-${label}`, rows, {
  customers: CUSTOMERS,
  seed: SEED,
  workspace: DIR,
  generatedSeconds,
  engineOpenSeconds,
  loadAverage: { before: loadBefore, after: os.loadavg().map((l) => round(l, 2)) },
  note:
    'Quick search: ms for a first page of 100 with its count (zod on input and output, page memo off). Data health: ' +
    'seconds to the report, and the longest the engine thread was blocked meanwhile (lateness of a 20 ms timer). ' +
    'engineOpenSeconds includes migrating a reused workspace once (building the search index).',
});
