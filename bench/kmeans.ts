// Discovered segments and profiles at scale. K-means with the k selection (k = 2…8, four k-means++ restarts each,
// silhouette on a 5,000-customer sample) on 100,000 demo customers, through the same code the `segments.discover`
// job runs, split into its stages; then segment profiles (base cold, then warm) at 100,000 and, when the segment
// count benchmark's million-customer workspace exists (bench/segment-count.ts builds it), at a million, read-only.
// The 100,000-customer shop is built once under os.tmpdir() and reused (delete the folder to rebuild).
// LOCALYST_BENCH_CUSTOMERS overrides the size.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { openWorkspace, type Db } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import type { ProgressUpdate } from '../src/engine/kernel/jobs';
import { loadTf } from '../src/engine/ml/backend';
import { runDiscovery } from '../src/engine/segments/discover';
import { profileRule, readBase } from '../src/engine/segments/profile';
import type { SegmentRule } from '../src/shared/segment-schemas';
import { percentile, report, round } from './lib';

const CUSTOMERS = Number(process.env.LOCALYST_BENCH_CUSTOMERS ?? 100_000);
const SEED = 1;
const DIR = path.join(os.tmpdir(), `localyst-bench-kmeans-${CUSTOMERS}-s${SEED}`);
const MARKER = path.join(DIR, 'complete.json');
const MILLION = path.join(os.tmpdir(), 'localyst-bench-segments-1000000-s42', 'workspace.sqlite');
const PROFILE_RUNS = { '100k': 5, million: 3 } as const;
const noop = { progress: () => undefined, checkCancelled: () => undefined };

const RULES: Array<{ name: string; rule: SegmentRule }> = [
  { name: 'Champions (RFM)', rule: { field: 'rfmSegment', op: '=', value: 'Champions' } },
  { name: 'NL repeat buyers', rule: { all: [{ field: 'country', op: '=', value: 'NL' }, { field: 'orders', op: '>=', value: 2 }] } },
  { name: 'lapsed, bought Candles', rule: { all: [{ field: 'recencyDays', op: '>=', value: 365 }, { event: 'purchased', category: 'Candles' }] } },
];

async function buildOrReuse(): Promise<{ db: Db; generatedSeconds: number | null }> {
  if (!fs.existsSync(MARKER)) {
    fs.rmSync(DIR, { recursive: true, force: true });
    console.log(`Generating a ${CUSTOMERS.toLocaleString('en')}-customer demo workspace in ${DIR}…`);
    const started = performance.now();
    const ws = await openWorkspace(DIR);
    ws.db.transaction(() => {
      generateDemo(ws.db, { customers: CUSTOMERS, seed: SEED }, noop);
      refreshCustomerMetrics(ws.db);
    }).immediate();
    const generatedSeconds = round((performance.now() - started) / 1000, 1);
    fs.writeFileSync(MARKER, JSON.stringify({ customers: CUSTOMERS, seed: SEED, generatedSeconds }));
    return { db: ws.db, generatedSeconds };
  }
  return { db: (await openWorkspace(DIR)).db, generatedSeconds: null };
}

/** Wall time of each stage of the discovery, from when its progress message arrived to the next one. */
async function timeDiscovery(db: Db): Promise<Array<Record<string, unknown>>> {
  const marks: Array<{ update: ProgressUpdate; at: number }> = [];
  const started = performance.now();
  const found = await runDiscovery(db, { seed: SEED }, { progress: (update) => void marks.push({ update, at: performance.now() }), checkCancelled: () => undefined });
  const ended = performance.now();
  const rows: Array<Record<string, unknown>> = marks.map((m, i) => ({
    step: m.update.message,
    ms: round(((marks[i + 1]?.at ?? ended) - m.at), 0),
  }));
  const r = found.result;
  rows.push({
    step: `total: ${r.customers.toLocaleString('en-GB')} buyers, ${r.features.length} features, chose k = ${r.k}`,
    ms: round(ended - started, 0),
    silhouettes: r.silhouettes.map((s) => `${s.k}: ${s.score}`).join(', '),
    clusters: r.clusters.map((c) => `${c.name} (${c.size}; rule matches ${c.ruleMatches})`).join('; '),
  });
  return rows;
}

function timeProfiles(db: Db, label: string, runs: number): Array<Record<string, unknown>> {
  const t0 = performance.now();
  const base = readBase(db);
  const baseMs = round(performance.now() - t0, 0);
  const rows: Array<Record<string, unknown>> = [{ step: `${label}: whole base + bins (cold; remembered afterwards)`, ms: baseMs, customers: base.tally.count }];
  for (const { name, rule } of RULES) {
    const ms: number[] = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      count = profileRule(db, rule).count;
      ms.push(performance.now() - t);
    }
    rows.push({ step: `${label}: profile "${name}" (base warm)`, ms: round(percentile(ms, 50), 0), runs, customers: count });
  }
  return rows;
}

const { info } = await loadTf();
const { db, generatedSeconds } = await buildOrReuse();
const rows = [...timeProfiles(db, `${CUSTOMERS.toLocaleString('en-GB')} customers`, PROFILE_RUNS['100k']), ...(await timeDiscovery(db))];
db.close();
if (fs.existsSync(MILLION)) {
  const million = new Database(MILLION, { readonly: true });
  rows.push(...timeProfiles(million, '1,000,000 customers', PROFILE_RUNS.million));
  million.close();
} else {
  rows.push({ step: `1,000,000 customers: skipped (run bench/segment-count.ts first to build ${MILLION})` });
}
report('kmeans', rows, { customers: CUSTOMERS, seed: SEED, generatedSeconds, backend: info, note: 'Single discovery run; stage times from progress messages. Profiles: median of runs.' });
