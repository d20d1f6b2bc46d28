// The cost of the encrypted workspace (issue 15): the UCI Online Retail import and the segment counts on a plain
// and on an encrypted workspace (ChaCha20-Poly1305 pages, SQLite3 Multiple Ciphers) in ONE run, interleaved sample by
// sample (plain, encrypted, plain, …) so that the load of a shared machine falls on both alike; medians reported.
// Smaller than the single benchmarks: RUNS imports each (default 3), and the segment counts on a 100,000-customer demo
// workspace (bench/segment-count.ts uses a million), converted to its encrypted twin by the app's own copy
// (db/convert.ts, as the workspace.encrypt job does). The aim is the SQLCipher project's claim: ≤ 15 % overhead.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { readAsOf } from '../src/engine/customers/customers-repo';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { copyDatabase } from '../src/engine/db/convert';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import { countRule } from '../src/engine/segments/count';
import { createKeys, unwrapDataKey } from '../src/engine/workspace/encryption';
import type { SegmentRule } from '../src/shared/segment-schemas';
import { report, round } from './lib';

const FILE = path.join(path.resolve(process.env.LOCALYST_DATA ?? '../shared/data'), 'online-retail', 'online_retail.csv.gz');
const RUNS = Number(process.env.RUNS ?? 3);
const COUNT_RUNS = Number(process.env.COUNT_RUNS ?? 7);
const CUSTOMERS = Number(process.env.CUSTOMERS ?? 100_000);
const control = { progress: () => undefined, checkCancelled: () => undefined };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const overhead = (plain: number, enc: number): number => round(((enc - plain) / plain) * 100, 1);
const loads: number[] = [os.loadavg()[0] ?? Number.NaN];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-enc-'));

// 1. The import, as shipped (bundled with the workers), in a child process per sample.
type Once = { seconds: number; cpuSeconds: number; inserted: number; message: string };
const importRows: Array<Record<string, unknown>> = [];
let importSummary: Record<string, unknown> = { skipped: `${FILE} is not there (set LOCALYST_DATA)` };
if (fs.existsSync(FILE)) {
  if (!fs.existsSync('out/node/ingest-worker.js') || !fs.existsSync('out/node/convert-worker.js')) spawnSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
  await build({ entryPoints: { 'bench-encrypted-import-once': 'bench/_encrypted-import-once.ts' }, outdir: 'out/node', bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const once = (mode: 'plain' | 'encrypted', run: number): Once => {
    const child = spawnSync(process.execPath, ['out/node/bench-encrypted-import-once.js', FILE, path.join(tmp, `import-${mode}-${run}`), mode], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the ${mode} import failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Once;
    if (r.inserted !== 541_909) throw new Error(`unexpected import: ${r.message}`);
    fs.rmSync(path.join(tmp, `import-${mode}-${run}`), { recursive: true, force: true });
    return r;
  };
  const samples = { plain: [] as Once[], encrypted: [] as Once[] };
  for (let run = 0; run < RUNS; run++) {
    // Alternating which goes first, so neither always meets a warmer page cache.
    const order: Array<'plain' | 'encrypted'> = run % 2 === 0 ? ['plain', 'encrypted'] : ['encrypted', 'plain'];
    for (const mode of order) {
      samples[mode].push(once(mode, run));
      loads.push(os.loadavg()[0] ?? Number.NaN);
      console.log(`import ${mode} #${run + 1}: ${samples[mode].at(-1)?.seconds.toFixed(1)} s`);
    }
  }
  const wall = { plain: median(samples.plain.map((s) => s.seconds)), encrypted: median(samples.encrypted.map((s) => s.seconds)) };
  const cpu = { plain: median(samples.plain.map((s) => s.cpuSeconds)), encrypted: median(samples.encrypted.map((s) => s.cpuSeconds)) };
  importRows.push({ part: 'UCI Online Retail import (541,909 rows)', plainSeconds: round(wall.plain, 2), encryptedSeconds: round(wall.encrypted, 2), overheadPct: overhead(wall.plain, wall.encrypted), plainCpuSeconds: round(cpu.plain, 2), encryptedCpuSeconds: round(cpu.encrypted, 2), cpuOverheadPct: overhead(cpu.plain, cpu.encrypted) });
  importSummary = { runs: RUNS, samples: { plain: samples.plain.map((s) => round(s.seconds, 2)), encrypted: samples.encrypted.map((s) => round(s.seconds, 2)), plainCpu: samples.plain.map((s) => round(s.cpuSeconds, 2)), encryptedCpu: samples.encrypted.map((s) => round(s.cpuSeconds, 2)) } };
} else {
  console.warn(`Skipped the import part: ${FILE} is not there (set LOCALYST_DATA to the folder holding online-retail/).`);
}

// 2. Segment counts: one demo workspace, and its encrypted copy made by the app's converter.
const plainDir = path.join(tmp, 'segments-plain');
const encDir = path.join(tmp, 'segments-encrypted');
{
  const ws = await openWorkspace(plainDir);
  ws.db.transaction(() => generateDemo(ws.db, { customers: CUSTOMERS, seed: 42 }, control)).immediate();
  ws.db.transaction(() => refreshCustomerMetrics(ws.db)).immediate();
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.db.close();
}
const dataKey = randomBytes(32);
fs.mkdirSync(encDir, { recursive: true, mode: 0o700 });
const convertStarted = performance.now();
copyDatabase({ from: { file: path.join(plainDir, 'workspace.sqlite'), key: null }, to: { file: path.join(encDir, 'workspace.sqlite'), key: dataKey }, control });
const convertSeconds = (performance.now() - convertStarted) / 1000;
const plainBytes = fs.statSync(path.join(plainDir, 'workspace.sqlite')).size;

const RULES: Array<{ name: string; rule: SegmentRule }> = [
  { name: 'country = NL', rule: { field: 'country', op: '=', value: 'NL' } },
  { name: 'recency > 180 days', rule: { field: 'recencyDays', op: '>', value: 180 } },
  { name: 'country in 3 and orders >= 3', rule: { all: [{ field: 'country', op: 'in', value: ['NL', 'BE', 'DE'] }, { field: 'orders', op: '>=', value: 3 }] } },
  { name: 'bought Candles', rule: { event: 'purchased', category: 'Candles' } },
  { name: 'bought Candles ≥ 2× in 90 days', rule: { event: 'purchased', category: 'Candles', minTimes: 2, withinDays: 90 } },
  { name: 'NL, bought Garden in 365 d, no negative review', rule: { all: [{ field: 'country', op: '=', value: 'NL' }, { event: 'purchased', category: 'Garden', withinDays: 365 }, { not: { event: 'reviewed', sentiment: 'negative' } }] } },
];
// Opened as the app opens them (openWorkspace: 64 MiB page cache, WAL): every page read from the file is decrypted.
const plainWs = await openWorkspace(plainDir, { create: false });
const openStarted = performance.now();
const encWs = await openWorkspace(encDir, { create: false, key: dataKey });
encWs.db.prepare('SELECT count(*) FROM customers').get();
const encOpenMs = performance.now() - openStarted;
const asOf = readAsOf(plainWs.db);
const countRows: Array<Record<string, unknown>> = [];
let plainTotal = 0;
let encTotal = 0;
for (const { name, rule } of RULES) {
  const times = { plain: [] as number[], encrypted: [] as number[] };
  for (let i = 0; i < COUNT_RUNS + 1; i++) {
    for (const [mode, ws] of (i % 2 === 0 ? [['plain', plainWs], ['encrypted', encWs]] : [['encrypted', encWs], ['plain', plainWs]]) as Array<['plain' | 'encrypted', typeof plainWs]>) {
      const t = performance.now();
      const count = countRule(ws.db, rule, asOf).count;
      const ms = performance.now() - t;
      if (i > 0) times[mode].push(ms);
      if (mode === 'encrypted' && count !== countRule(plainWs.db, rule, asOf).count) throw new Error(`${name}: the encrypted workspace counts ${count}, the plain one otherwise`);
    }
  }
  const p = median(times.plain);
  const e = median(times.encrypted);
  plainTotal += p;
  encTotal += e;
  countRows.push({ part: `segment count: ${name}`, plainMs: round(p, 1), encryptedMs: round(e, 1), overheadPct: overhead(p, e) });
}
loads.push(os.loadavg()[0] ?? Number.NaN);
plainWs.db.close();
encWs.db.close();

// 3. Opening: unwrapping the data key (Argon2id, once per open) and keying SQLite (raw key: no PBKDF2).
const keys = await createKeys('correct horse battery staple');
const argonStarted = performance.now();
await unwrapDataKey(keys.header, { passphrase: 'correct horse battery staple' }, tmp);
const argonMs = performance.now() - argonStarted;

report(
  'encryption-overhead',
  [...importRows, ...countRows, { part: 'segment counts, sum of medians', plainMs: round(plainTotal, 1), encryptedMs: round(encTotal, 1), overheadPct: overhead(plainTotal, encTotal) }],
  {
    cipher: 'chacha20 (ChaCha20-Poly1305, SQLite3 Multiple Ciphers 2.3.5), raw 32-byte key',
    aim: '≤ 15 % overhead (the SQLCipher project’s own claim)',
    note:
      'Plain and encrypted samples interleaved (the order alternating) in one run on a 2-core machine shared with other work; medians. ' +
      `Segment counts on a ${CUSTOMERS.toLocaleString('en')}-customer demo workspace (segment-count.ts uses 1,000,000), compiled SQL (countRule) through connections opened as the app opens them.`,
    import: importSummary,
    segmentWorkspace: { customers: CUSTOMERS, bytes: plainBytes, encryptSeconds: round(convertSeconds, 2), countRuns: COUNT_RUNS },
    open: { argon2idUnwrapMs: round(argonMs, 0), kdf: keys.header.kdf.name, memoryKiB: keys.header.kdf.memoryKiB, iterations: keys.header.kdf.iterations, encryptedOpenAndFirstReadMs: round(encOpenMs, 1) },
    load1m: { samples: loads.map((l) => round(l, 2)), median: round(median(loads), 2), cores: os.cpus().length },
  },
);
fs.rmSync(tmp, { recursive: true, force: true });
