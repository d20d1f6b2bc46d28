import { AppError } from '../../shared/errors';
import type { Tf } from '../ml/backend';
import { foldRows, stratifiedFolds } from '../ml/folds';
import { rocAuc } from '../ml/metrics';
import { defaultLinear, linearLogits, sigmoid, trainLinear, type LinearOptions } from './linear';
import { defaultTokenise, textTerms, type TokeniseOptions } from './tokenise';
import { defaultVocabulary, fitVocabulary, termIndex, vectorise, type Vocabulary, type Weighting } from './vocabulary';

/**
 * A binary text classifier (positive / negative) and its cross-validation. Two linear models over word 1–2-grams
 * and character 2–5-grams compete: logistic regression on naive-Bayes-weighted presence ("NB-LR", the NB-SVM of
 * Wang & Manning 2012 with a logistic loss) and on TF-IDF; the one with the better mean held-out accuracy is kept.
 */

export type TextModelKind = 'nb-logistic' | 'tfidf-logistic';
export const TEXT_MODEL_KINDS: readonly TextModelKind[] = ['nb-logistic', 'tfidf-logistic'];

const WEIGHTING: Record<TextModelKind, Weighting> = { 'nb-logistic': 'nb', 'tfidf-logistic': 'tfidf' };
/** L2 strength per model (chosen on the UCI sentences; TF-IDF rows are denser and want a lighter penalty). */
const L2: Record<TextModelKind, number> = { 'nb-logistic': 1e-4, 'tfidf-logistic': 3e-5 };

/** Everything needed to score new texts, as plain JSON (stored in model_artifacts for the workspace's model). */
export type TextModel = {
  version: 1;
  kind: TextModelKind;
  tokenise: TokeniseOptions;
  vocabulary: Vocabulary;
  weights: number[];
  bias: number;
};

export type TextFold = { fold: number; rows: number; accuracy: number; auc: number };
export type CandidateResult = { model: TextModelKind; accuracyMean: number; aucMean: number; folds: TextFold[] };

export type TextTrainResult = {
  /** The model kept: the candidate with the best mean held-out accuracy (AUC breaks ties). */
  model: TextModelKind;
  accuracyMean: number;
  aucMean: number;
  folds: TextFold[];
  candidates: CandidateResult[];
  rows: number;
  positives: number;
  /** Terms in the final model's vocabulary. */
  terms: number;
  artifact: TextModel;
  backend: string;
  seconds: number;
};

export type TextTrainOptions = {
  folds: number;
  seed: number;
  /** Which models compete (default both). */
  candidates?: readonly TextModelKind[];
  linear?: Partial<Omit<LinearOptions, 'seed'>>;
  tokenise?: TokeniseOptions;
};

export type TextHooks = { checkCancelled?: () => void; onProgress?: (p: { fraction: number; stage: string; message: string }) => void };

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

const pick = (y: Uint8Array, rows: ArrayLike<number>): Uint8Array => Uint8Array.from(rows as ArrayLike<number>, (r) => y[r] as number);

function accuracy(y: Uint8Array, logits: Float32Array): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) right += (logits[i]! > 0 ? 1 : 0) === y[i] ? 1 : 0;
  return right / y.length;
}

/** Fits one model on the given documents (already split into terms). */
async function fitOne(
  tf: Tf,
  docs: readonly (readonly string[])[],
  y: Uint8Array,
  kind: TextModelKind,
  options: TextTrainOptions,
  seed: number,
  hooks: TextHooks,
): Promise<TextModel> {
  const vocabulary = fitVocabulary(docs, y, { ...defaultVocabulary, weighting: WEIGHTING[kind] });
  const matrix = vectorise(docs, vocabulary, termIndex(vocabulary));
  const fit = await trainLinear(tf, matrix, y, vocabulary.terms.length, { ...defaultLinear, l2: L2[kind], ...options.linear, seed }, hooks.checkCancelled ? { checkCancelled: hooks.checkCancelled } : {});
  // Weights rounded to 7 significant digits: the stored model stays readable JSON without float noise.
  return { version: 1, kind, tokenise: options.tokenise ?? defaultTokenise, vocabulary, weights: Array.from(fit.weights, (w) => Number(w.toPrecision(7))), bias: fit.bias };
}

/** Log-odds of positive for each text. */
export function textLogits(model: TextModel, texts: readonly string[]): Float32Array {
  if (model.version !== 1) throw new AppError('bad-input', 'This text model was saved by a newer version of Localyst. Update the app to use it.');
  const docs = texts.map((t) => textTerms(t, model.tokenise));
  return linearLogits(model, vectorise(docs, model.vocabulary, termIndex(model.vocabulary)));
}

/** P(positive) for each text. */
export const scoreTexts = (model: TextModel, texts: readonly string[]): Float32Array => Float32Array.from(textLogits(model, texts), sigmoid);

/**
 * Stratified k-fold cross-validation (seeded) of each candidate on the same folds, then the winner fitted on all
 * rows. The vocabulary and its weights are learned on each training fold only.
 */
export async function trainTextClassifier(tf: Tf, texts: readonly string[], y: Uint8Array, options: TextTrainOptions, hooks: TextHooks = {}): Promise<TextTrainResult> {
  const started = performance.now();
  const k = options.folds;
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new AppError('bad-input', `Folds take a whole number from 2 to 20, not ${k}.`, { field: 'folds' });
  if (texts.length !== y.length) throw new Error(`texts (${texts.length}) and labels (${y.length}) differ in length`);
  const candidates = options.candidates ?? TEXT_MODEL_KINDS;
  const tokenise = options.tokenise ?? defaultTokenise;
  hooks.onProgress?.({ fraction: 0, stage: 'Reading', message: `Splitting ${texts.length.toLocaleString('en')} texts into words` });
  const docs = texts.map((t) => textTerms(t, tokenise));
  const fold = stratifiedFolds(y, k, options.seed);
  const steps = candidates.length * k + 1;
  let step = 0;
  const results: CandidateResult[] = [];
  for (const kind of candidates) {
    const folds: TextFold[] = [];
    for (let f = 0; f < k; f++) {
      hooks.checkCancelled?.();
      const stage = `${kind === 'nb-logistic' ? 'NB-weighted' : 'TF-IDF'} model, fold ${f + 1} of ${k}`;
      hooks.onProgress?.({ fraction: (0.95 * step) / steps, stage, message: 'Training' });
      const { train, test } = foldRows(fold, f);
      const model = await fitOne(tf, Array.from(train, (r) => docs[r] as string[]), pick(y, train), kind, options, options.seed + 1000 * (f + 1), hooks);
      const testDocs = Array.from(test, (r) => docs[r] as string[]);
      const z = linearLogits(model, vectorise(testDocs, model.vocabulary, termIndex(model.vocabulary)));
      const yTest = pick(y, test);
      folds.push({ fold: f + 1, rows: test.length, accuracy: accuracy(yTest, z), auc: rocAuc(yTest, z) });
      step++;
    }
    results.push({ model: kind, accuracyMean: mean(folds.map((x) => x.accuracy)), aucMean: mean(folds.map((x) => x.auc)), folds });
  }
  const best = [...results].sort((a, b) => b.accuracyMean - a.accuracyMean || b.aucMean - a.aucMean)[0] as CandidateResult;
  hooks.checkCancelled?.();
  hooks.onProgress?.({ fraction: (0.95 * step) / steps, stage: 'Final model on all rows', message: `Keeping the ${best.model} model (accuracy ${best.accuracyMean.toFixed(3)})` });
  const artifact = await fitOne(tf, docs, y, best.model, options, options.seed, hooks);
  hooks.onProgress?.({ fraction: 1, stage: 'Done', message: `Accuracy ${best.accuracyMean.toFixed(3)}, AUC ${best.aucMean.toFixed(3)}` });
  return {
    model: best.model,
    accuracyMean: best.accuracyMean,
    aucMean: best.aucMean,
    folds: best.folds,
    candidates: results,
    rows: texts.length,
    positives: y.reduce((s, v) => s + v, 0),
    terms: artifact.vocabulary.terms.length,
    artifact,
    backend: tf.getBackend(),
    seconds: (performance.now() - started) / 1000,
  };
}

