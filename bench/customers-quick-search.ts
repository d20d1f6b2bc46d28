// The explorer's quick search at one million customers: p50/p95 of the first page of 100 with its count (as after
// each keystroke: the page memo is off), unsorted (the default order) and sorted by revenue, for terms a user types:
// a customer id, a rare string (also one under three characters, which no index can look up), a surname, a city, a
// first name, a common e-mail domain, and terms under three characters. After the change, also the exact count a
// user asks for with "Count all". Builds or reuses the 1M workspace it shares with customers-search-health.ts.
// `--label before|after` names the run; bench/results/customers-quick-search.json keeps one run of each label.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as repo from '../src/engine/customers/customers-repo';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { customerPageInputSchema, customerPageSchema, customerViewSchema } from '../src/shared/customer-schemas';
import { buildOrReuseSearchWorkspace, SEARCH_DIR } from './_demo-workspace';
import { machine, percentile, round } from './lib';

const DIR = SEARCH_DIR;
const OUT = path.resolve('bench/results/customers-quick-search.json');
const label = process.argv.includes('--label') ? String(process.argv[process.argv.indexOf('--label') + 1]) : 'run';
const TERMS = ['c012345', 'zzq', 'qx', 'jansen', 'peeters', 'robin', 'eindhoven', 'amsterdam', 'van d', 'example.com', 'ja', 'j'];
const SORTS = [[], [{ field: 'revenue', dir: 'desc' }]] as const;
/** Runs per term after two warm-ups; 5 when a warm-up took over 300 ms (the slow cases before the change). */
const RUNS = 20;
const SLOW_RUNS = 5;

await buildOrReuseSearchWorkspace();
const ws = await openWorkspace(DIR);
const db = ws.db;

function timeSearch(term: string, sort: (typeof SORTS)[number]): Record<string, unknown> {
  const ms: number[] = [];
  let page: Record<string, unknown> = {};
  let runs = RUNS;
  for (let i = -2; i < runs; i++) {
    const started = performance.now();
    const parsed = customerPageInputSchema.parse({ offset: 0, limit: 100, sort, quickSearch: term });
    page = customerPageSchema.parse(repo.readCustomerPage(db, parsed, { memo: false })) as Record<string, unknown>;
    const took = performance.now() - started;
    if (i >= 0) ms.push(took);
    else if (took > 300) runs = SLOW_RUNS;
  }
  return {
    term,
    order: sort.length ? 'revenue desc' : 'default',
    total: page.total,
    totalCapped: page.totalCapped ?? false,
    rows: (page.rows as unknown[]).length,
    runs,
    p50ms: round(percentile(ms, 50), 1),
    p95ms: round(percentile(ms, 95), 1),
    maxMs: round(Math.max(...ms), 1),
  };
}

/** "Count all": the exact number, as the customers.count request computes it (after the change only). */
function timeExactCount(term: string): Record<string, unknown> | null {
  const count = (repo as { countCustomers?: (d: typeof db, v: unknown) => number }).countCustomers;
  if (!count) return null;
  const view = customerViewSchema.parse({ quickSearch: term });
  const ms: number[] = [];
  let total = 0;
  for (let i = -1; i < 5; i++) {
    const started = performance.now();
    total = count(db, view);
    if (i >= 0) ms.push(performance.now() - started);
  }
  return { term, order: 'count all', total, totalCapped: false, p50ms: round(percentile(ms, 50), 1), p95ms: round(percentile(ms, 95), 1), maxMs: round(Math.max(...ms), 1) };
}

const loadBefore = os.loadavg().map((l) => round(l, 2));
const rows: Array<Record<string, unknown>> = [];
for (const term of TERMS) {
  for (const sort of SORTS) {
    rows.push(timeSearch(term, sort));
    console.log(rows.at(-1));
  }
}
for (const term of ['amsterdam', 'example.com', 'j']) {
  const row = timeExactCount(term);
  if (row) rows.push(row);
}
db.close();

const previous = fs.existsSync(OUT) ? (JSON.parse(fs.readFileSync(OUT, 'utf8')) as { runs?: Record<string, unknown> }) : {};
const run = { machine: machine(), loadAverage: { before: loadBefore, after: os.loadavg().map((l) => round(l, 2)) }, rows };
fs.writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      benchmark: 'customers-quick-search',
      customers: 1_000_000,
      workspace: DIR,
      note:
        'ms for the first page of 100 with its count (zod on input and output, page memo off, 20 runs after 2 warm-ups, 5 when a warm-up took over 300 ms). ' +
        'before: main before the capped count; after: counts stop at 10,000 matches (1,000 for terms under three characters) ' +
        'and an unsorted search reads the index in id order. "count all": the exact count on request.',
      runs: { ...(previous.runs ?? {}), [label]: run },
    },
    null,
    2,
  )}\n`,
);
console.table(rows);
console.log(`→ ${path.relative(process.cwd(), OUT)} (${label})`);
