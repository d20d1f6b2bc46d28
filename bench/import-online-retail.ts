// Import of the whole UCI Online Retail file (541,909 rows), timed in the same run as sqlite3's own `.import`
// of the decompressed CSV into one table (the floor: no typing, no relations, no idempotency).
// Ours runs as shipped: the import is bundled with esbuild into out/node beside the bundled workers (as the engine
// process and the CLI are), not through the TypeScript loader the tests use, which costs each worker ~0.3 s to start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { report, round } from './lib';

// The large file is not in the repository: LOCALYST_DATA names its folder (default ../shared/data, see test/data/README.md).
const FILE = path.join(path.resolve(process.env.LOCALYST_DATA ?? '../shared/data'), 'online-retail', 'online_retail.csv.gz');
if (!fs.existsSync(FILE)) {
  console.warn(`Skipped: ${FILE} is not there (set LOCALYST_DATA to the folder holding online-retail/).`);
  process.exit(0);
}
const RUNS = Number(process.env.RUNS ?? 5);
// The machine's load (1-minute average) before and after: wall times are only comparable on a quiet machine.
const loadBefore = round(os.loadavg()[0] ?? Number.NaN, 2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-'));
const csv = path.join(tmp, 'online_retail.csv');
fs.writeFileSync(csv, zlib.gunzipSync(fs.readFileSync(FILE)));
// The workers the import starts must be bundled too (npm run bench builds them; so does npm test).
if (!fs.existsSync('out/node/ingest-worker.js') || !fs.existsSync('out/node/convert-worker.js')) spawnSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
const ONCE = 'out/node/bench-import-once.js';
await build({ entryPoints: { 'bench-import-once': 'bench/_import-once.ts' }, outdir: 'out/node', bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
type Once = { seconds: number; cpuSeconds: number; againSeconds: number; inserted: number; message: string };
// Wall time, and CPU time (user + system, all threads): on a shared machine the CPU time is the steadier figure.
const importOnce = (folder: string): Once => {
  const child = spawnSync(process.execPath, [ONCE, FILE, folder], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the import failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Once;
};
const ours: number[] = [];
const oursCpu: number[] = [];
const again: number[] = [];
const floor: number[] = [];
const floorCpu: number[] = [];
const hasSqlite3 = spawnSync('sqlite3', ['--version']).status === 0;
for (let run = 0; run < RUNS; run += 1) {
  const once = importOnce(path.join(tmp, `ws-${run}`));
  if (once.inserted !== 541_909) throw new Error(`unexpected import: ${once.message}`);
  ours.push(once.seconds);
  oursCpu.push(once.cpuSeconds);
  again.push(once.againSeconds);
  if (hasSqlite3) {
    const db = path.join(tmp, `floor-${run}.sqlite`);
    const t = performance.now();
    // bash's `time` gives the child's user and system seconds.
    const timed = spawnSync('bash', ['-c', 'TIMEFORMAT="%U %S"; time sqlite3 "$0" ".mode csv" ".import $1 lines"', db, csv], { encoding: 'utf8' });
    floor.push((performance.now() - t) / 1000);
    if (timed.status !== 0) throw new Error(`sqlite3 .import failed: ${timed.stderr}`);
    const [user = Number.NaN, system = Number.NaN] = timed.stderr.trim().split(/\s+/).slice(-2).map(Number);
    floorCpu.push(user + system);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const rows = [
  { run: 'Localyst import (gzip, typed, orders/customers/products built, metrics)', medianSeconds: round(median(ours), 2), cpuSeconds: round(median(oursCpu), 2), rowsPerSecond: Math.round(541_909 / median(ours)) },
  { run: 'Localyst re-import of the same file (nothing changes)', medianSeconds: round(median(again), 2), rowsPerSecond: Math.round(541_909 / median(again)) },
  ...(hasSqlite3 ? [{ run: 'sqlite3 .import of the decompressed CSV into one table (floor)', medianSeconds: round(median(floor), 2), cpuSeconds: round(median(floorCpu), 2), rowsPerSecond: Math.round(541_909 / median(floor)) }] : []),
];
report('import-online-retail', rows, {
  file: 'shared/data/online-retail/online_retail.csv.gz',
  runs: RUNS,
  ratioToFloor: hasSqlite3 ? round(median(ours) / median(floor), 2) : null,
  cpuRatioToFloor: hasSqlite3 ? round(median(oursCpu) / median(floorCpu), 2) : null,
  aim: 'within 2.5× of the floor (issue 12)',
  load1m: { before: loadBefore, after: round(os.loadavg()[0] ?? Number.NaN, 2) },
  samples: { ours: ours.map((x) => round(x, 2)), oursCpu: oursCpu.map((x) => round(x, 2)), floor: floor.map((x) => round(x, 2)), floorCpu: floorCpu.map((x) => round(x, 2)) },
});
fs.rmSync(tmp, { recursive: true, force: true });
