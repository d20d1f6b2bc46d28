// Propensity training on Telco churn (7,043 customers): the whole 5-fold pipeline (per-fold encoding, training
// with early stopping, permutation importance, Platt calibration, bootstrap interval, final refit) timed with the
// TensorFlow.js backend in use. If a python3 with scikit-learn is found, its logistic regression and gradient
// boosting (and LightGBM when importable) are scored in the same run on the very same folds, for comparison.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTf } from '../src/engine/ml/backend';
import { encodeTarget } from '../src/engine/ml/encoder';
import { stratifiedFolds } from '../src/engine/ml/folds';
import { readCsvTable } from '../src/engine/ml/table';
import { trainTabular } from '../src/engine/ml/tabular';
import type { TrainOptions } from '../src/engine/ml/trainer';
import { percentile, report, round } from './lib';

const RUNS = 3;
const FOLDS = 5;
const SEED = 1;
const TELCO = path.resolve('test/data/telco-churn/Telco-Customer-Churn.csv');

const { tf, info } = await loadTf();
const table = readCsvTable(TELCO);
const y = encodeTarget(table, 'Churn');
// trainTabular deals its folds with this same function and seed; the Python side reads them from a file.
const folds = stratifiedFolds(y, FOLDS, SEED);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-telco-'));
const foldFile = path.join(tmp, 'folds.txt');
fs.writeFileSync(foldFile, `${Array.from(folds).join('\n')}\n`);

const variants: Array<{ name: string; train: Partial<TrainOptions> }> = [
  { name: 'Localyst logistic regression (default)', train: {} },
  { name: 'Localyst MLP [16], dropout 0.2', train: { hidden: [16], dropout: 0.2, l2: 1e-3, learningRate: 0.005 } },
];
const rows: Array<Record<string, unknown>> = [];
for (const variant of variants) {
  const seconds: number[] = [];
  let last: Awaited<ReturnType<typeof trainTabular>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    last = await trainTabular(tf, table, { target: 'Churn', id: 'customerID', folds: FOLDS, seed: SEED, train: variant.train });
    seconds.push(last.seconds);
  }
  const r = last as NonNullable<typeof last>;
  rows.push({
    model: variant.name,
    backend: `${info.backend}${info.simd ? ' (SIMD)' : ''}`,
    aucMean: round(r.aucMean, 4),
    aucFolds: r.aucFolds.map((a) => round(a, 4)),
    logLoss: round(r.logLoss, 4),
    medianSeconds: round(percentile(seconds, 50), 2),
    runs: RUNS,
    bestEpochs: r.bestEpochs,
    includes: 'per-fold encoding + training, permutation importance (3 repeats), calibration, bootstrap CI (1,000), final refit',
  });
}

/** The first python3 that can import scikit-learn (a virtual environment's may lack it; the system's may have it). */
function findPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import sklearn'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

let sklearn: Record<string, unknown> | string = 'not installed';
const python = findPython();
if (python) {
  // One thread, like our WebAssembly backend here; OpenMP's spinning threads also collapse on a busy 2-core machine.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const res = spawnSync(python, [path.resolve('bench/telco-train.py'), TELCO, foldFile], { encoding: 'utf8', env });
  if (res.status === 0) {
    const out = JSON.parse(res.stdout) as { sklearn: string; lightgbm: string; models: Array<{ model: string; aucMean: number; aucFolds: number[]; seconds: number }> };
    sklearn = { version: out.sklearn, lightgbm: out.lightgbm, python, threads: 1 };
    for (const m of out.models) {
      rows.push({ model: m.model, backend: 'python', aucMean: round(m.aucMean, 4), aucFolds: m.aucFolds.map((a) => round(a, 4)), medianSeconds: round(m.seconds, 2), runs: 1, includes: '5 fits + held-out predictions' });
    }
  } else {
    sklearn = `failed: ${res.stderr.slice(-400)}`;
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

report('telco-train', rows, {
  data: { file: 'Telco-Customer-Churn.csv', rows: y.length, positives: y.reduce((s, v) => s + v, 0), folds: FOLDS, seed: SEED },
  tfjs: info,
  sklearn,
});
