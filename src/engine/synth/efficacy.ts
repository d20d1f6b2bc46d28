import type { EfficacyReport } from '../../shared/synth-schemas';
import { AppError } from '../../shared/errors';
import type { Tf } from '../ml/backend';
import { encodeFeatures, encodeTarget, fitEncoder } from '../ml/encoder';
import { rocAuc } from '../ml/metrics';
import type { RawTable } from '../ml/table';
import { defaultTrainOptions, predictLogits, trainNet, type TrainOptions } from '../ml/trainer';
import { selectSynthRows, synthToRawTable } from './raw';
import type { SynthData } from './types';

type Scores = EfficacyReport['real'];

/**
 * The decision threshold on a model's raw scores that gives the best F1 of the outcome on its own training rows
 * (the rows it learned from: the real rows for the real model, the synthetic rows for the synthetic one). Class
 * weights make 0.5 of the raw probability no natural cut, and the holdout must not choose it.
 */
export function bestF1Threshold(y: Uint8Array, scores: Float32Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const positives = y.reduce((s, v) => s + v, 0);
  if (positives === 0) return Number.POSITIVE_INFINITY;
  let tp = 0;
  let fp = 0;
  let best = -1;
  let threshold = Number.POSITIVE_INFINITY;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (y[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    // Only cut between different scores: tied rows fall on the same side.
    if (next !== undefined && scores[next] === scores[i]) continue;
    const f1 = (2 * tp) / (2 * tp + fp + (positives - tp));
    if (f1 > best) {
      best = f1;
      threshold = next === undefined ? Number.NEGATIVE_INFINITY : ((scores[i] as number) + (scores[next] as number)) / 2;
    }
  }
  return threshold;
}

/** Accuracy and F1 of the outcome for scores cut at a threshold (a row is predicted positive when its score is above it). */
export function classificationScores(y: Uint8Array, scores: Float32Array, threshold: number): { accuracy: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  for (let i = 0; i < y.length; i++) {
    const predicted = (scores[i] as number) > threshold ? 1 : 0;
    if (predicted === y[i]) right++;
    if (predicted === 1 && y[i] === 1) tp++;
    else if (predicted === 1) fp++;
    else if (y[i] === 1) fn++;
  }
  return { accuracy: y.length ? right / y.length : 0, f1: tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn) };
}

async function trainAndTest(
  tf: Tf,
  train: RawTable,
  yTrain: Uint8Array,
  test: RawTable,
  yTest: Uint8Array,
  target: string,
  options: TrainOptions,
  checkCancelled?: () => void,
): Promise<Scores> {
  const positives = yTrain.reduce((s, v) => s + v, 0);
  if (positives === 0 || positives === yTrain.length) {
    // One outcome only: the model can do no better than always predict it.
    const constant = new Float32Array(yTest.length).fill(positives === 0 ? -1 : 1);
    return { ...classificationScores(yTest, constant, 0), auc: null };
  }
  const encoder = fitEncoder(train, { target });
  const tr = encodeFeatures(encoder, train);
  const te = encodeFeatures(encoder, test);
  const fit = await trainNet(tf, tr.X, tr.rows, tr.cols, yTrain, options, checkCancelled ? { checkCancelled } : {});
  const threshold = bestF1Threshold(yTrain, predictLogits(tf, fit.net, tr.X, tr.rows, tr.cols));
  const z = predictLogits(tf, fit.net, te.X, te.rows, te.cols);
  const auc = rocAuc(yTest, z);
  return { ...classificationScores(yTest, z, threshold), auc: Number.isNaN(auc) ? null : auc };
}

/**
 * Machine-learning efficacy with the app's own propensity trainer: one model trained on the real training rows and
 * one on the synthetic rows (same options, same seed), both tested on the real holdout: accuracy, F1 of the outcome
 * (threshold chosen on each model's own training rows to maximise F1, see bestF1Threshold) and ROC AUC.
 * The target must be a learned categorical column; `positive` names the outcome level, else it is read from the
 * values as the propensity model does (yes/no, true/false, 1/0, churned/stayed…). `opts.train` overrides the
 * trainer's defaults (tests use few epochs); `opts.checkCancelled` (a job's) is called before every batch.
 */
export async function efficacyReport(
  tf: Tf,
  train: SynthData,
  synthetic: SynthData,
  test: SynthData,
  target: { column: string; positive?: string | undefined },
  seed: number,
  opts: { train?: Partial<TrainOptions>; checkCancelled?: () => void } = {},
): Promise<EfficacyReport> {
  const column = train.columns.find((c) => c.name === target.column);
  if (!column) throw new AppError('bad-input', `The target "${target.column}" is not one of the learned columns.`, { column: target.column, field: 'target' });
  if (column.kind !== 'categorical') {
    throw new AppError('bad-input', `The target "${target.column}" must be a category (yes/no or a few values) to measure efficacy; it is ${column.kind}.`, {
      column: target.column,
      field: 'target',
    });
  }
  // Rows without an outcome teach and test nothing: they are left out on every side.
  const withOutcome = (data: SynthData): SynthData => {
    const col = data.columns.find((c) => c.name === target.column);
    if (!col || col.kind !== 'categorical') throw new AppError('bad-input', `The target "${target.column}" is missing from the synthetic or test rows.`, { column: target.column });
    const kept: number[] = [];
    col.codes.forEach((code, i) => code >= 0 && kept.push(i));
    return kept.length === data.rows ? data : selectSynthRows(data, kept);
  };
  const realTable = synthToRawTable(withOutcome(train), { dates: 'seconds' });
  const yReal = encodeTarget(realTable, target.column, target.positive);
  const targetAt = realTable.columns.indexOf(target.column);
  // The outcome as the data spell it (the user's ">50k" is the column's ">50K").
  const positive = String(realTable.rows[yReal.indexOf(1)]?.[targetAt] ?? target.positive ?? '').trim();
  const testData = withOutcome(test);
  const testTable = synthToRawTable(testData, { dates: 'seconds' });
  const syntheticTable = synthToRawTable(withOutcome(synthetic), { dates: 'seconds' });
  // Named explicitly so that a twin missing one outcome is measured (as a constant model) rather than refused.
  const labels = (table: RawTable): Uint8Array => {
    const j = table.columns.indexOf(target.column);
    const wanted = positive.toLowerCase();
    return Uint8Array.from(table.rows, (r) => (String(r[j] ?? '').trim().toLowerCase() === wanted ? 1 : 0));
  };
  const options: TrainOptions = { ...defaultTrainOptions, ...opts.train, seed };
  const yTest = labels(testTable);
  return {
    target: target.column,
    positive,
    testRows: testData.rows,
    real: await trainAndTest(tf, realTable, yReal, testTable, yTest, target.column, options, opts.checkCancelled),
    synthetic: await trainAndTest(tf, syntheticTable, labels(syntheticTable), testTable, yTest, target.column, options, opts.checkCancelled),
  };
}
