// Recommendation training (issue 13): wall and CPU time and peak memory of `recommend.train` as the job runs it
// (choose a model on a validation split, evaluate on the test split against popularity, retrain on everything, write
// the tables), on the UCI Online Retail file and on the million-customer demo workspace, with the model's and
// popularity's figures from the same run. Each training runs in its own process so its peak RSS is its own.
// The peer: the popularity baseline in the same output (there is no recommender to compare with in the product).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { inspectFile } from '../src/engine/ingest/inspect';
import { runImport } from '../src/engine/ingest/run-import';
import { createJobControl } from '../src/engine/jobs/control';
import type { RecommendTrainResult } from '../src/shared/recommend-schemas';
import { buildOrReuseSearchWorkspace, SEARCH_CUSTOMERS, SEARCH_DIR } from './_demo-workspace';
import { report, round } from './lib';

const FILE = path.join(path.resolve(process.env.LOCALYST_DATA ?? '../shared/data'), 'online-retail', 'online_retail.csv.gz');
const loadBefore = round(os.loadavg()[0] ?? Number.NaN, 2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-recommend-'));
type Once = { result: RecommendTrainResult; seconds: number; cpuSeconds: number; peakRssMiB: number; stages: Array<{ stage: string; at: number }> };

function trainOnce(folder: string): Once {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/_recommend-train-once.ts', folder], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`training failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as Once;
}

const rows: Array<Record<string, unknown>> = [];
const details: Record<string, unknown> = {};
function record(data: string, once: Once): void {
  const r = once.result;
  rows.push({
    data,
    customers: r.customers,
    products: r.products,
    tested: r.testedCustomers,
    algorithm: r.algorithm,
    seconds: round(once.seconds, 1),
    cpuSeconds: round(once.cpuSeconds, 1),
    peakRssMiB: Math.round(once.peakRssMiB),
    modelHit10: round(r.model.hitRate10, 4),
    popularHit10: round(r.popularity.hitRate10, 4),
    ratio: round(r.model.hitRate10 / r.popularity.hitRate10, 2),
    modelNdcg10: round(r.model.ndcg10, 4),
    popularNdcg10: round(r.popularity.ndcg10, 4),
  });
  details[data] = { result: r, stages: once.stages };
}

if (fs.existsSync(FILE)) {
  const csv = path.join(tmp, 'online_retail.csv');
  fs.writeFileSync(csv, zlib.gunzipSync(fs.readFileSync(FILE)));
  const folder = path.join(tmp, 'online-retail');
  const ws = await openWorkspace(folder);
  const info = await inspectFile(ws.db, csv, 'orders');
  const control = createJobControl(new Int32Array(new SharedArrayBuffer(4)), () => undefined);
  await runImport(ws.db, { file: csv, kind: 'orders', mapping: info.mapping, onError: 'reject', dryRun: false, pseudonymize: [], overrides: {} }, control);
  ws.db.close();
  record('UCI Online Retail', trainOnce(folder));
} else console.warn(`Skipped Online Retail: ${FILE} is not there (set LOCALYST_DATA to the folder holding online-retail/).`);

// The shared million-customer demo workspace, copied so the training's writes do not change it for other benches.
const customers = Number(process.env.RECOMMEND_CUSTOMERS ?? SEARCH_CUSTOMERS);
if (customers === SEARCH_CUSTOMERS) {
  await buildOrReuseSearchWorkspace();
  const folder = path.join(tmp, 'demo');
  fs.mkdirSync(folder);
  fs.copyFileSync(path.join(SEARCH_DIR, 'workspace.sqlite'), path.join(folder, 'workspace.sqlite'));
  record(`demo, ${customers.toLocaleString('en')} customers`, trainOnce(folder));
}
fs.rmSync(tmp, { recursive: true, force: true });
report('recommend-train', rows, { loadBefore, loadAfter: round(os.loadavg()[0] ?? Number.NaN, 2), details });
