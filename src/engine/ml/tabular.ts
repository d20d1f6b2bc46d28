import { AppError } from '../../shared/errors';
import type { Tf } from './backend';
import { applyCalibration, fitPlatt, type Calibration } from './calibration';
import { encodeFeatures, encodeTarget, fitEncoder, type Encoder, type EncoderOptions } from './encoder';
import { permutationImportance, rowReasons, type Reason } from './explain';
import { foldRows, stratifiedFolds } from './folds';
import { aucBootstrapCi, brier, calibrationCurve, liftByDecile, logLoss, prAuc, rocAuc, type CalibrationBin, type LiftRow } from './metrics';
import { columnIndex, selectRows, type RawTable } from './table';
import { defaultTrainOptions, predictLogits, trainNet, type EpochLog, type Net, type TrainHooks, type TrainOptions } from './trainer';

/** Everything needed to score new rows: the encoding, the network and the calibration, as plain JSON. */
export type TabularArtifact = {
  version: 1;
  encoder: Encoder;
  net: Net;
  calibration: Calibration;
  featureNames: string[];
  target: string;
  options: TrainOptions;
  /** Epochs of the final fit on all rows (the median best epoch of the folds). */
  epochs: number;
};

export type TabularResult = {
  /** Mean of the per-fold ROC AUCs on held-out rows (what scikit-learn's cross_val_score reports). */
  aucMean: number;
  aucFolds: number[];
  /** 95 % bootstrap interval of the AUC of all out-of-fold probabilities together. */
  aucCi: { low: number; high: number };
  /** The AUC of all out-of-fold probabilities together. */
  aucPooled: number;
  prAuc: number;
  logLoss: number;
  brier: number;
  lift: LiftRow[];
  calibration: CalibrationBin[];
  /** Mean drop in held-out AUC when a source column is shuffled, largest first. */
  importance: Array<{ feature: string; drop: number }>;
  rows: number;
  positives: number;
  /** Encoded features of the final model. */
  features: number;
  /** Source columns the final model left out, and why. */
  dropped: Array<{ column: string; reason: string }>;
  /** The final fit on all rows (no validation: valLoss is null). */
  history: EpochLog[];
  /** Each fold's fit, with its validation loss; `bestEpochs` are the epochs whose weights were kept. */
  foldHistories: EpochLog[][];
  bestEpochs: number[];
  artifact: TabularArtifact;
  backend: string;
  seconds: number;
};

export type TabularOptions = {
  target: string;
  /** The target value that is the outcome (the others count as "not"); needed when the values do not say it. */
  positive?: string;
  id?: string;
  exclude?: string[];
  categorical?: string[];
  folds: number;
  seed: number;
  train?: Partial<TrainOptions>;
  /** Encoding choices: level caps and the log1p companions of non-negative numeric columns. */
  encoding?: Pick<EncoderOptions, 'maxLevels' | 'minLevelCount' | 'logCompanion'>;
  /** Shuffles per column for permutation importance (default 3). */
  importanceRepeats?: number;
  /** Bootstrap resamples for the AUC interval (default 1000). */
  bootstrapSamples?: number;
};

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const pick = (y: Uint8Array, rows: Int32Array): Uint8Array => Uint8Array.from(rows, (r) => y[r] as number);

/**
 * Stratified k-fold cross-validation of a propensity model on a raw table, then a final fit on all rows.
 * The encoding is fitted on each training fold only; metrics use out-of-fold probabilities calibrated by
 * Platt scaling fitted on the other folds' scores; the artifact's calibration uses all out-of-fold scores.
 */
export async function trainTabular(tf: Tf, table: RawTable, opts: TabularOptions, hooks: TrainHooks = {}): Promise<TabularResult> {
  const started = performance.now();
  const k = opts.folds;
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new AppError('bad-input', `Folds take a whole number from 2 to 20, not ${k}.`, { field: 'folds' });
  const options: TrainOptions = { ...defaultTrainOptions, seed: opts.seed, ...opts.train };
  const encoderOptions: EncoderOptions = {
    ...opts.encoding,
    target: opts.target,
    ...(opts.id !== undefined ? { id: opts.id } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(opts.categorical ? { categorical: opts.categorical } : {}),
  };
  // Every named column must exist: checked up front, before any training.
  for (const [field, names] of [['id', opts.id === undefined ? [] : [opts.id]], ['exclude', opts.exclude ?? []], ['categorical', opts.categorical ?? []]] as const) {
    for (const name of names) columnIndex(table, name, field);
  }
  const y = encodeTarget(table, opts.target, opts.positive);
  const n = y.length;
  const fold = stratifiedFolds(y, k, opts.seed);
  const oof = new Float32Array(n);
  const aucFolds: number[] = [];
  const foldHistories: EpochLog[][] = [];
  const bestEpochs: number[] = [];
  const importance = new Map<string, number>();
  const share = 0.82 / k;
  for (let f = 0; f < k; f++) {
    hooks.checkCancelled?.();
    const stage = `Fold ${f + 1} of ${k}`;
    hooks.onProgress?.({ fraction: f * share, stage, message: 'Preparing features' });
    const { train, test } = foldRows(fold, f);
    const trainTable = selectRows(table, train);
    const testTable = selectRows(table, test);
    const encoder = fitEncoder(trainTable, encoderOptions);
    const tr = encodeFeatures(encoder, trainTable);
    const te = encodeFeatures(encoder, testTable);
    const yTest = pick(y, test);
    const fit = await trainNet(tf, tr.X, tr.rows, tr.cols, pick(y, train), { ...options, seed: options.seed + 1000 * (f + 1) }, {
      onEpoch: (p) => hooks.onEpoch?.({ ...p, fold: f + 1 }),
      onProgress: (p) => hooks.onProgress?.({ fraction: (f + 0.9 * p.fraction) * share, stage, message: p.message }),
      ...(hooks.checkCancelled ? { checkCancelled: hooks.checkCancelled } : {}),
    });
    foldHistories.push(fit.history);
    bestEpochs.push(fit.bestEpoch);
    const z = predictLogits(tf, fit.net, te.X, te.rows, te.cols);
    test.forEach((row, i) => (oof[row] = z[i] as number));
    aucFolds.push(rocAuc(yTest, z));
    hooks.onProgress?.({ fraction: (f + 0.9) * share, stage, message: `AUC ${(aucFolds[f] as number).toFixed(3)}; measuring importance` });
    const drops = permutationImportance(tf, fit.net, encoder, te.X, te.rows, te.cols, yTest, {
      repeats: opts.importanceRepeats ?? 3,
      seed: opts.seed + f,
      ...(hooks.checkCancelled ? { checkCancelled: hooks.checkCancelled } : {}),
    });
    for (const d of drops) importance.set(d.feature, (importance.get(d.feature) ?? 0) + d.drop / k);
  }

  const finalStage = 'Final model on all rows';
  hooks.onProgress?.({ fraction: 0.82, stage: finalStage, message: 'Preparing features' });
  const encoder = fitEncoder(table, encoderOptions);
  const all = encodeFeatures(encoder, table);
  const epochs = Math.max(1, Math.round(median(bestEpochs)));
  const final = await trainNet(tf, all.X, all.rows, all.cols, y, { ...options, validationFraction: 0, epochs }, {
    ...(hooks.onEpoch ? { onEpoch: hooks.onEpoch } : {}),
    onProgress: (p) => hooks.onProgress?.({ fraction: 0.82 + 0.15 * p.fraction, stage: finalStage, message: p.message }),
    ...(hooks.checkCancelled ? { checkCancelled: hooks.checkCancelled } : {}),
  });

  hooks.onProgress?.({ fraction: 0.97, stage: 'Metrics', message: 'Calibrating and measuring' });
  const calibration = fitPlatt(oof, y);
  const p = crossFittedProbabilities(oof, y, fold, k);
  const result: TabularResult = {
    aucMean: aucFolds.reduce((s, a) => s + a, 0) / k,
    aucFolds,
    aucCi: aucBootstrapCi(y, p, { samples: opts.bootstrapSamples ?? 1000, seed: opts.seed, level: 0.95 }),
    aucPooled: rocAuc(y, p),
    prAuc: prAuc(y, p),
    logLoss: logLoss(y, p),
    brier: brier(y, p),
    lift: liftByDecile(y, p),
    calibration: calibrationCurve(y, p, 10),
    importance: [...importance.entries()].map(([feature, drop]) => ({ feature, drop })).sort((a, b) => b.drop - a.drop),
    rows: n,
    positives: y.reduce((s, v) => s + v, 0),
    features: all.cols,
    dropped: encoder.dropped,
    history: final.history,
    foldHistories,
    bestEpochs,
    artifact: { version: 1, encoder, net: final.net, calibration, featureNames: encoder.featureNames, target: opts.target, options, epochs },
    backend: tf.getBackend(),
    seconds: (performance.now() - started) / 1000,
  };
  hooks.onProgress?.({ fraction: 1, stage: 'Done', message: `AUC ${result.aucMean.toFixed(3)}` });
  return result;
}

/** Out-of-fold probabilities, each fold calibrated by a Platt fit on the other folds' scores (no peeking). */
function crossFittedProbabilities(oof: Float32Array, y: Uint8Array, fold: Uint8Array, k: number): Float32Array {
  const p = new Float32Array(oof.length);
  for (let f = 0; f < k; f++) {
    const { train, test } = foldRows(fold, f);
    const cal = fitPlatt(
      Float32Array.from(train, (r) => oof[r] as number),
      pick(y, train),
    );
    const q = applyCalibration(cal, Float32Array.from(test, (r) => oof[r] as number));
    test.forEach((row, i) => (p[row] = q[i] as number));
  }
  return p;
}

/**
 * Calibrated probabilities for new rows (which need the source columns the model uses; others are ignored),
 * and for each row the `reasons` (default 3) columns that move its score most against a typical customer.
 */
export function scoreTabular(
  tf: Tf,
  artifact: TabularArtifact,
  table: RawTable,
  opts: { reasons?: number; checkCancelled?: () => void } = {},
): { probabilities: Float32Array; reasons: Reason[][] } {
  if (artifact.version !== 1) throw new AppError('bad-input', 'This model was saved by a newer version of Localyst. Update the app to use it.');
  const { X, rows, cols } = encodeFeatures(artifact.encoder, table);
  const logits = predictLogits(tf, artifact.net, X, rows, cols);
  const probabilities = applyCalibration(artifact.calibration, logits);
  const top = opts.reasons ?? 3;
  const reasons = top > 0 ? rowReasons(tf, artifact.net, artifact.calibration, artifact.encoder, table, X, logits, top, opts.checkCancelled) : table.rows.map(() => []);
  return { probabilities, reasons };
}
