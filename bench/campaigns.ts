// The campaign builder (issue 11) at 100,000 and 1,000,000 demo customers, through the engine process as the app
// runs it (out/node/engine-process.js, forked, jobs in the bundled worker): `campaigns.create` and
// `campaigns.audience` (the audience resolved and split), the `campaigns.export` job (assignments.csv and the e-mail
// list, the audience frozen), a results file of every recipient imported with `campaigns.importResults`, and
// `campaigns.report`. The peer is `segments.export` of a segment of everyone to one CSV (the same people, the SQL
// export alone): the difference is what the split, the freeze and the second file cost. Requests are timed from
// sending to the reply, jobs to `job.done`, stages from the jobs' progress events (throttled to ten a second, so a
// stage shorter than 0.1 s can go unseen). Each shop is built once under os.tmpdir() and reused (delete the folder
// to rebuild); every run works on a fresh copy, since an export freezes the audience for good.
// LOCALYST_BENCH_CUSTOMERS=100000 runs one size only.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { createRng } from '../src/engine/kernel/random';
import { DEMO_GENERATOR_VERSION, generateDemo } from '../src/engine/demo/generate';
import { HOLDOUT_ARM, type AudienceResult, type CampaignDetail, type CampaignExportResult, type CampaignReport } from '../src/shared/campaign-schemas';
import type { JobKind } from '../src/shared/contract';
import type { ExportResult } from '../src/shared/customer-schemas';
import type { FromEngineMessage } from '../src/shared/engine-protocol';
import type { ImportReport } from '../src/shared/import-schemas';
import { percentile, report, round } from './lib';

const SIZES = process.env.LOCALYST_BENCH_CUSTOMERS ? [Number(process.env.LOCALYST_BENCH_CUSTOMERS)] : [100_000, 1_000_000];
const SEED = 1;
/** Runs per size: each needs its own copy of the shop (1.4 GB at a million). */
const RUNS = (customers: number): number => (customers <= 100_000 ? 3 : 1);
const AIM_SECONDS = 10;
/** Conversion rates the results file is drawn with: B converts 20 % better than A. */
const CONVERSION: Record<string, number> = { A: 0.03, B: 0.036 };
const control = { progress: () => undefined, checkCancelled: () => undefined };

// The generator's version is in the name: a shop made by an older generator is not reused.
const shopDir = (customers: number): string => path.join(os.tmpdir(), `localyst-bench-campaigns-${customers}-s${SEED}-g${DEMO_GENERATOR_VERSION}`);

/** The shop's folder and how long it took to generate (when it was built, in this run or an earlier one). */
async function buildOrReuse(customers: number): Promise<{ dir: string; generatedSeconds: number; reused: boolean }> {
  const dir = shopDir(customers);
  const marker = path.join(dir, 'complete.json');
  if (fs.existsSync(marker)) return { dir, generatedSeconds: (JSON.parse(fs.readFileSync(marker, 'utf8')) as { generatedSeconds: number }).generatedSeconds, reused: true };
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`Generating a ${customers.toLocaleString('en')}-customer demo workspace in ${dir}…`);
  const started = performance.now();
  const ws = await openWorkspace(dir);
  // As the demo job does: the shop and the customer figures in one transaction.
  ws.db.transaction(() => {
    generateDemo(ws.db, { customers, seed: SEED }, control);
    refreshCustomerMetrics(ws.db);
  }).immediate();
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.db.close();
  const generatedSeconds = round((performance.now() - started) / 1000, 1);
  fs.writeFileSync(marker, JSON.stringify({ customers, seed: SEED, generatorVersion: DEMO_GENERATOR_VERSION, generatedSeconds }));
  return { dir, generatedSeconds, reused: false };
}

type EventListener = (name: string, payload: unknown) => void;
/** The engine process, spoken to as Electron's main process does: invoke messages, one reply each, pushed events. */
type EngineProcess = {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** What the CLI does with a path on its command line: the handle a request may carry. */
  grantFile(file: string, use: 'read' | 'write' | 'folder'): Promise<string>;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
};

const ENTRY = path.resolve('out/node/engine-process.js');
// Heap room for a million-member audience and its report (the default limit depends on the machine's memory).
const ENGINE_FLAGS = ['--max-old-space-size=8192'];

async function startEngine(workspace: string, home: string): Promise<EngineProcess> {
  const child: ChildProcess = fork(ENTRY, ['--workspace', workspace, '--home', home], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ENGINE_FLAGS });
  const listeners = new Set<EventListener>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; channel: string }>();
  let next = 1;
  await new Promise<void>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as FromEngineMessage;
      if (m.type === 'ready') resolve();
      else if (m.type === 'start-failed') reject(new Error(`engine: ${m.error.message}`));
      else if (m.type === 'event') for (const l of listeners) l(m.name, m.payload);
      else if (m.type === 'reply') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.envelope.ok) p?.resolve(m.envelope.value);
        else p?.reject(new Error(`${p.channel}: ${m.envelope.error.code} ${m.envelope.error.message}`));
      }
    });
    child.once('exit', (code) => {
      const error = new Error(`the engine process exited (${code})`);
      reject(error);
      for (const p of pending.values()) p.reject(error);
    });
  });
  return {
    invoke: (channel, input) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject, channel });
        child.send({ type: 'invoke', id, channel, input });
      }),
    grantFile: (file, use) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: (granted) => resolve((granted as { handle: string }).handle), reject, channel: 'grant' });
        child.send({ type: 'grant', id, file, use });
      }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'shutdown' });
      }),
  };
}

const value = <T>(engine: EngineProcess, channel: string, input: unknown): Promise<T> => engine.invoke(channel, input) as Promise<T>;

type Timed<T> = { seconds: number; value: T };

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, value: result };
}

/** A job's time from the request to `job.done`, with the seconds at which each progress stage was first seen. */
type JobRun<T> = { seconds: number; result: T; stages: Array<{ stage: string; atSeconds: number }> };

async function runJob<T>(engine: EngineProcess, kind: JobKind, channel: string, input: unknown): Promise<JobRun<T>> {
  const started = performance.now();
  const stages: JobRun<T>['stages'] = [];
  const done = new Promise<T>((resolve, reject) => {
    const off = engine.onEvent((event, payload) => {
      const p = payload as { kind: JobKind; stage?: string; result?: unknown; error?: unknown };
      if (p.kind !== kind) return;
      if (event === 'job.progress' && p.stage !== undefined && stages.at(-1)?.stage !== p.stage) {
        stages.push({ stage: p.stage, atSeconds: round((performance.now() - started) / 1000, 2) });
      } else if (event === 'job.done') {
        off();
        resolve(p.result as T);
      } else if (event === 'job.failed') {
        off();
        reject(new Error(`${kind}: ${JSON.stringify(p.error)}`));
      }
    });
  });
  await value(engine, channel, input);
  const result = await done;
  return { seconds: (performance.now() - started) / 1000, result, stages };
}

/** Seeded outcomes for every recipient in assignments.csv (the holdout received nothing and has no row). */
function writeResults(assignmentsFile: string, file: string): { rows: number; seconds: number } {
  const started = performance.now();
  const rng = createRng(SEED, 11);
  const lines = fs.readFileSync(assignmentsFile, 'utf8').split(/\r?\n/);
  const fd = fs.openSync(file, 'wx');
  let buffer = 'customerId,sent,delivered,opened,clicked,converted,revenue\n';
  let rows = 0;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [customerId, arm] = line.split(',') as [string, string];
    if (arm === HOLDOUT_ARM) continue;
    const rate = CONVERSION[arm];
    if (rate === undefined) throw new Error(`assignments.csv has an arm "${arm}" the bench did not plan`);
    const delivered = rng() < 0.98;
    const opened = delivered && rng() < 0.3;
    const clicked = opened && rng() < 0.15;
    const converted = delivered && rng() < rate;
    const revenue = converted ? (20 + 100 * rng()).toFixed(2) : '0';
    buffer += `${customerId},1,${+delivered},${+opened},${+clicked},${+converted},${revenue}\n`;
    rows++;
    if (buffer.length >= 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** Seconds spent in each stage, from the stage starts seen and the end of the job. */
function stageSeconds(run: JobRun<unknown>): Record<string, number> {
  const out: Record<string, number> = { 'before the first progress (worker start)': round(run.stages[0]?.atSeconds ?? run.seconds, 2) };
  run.stages.forEach((s, i) => {
    const end = run.stages[i + 1]?.atSeconds ?? run.seconds;
    out[s.stage] = round(end - s.atSeconds, 2);
  });
  return out;
}

type Measured = {
  create: number;
  audience: number;
  exportRun: JobRun<CampaignExportResult>;
  peerRun: JobRun<ExportResult>;
  resultsFile: { rows: number; seconds: number };
  importRun: JobRun<ImportReport>;
  reportSeconds: number;
  audienceResult: AudienceResult;
  reportValue: CampaignReport;
};

async function once(shop: string, customers: number): Promise<Measured> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-campaigns-run-'));
  const workspace = path.join(root, 'ws');
  fs.cpSync(shop, workspace, { recursive: true, filter: (source) => path.basename(source) !== 'complete.json' });
  const engine = await startEngine(workspace, path.join(root, 'home'));
  try {
    // The peer first, and its segment deleted before the results import (which would otherwise start a job
    // recording every segment's size).
    const segment = await value<{ id: number }>(engine, 'segments.create', { name: 'Everyone', rule: { field: 'customerId', op: 'notNull' } });
    const peerRun = await runJob<ExportResult>(engine, 'segments.export', 'segments.export', {
      id: segment.id,
      columns: ['customerId', 'name', 'email'],
      reveal: false,
      file: await engine.grantFile(path.join(root, 'everyone.csv'), 'write'),
    });
    await value(engine, 'segments.delete', { id: segment.id });

    const plan = {
      name: `Bench ${customers.toLocaleString('en')}`,
      channel: 'email',
      audience: { segmentIds: [], exclusions: { notAcceptingMarketing: false } },
      arms: [{ name: 'A' }, { name: 'B' }],
      holdout: 0.1,
      seed: SEED,
    };
    const created = await timed(() => value<CampaignDetail>(engine, 'campaigns.create', plan));
    const id = created.value.id;
    const audience = await timed(() => value<AudienceResult>(engine, 'campaigns.audience', { id }));
    const folder = path.join(root, 'campaign');
    const exportRun = await runJob<CampaignExportResult>(engine, 'campaigns.export', 'campaigns.export', { id, folder: await engine.grantFile(folder, 'folder'), reveal: false });

    const resultsFile = path.join(root, 'results.csv');
    const written = writeResults(path.join(folder, 'assignments.csv'), resultsFile);
    const importRun = await runJob<ImportReport>(engine, 'import.run', 'campaigns.importResults', { id, file: await engine.grantFile(resultsFile, 'read') });
    if (importRun.result.outcome !== 'imported') throw new Error(`results import: ${importRun.result.message}`);
    const reportRun = await timed(() => value<CampaignReport>(engine, 'campaigns.report', { id }));
    return {
      create: created.seconds,
      audience: audience.seconds,
      exportRun,
      peerRun,
      resultsFile: written,
      importRun,
      reportSeconds: reportRun.seconds,
      audienceResult: audience.value,
      reportValue: reportRun.value,
    };
  } finally {
    await engine.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function commit(): { sha: string; dirty: boolean } {
  const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim();
  return { sha: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no').length > 0 };
}

const median = (values: number[]): number => round(percentile(values, 50), 2);

// The same bundle run-all builds; built here too so a run on its own does not use a stale one.
execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
const loadBefore = os.loadavg().map((l) => round(l, 2));
const rows: Array<Record<string, unknown>> = [];
const details: Array<Record<string, unknown>> = [];
for (const customers of SIZES) {
  const built = await buildOrReuse(customers);
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS(customers); i++) runs.push(await once(built.dir, customers));
  const last = runs.at(-1) as Measured;
  const size = last.audienceResult.size;
  const recipients = last.exportRun.result.recipients;
  const row = (step: string, seconds: number[], counted: number | null, aim: boolean): void => {
    const s = median(seconds);
    rows.push({
      customers,
      step,
      runs: seconds.length,
      medianSeconds: s,
      maxSeconds: round(Math.max(...seconds), 2),
      ...(counted === null ? {} : { rows: counted, rowsPerSecond: Math.round(counted / s) }),
      ...(aim ? { underAim: s < AIM_SECONDS } : {}),
    });
  };
  row('campaigns.create', runs.map((r) => r.create), null, false);
  row('campaigns.audience (resolve + split)', runs.map((r) => r.audience), size, false);
  row('create + audience', runs.map((r) => r.create + r.audience), size, true);
  row('campaigns.export job (assignments + e-mail list + freeze)', runs.map((r) => r.exportRun.seconds), size, true);
  row('peer: segments.export job, everyone, 3 columns', runs.map((r) => r.peerRun.seconds), last.peerRun.result.rows, false);
  row('campaigns.importResults job', runs.map((r) => r.importRun.seconds), last.importRun.result.rows, true);
  row('campaigns.report', runs.map((r) => r.reportSeconds), recipients, true);
  details.push({
    customers,
    workspace: built.dir,
    generatedSeconds: built.generatedSeconds,
    reusedWorkspace: built.reused,
    audience: { matched: last.audienceResult.matched, size, groups: last.audienceResult.groups.map((g) => ({ name: g.name, size: g.size })), strata: last.audienceResult.strata.length },
    export: { recipients, holdout: last.exportRun.result.holdout, files: last.exportRun.result.files.map((f) => ({ name: f.name, rows: f.rows })) },
    resultsFile: { rows: last.resultsFile.rows, writtenSeconds: round(last.resultsFile.seconds, 2) },
    importEngineSeconds: last.importRun.result.seconds,
    report: {
      arms: last.reportValue.arms.map((a) => ({ name: a.name, recipients: a.recipients, conversions: a.conversions, rate: round(a.rate, 4), fromOrders: a.fromOrders })),
      srmMismatch: last.reportValue.srm.mismatch,
      verdict: last.reportValue.verdict.outcome,
    },
    stageSeconds: runs.map((r) => ({ export: stageSeconds(r.exportRun), peer: stageSeconds(r.peerRun), import: stageSeconds(r.importRun) })),
  });
}

const loadAfter = os.loadavg().map((l) => round(l, 2));
const cores = os.cpus().length;
// A 1-minute load above the core count means other work shared the CPUs while this ran.
const busy = Math.max(loadBefore[0] ?? 0, loadAfter[0] ?? 0) > cores;
report('campaigns', rows, {
  seed: SEED,
  demoGeneratorVersion: DEMO_GENERATOR_VERSION,
  aimSeconds: AIM_SECONDS,
  commit: commit(),
  // The 1/5/15-minute load averages: other work on the 2 cores slows every run.
  loadAverage: { before: loadBefore, after: loadAfter },
  sharedMachine: busy,
  notes: [
    'Plan: e-mail, everyone with an e-mail address (consent not required), arms A and B, 10 % holdout, seed 1. Results: a row per recipient (holdout excluded), conversion A 3 %, B 3.6 %.',
    `Engine: out/node/engine-process.js forked with ${ENGINE_FLAGS.join(' ')}; jobs in its bundled worker thread. "before the first progress" is the worker's start and its first step.`,
    ...(busy ? [`Noisy: the 1-minute load average (${loadBefore[0]} before, ${loadAfter[0]} after) was above the ${cores} cores, so other work shared the CPUs; read ratios (campaign export against the peer) rather than absolutes.`] : []),
    'Stage seconds come from progress events, which the worker throttles to ten a second: a stage of under 0.1 s may be folded into the one before.',
  ],
  details,
});
