// The explorer's quick search and the data health report at one million customers: p50/p95 of a first page of a
// quick search (the count is computed, as after each keystroke), and the health report's time and how long the engine
// is blocked meanwhile. Builds its own demo workspace once under os.tmpdir() and reuses it (delete the folder to
// rebuild); a reused workspace is migrated once on open (the time is recorded). `--label before|after` names the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../src/engine';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { readCustomerPage } from '../src/engine/customers/customers-repo';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import { customerPageInputSchema, customerPageSchema } from '../src/shared/customer-schemas';
import { percentile, report, round } from './lib';

const CUSTOMERS = 1_000_000;
const SEED = 42;
const DIR = path.join(os.tmpdir(), `localyst-bench-search-${CUSTOMERS}-s${SEED}`);
const MARKER = path.join(DIR, 'complete.json');
const control = { progress: () => undefined, checkCancelled: () => undefined };
const label = process.argv.includes('--label') ? String(process.argv[process.argv.indexOf('--label') + 1]) : 'run';

async function buildOrReuse(): Promise<number | null> {
  if (fs.existsSync(MARKER)) return null;
  fs.rmSync(DIR, { recursive: true, force: true });
  console.log(`Generating a ${CUSTOMERS.toLocaleString('en')}-customer demo workspace in ${DIR} (several minutes)…`);
  const started = performance.now();
  const ws = await openWorkspace(DIR);
  ws.db.transaction(() => {
    generateDemo(ws.db, { customers: CUSTOMERS, seed: SEED }, control);
    refreshCustomerMetrics(ws.db);
  }).immediate();
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.db.close();
  const seconds = round((performance.now() - started) / 1000, 1);
  fs.writeFileSync(MARKER, JSON.stringify({ customers: CUSTOMERS, seed: SEED, generatedSeconds: seconds }));
  return seconds;
}

// Terms a user types: a common surname, a city, an e-mail domain, a customer id, a rare string, and short ones.
const TERMS = ['jansen', 'amsterdam', 'example.com', 'c012345', 'zzq', 'van d', 'ja', 'j'];
const SORTS = [[{ field: 'revenue', dir: 'desc' }], []] as const;

async function timeSearch(engine: Engine, term: string, sort: (typeof SORTS)[number], runs: number): Promise<Record<string, unknown>> {
  void engine;
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

/** The health report as the engine gives it now: a job when `customers.health` exists, else the old request. */
async function timeHealth(engine: Engine): Promise<Record<string, unknown>> {
  // How long the engine leaves a tiny request waiting while the report runs: the block a user feels.
  let worstWaitMs = 0;
  let probing = true;
  const probe = async (): Promise<void> => {
    while (probing) {
      const sent = performance.now();
      await engine.invoke('settings.get', {});
      worstWaitMs = Math.max(worstWaitMs, performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const started = performance.now();
  const probing$ = probe();
  const job = await engine.invoke('customers.health' as 'health.report', {});
  let kind: string;
  if (job.ok && typeof (job.value as { jobId?: string }).jobId === 'string') {
    kind = 'job customers.health';
    const jobId = (job.value as { jobId: string }).jobId;
    await new Promise<void>((resolve, reject) => {
      const off = engine.onEvent((event, payload) => {
        const p = payload as { jobId?: string; error?: { message: string } };
        if (p.jobId !== jobId) return;
        if (event !== 'job.done' && event !== 'job.failed') return;
        off();
        if (event === 'job.done') resolve();
        else reject(new Error(p.error?.message));
      });
    });
  } else {
    kind = 'request health.report';
    await new Promise((resolve) => setTimeout(resolve, 30)); // let the probe start first
    const reply = await engine.invoke('health.report', {});
    if (!reply.ok) throw new Error(reply.error.message);
  }
  const seconds = round((performance.now() - started) / 1000, 2);
  probing = false;
  await probing$;
  return { step: `data health (${kind})`, seconds, engineBlockedMs: round(worstWaitMs, 0) };
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
    rows.push(await timeSearch(engine, term, sort, term.length >= 3 ? 20 : 5));
    console.log(rows.at(-1));
  }
}
rows.push(await timeHealth(engine));
console.log(rows.at(-1));

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
    'seconds to the report, and the longest a small request (settings.get, every 20 ms) waited meanwhile. ' +
    'engineOpenSeconds includes migrating a reused workspace once (building the search index).',
});
