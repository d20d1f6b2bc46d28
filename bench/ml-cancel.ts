// How fast training stops when cancelled (the timings the unit tests must not assert): the trainer from the throw
// in checkCancelled to the rejected promise, and a model.trainTable job on Telco from jobs.cancel to job.failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../src/engine';
import { loadTf } from '../src/engine/ml/backend';
import { createRng } from '../src/engine/ml/folds';
import { defaultTrainOptions, trainNet } from '../src/engine/ml/trainer';
import { percentile, report, round } from './lib';

const RUNS = 5;
const TELCO = path.resolve('test/data/telco-churn/Telco-Customer-Churn.csv');
const { tf, info } = await loadTf();

/** 20,000 rows of 3 random features and a random outcome: enough batches that training is under way when stopped. */
function data(n: number): { X: Float32Array; y: Uint8Array } {
  const rng = createRng(6);
  const X = Float32Array.from({ length: n * 3 }, () => rng() * 2 - 1);
  const y = Uint8Array.from({ length: n }, () => (rng() < 0.3 ? 1 : 0));
  return { X, y };
}

async function trainerStop(): Promise<number> {
  const { X, y } = data(20_000);
  const stop = new Error('cancelled by the bench');
  let calls = 0;
  let thrownAt = 0;
  const options = { ...defaultTrainOptions, hidden: [16], batchSize: 64, epochs: 1000, seed: 1 };
  try {
    await trainNet(tf, X, 20_000, 3, y, options, {
      checkCancelled: () => {
        if (++calls === 300) {
          thrownAt = performance.now();
          throw stop;
        }
      },
    });
  } catch (error) {
    if (error !== stop) throw error;
  }
  return performance.now() - thrownAt;
}

async function jobStop(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-cancel-'));
  const engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), home: path.join(dir, 'home') });
  try {
    const reply = await engine.invoke('model.trainTable', { file: TELCO, target: 'Churn', id: 'customerID', folds: 10 });
    if (!reply.ok) throw new Error(reply.error.message);
    const jobId = (reply.value as { jobId: string }).jobId;
    let cancelledAt = 0;
    await new Promise<void>((resolve) => {
      const off = engine.onEvent((event, payload) => {
        const p = payload as { jobId?: string; stage?: string };
        if (p.jobId !== jobId) return;
        if (event === 'job.progress' && p.stage?.startsWith('Fold') && cancelledAt === 0) {
          cancelledAt = performance.now();
          void engine.invoke('jobs.cancel', { jobId });
        }
        if (event === 'job.failed' || event === 'job.done') {
          off();
          resolve();
        }
      });
    });
    return performance.now() - cancelledAt;
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Array<Record<string, unknown>> = [];
for (const [step, run] of [
  ['trainer: throw in checkCancelled → rejected', trainerStop],
  ['model.trainTable job: jobs.cancel → job.failed', jobStop],
] as const) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await run());
  rows.push({ step, runs: RUNS, p50ms: round(percentile(ms, 50), 1), maxMs: round(Math.max(...ms), 1) });
}
report('ml-cancel', rows, { backend: info.backend, note: 'The unit tests check that cancelling stops the work; how long it takes is measured here.' });
