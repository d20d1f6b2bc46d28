// Demo generation: 10,000 and 100,000 customers into fresh temp workspaces, timed inside generateDemo (its own
// wall clock, including the commit and the final counts). Also once through a connection set up like the job
// worker's (SQLite's small default page cache), which is what `localyst demo` really runs on.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Db } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import type { DemoResult } from '../src/shared/contract';
import { percentile, report, round } from './lib';

type Connection = 'openWorkspace' | 'job-worker pragmas';
type Case = { customers: number; runs: number; connection: Connection };

const CASES: readonly Case[] = [
  { customers: 10_000, runs: 3, connection: 'openWorkspace' },
  { customers: 100_000, runs: 2, connection: 'openWorkspace' },
  { customers: 100_000, runs: 1, connection: 'job-worker pragmas' },
];
const SEED = 42;
const control = { progress: () => undefined, checkCancelled: () => undefined };

/** Records written: every row of every table the demo fills (the two settings aside). */
const rowsWritten = (r: DemoResult): number =>
  r.customers + r.products + r.orders + r.orderLines + r.reviews + r.campaigns + r.campaignResults;

async function connect(dir: string, connection: Connection): Promise<Db> {
  const ws = await openWorkspace(dir);
  if (connection === 'openWorkspace') return ws.db;
  ws.db.close();
  // The same pragmas as src/engine/jobs/job-worker.ts.
  const db = new Database(ws.dbFile);
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}

async function once(c: Case): Promise<{ result: DemoResult; fileMiB: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-demo-'));
  try {
    const db = await connect(dir, c.connection);
    const result = generateDemo(db, { customers: c.customers, seed: SEED }, control);
    db.close();
    const fileMiB = fs.statSync(path.join(dir, 'workspace.sqlite')).size / 2 ** 20;
    return { result, fileMiB };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const loadBefore = os.loadavg().map((l) => round(l, 2));
const rows: Array<Record<string, unknown>> = [];
const details: Array<Record<string, unknown>> = [];
for (const c of CASES) {
  const runs: Array<{ result: DemoResult; fileMiB: number }> = [];
  for (let i = 0; i < c.runs; i += 1) runs.push(await once(c));
  const seconds = runs.map((r) => r.result.seconds);
  const first = runs[0] as { result: DemoResult; fileMiB: number };
  const rowsTotal = rowsWritten(first.result);
  const median = percentile(seconds, 50);
  rows.push({
    customers: c.customers,
    connection: c.connection,
    runs: c.runs,
    medianSeconds: round(median, 2),
    minSeconds: round(Math.min(...seconds), 2),
    rowsWritten: rowsTotal,
    rowsPerSecond: Math.round(rowsTotal / median),
    fileMiB: round(first.fileMiB, 1),
  });
  details.push({ ...c, seconds, result: first.result });
}

report('demo-generate', rows, {
  seed: SEED,
  // The 1/5/15-minute load averages: other work on the machine slows every run.
  loadAverage: { before: loadBefore, after: os.loadavg().map((l) => round(l, 2)) },
  note:
    'Seconds are DemoResult.seconds: the whole generateDemo call in one transaction, commit and final counts included. ' +
    'Rows written = customers + products + orders (sales and returns) + order lines + reviews + campaigns + campaign results.',
  details,
});
