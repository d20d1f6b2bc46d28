// Review sentiment: the text classifier's training time and scoring throughput.
// 1. The UCI Sentiment Labelled Sentences (3,000; 10-fold, seed 1): cross-validation of both linear models and the
//    final fit, timed, with the accuracy and AUC; then scoring throughput (texts per second) of the final model.
// 2. A demo shop's reviews: analyzeSentiment end to end (learn from the stars, cross-validate, store, score every
//    review in one transaction), and the scoring throughput of its model alone.
// If a python3 with scikit-learn is found, TF-IDF (1–2-grams) + logistic regression is scored on the very same folds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { loadTf } from '../src/engine/ml/backend';
import { stratifiedFolds } from '../src/engine/ml/folds';
import { analyzeSentiment, reviewText } from '../src/engine/reviews/sentiment';
import { scoreTexts, trainTextClassifier, type TextModel } from '../src/engine/text/classifier';
import { readModelArtefact } from '../src/engine/models/model-repo';
import { readLabelledSentences } from '../test/unit/text/sentences';
import { buildOrReuseDemoWorkspace, demoWorkspaceDir } from './_demo-workspace';
import { report, round } from './lib';

const FOLDS = 10;
const SEED = 1;
const DEMO_CUSTOMERS = 30_000;
const DEMO_SEED = 1;
const control = { progress: () => undefined, checkCancelled: () => undefined };

/** Texts per second of `score` over `texts`, repeated until at least a second has passed. */
function throughput(texts: readonly string[], score: (t: readonly string[]) => unknown): number {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    score(texts);
    done += texts.length;
  }
  return done / ((performance.now() - started) / 1000);
}

const { tf, info } = await loadTf();
const { texts, labels } = readLabelledSentences();
const rows: Array<Record<string, unknown>> = [];

const result = await trainTextClassifier(tf, texts, labels, { folds: FOLDS, seed: SEED });
for (const c of result.candidates) {
  rows.push({
    data: 'UCI sentences (3,000)',
    model: c.model + (c.model === result.model ? ' (kept)' : ''),
    backend: `${info.backend}${info.simd ? ' (SIMD)' : ''}`,
    accuracyMean: round(c.accuracyMean, 4),
    aucMean: round(c.aucMean, 4),
    accuracyFolds: c.folds.map((f) => round(f.accuracy, 3)),
  });
}
const sentencesPerSecond = throughput(texts, (t) => scoreTexts(result.artifact, t));
rows.push({ data: 'UCI sentences (3,000)', model: 'whole run', trainSeconds: round(result.seconds, 1), includes: `${FOLDS}-fold CV of both models + final fit`, scoringPerSecond: Math.round(sentencesPerSecond), terms: result.terms });

// The demo shop's reviews.
const dir = demoWorkspaceDir('text', DEMO_CUSTOMERS, DEMO_SEED);
const generatedSeconds = await buildOrReuseDemoWorkspace(dir, DEMO_CUSTOMERS, DEMO_SEED);
const ws = await openWorkspace(dir);
const started = performance.now();
const run = await analyzeSentiment(ws.db, control);
const analyzeSeconds = (performance.now() - started) / 1000;
const reviewTexts = (ws.db.prepare('SELECT title, body FROM reviews ORDER BY id').all() as Array<{ title: string | null; body: string | null }>).map(reviewText);
let reviewsPerSecond: number | null = null;
if (run.modelId !== null) {
  const artefact = readModelArtefact<TextModel>(ws.db, run.modelId);
  reviewsPerSecond = throughput(reviewTexts, (t) => scoreTexts(artefact, t));
}
ws.db.close();
rows.push({
  data: `demo shop (${DEMO_CUSTOMERS.toLocaleString('en')} customers, ${reviewTexts.length.toLocaleString('en')} reviews)`,
  model: run.model ?? 'word list',
  source: run.source,
  accuracyMean: run.accuracy === null ? null : round(run.accuracy, 4),
  aucMean: run.auc === null ? null : round(run.auc, 4),
  lexiconAccuracy: run.lexiconAccuracy === null ? null : round(run.lexiconAccuracy, 4),
  trainSeconds: round(analyzeSeconds, 1),
  includes: 'analyzeSentiment: read, 5-fold CV of both models, final fit, store, score every review (one transaction)',
  scoringPerSecond: reviewsPerSecond === null ? null : Math.round(reviewsPerSecond),
  ratedReviews: run.positives + run.negatives,
});

/** The first python3 that can import scikit-learn. */
function findPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  return null;
}

let sklearn: Record<string, unknown> | string = 'not installed: python3 here cannot import sklearn, so the peer was not run on this machine';
const python = findPython();
if (python) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-text-'));
  const dataFile = path.join(tmp, 'sentences.tsv');
  // trainTextClassifier deals its folds with this same function and seed.
  const folds = stratifiedFolds(labels, FOLDS, SEED);
  fs.writeFileSync(dataFile, texts.map((t, i) => `${t.replace(/[\t\n]/g, ' ')}\t${labels[i]}\t${folds[i]}`).join('\n'));
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const res = spawnSync(python, [path.resolve('bench/text-sentiment.py'), dataFile], { encoding: 'utf8', env });
  if (res.status === 0) {
    const out = JSON.parse(res.stdout) as { sklearn: string; accuracyMean: number; aucMean: number; seconds: number; scoringPerSecond: number };
    sklearn = { version: out.sklearn, python, threads: 1 };
    rows.push({ data: 'UCI sentences (3,000)', model: 'scikit-learn TF-IDF 1–2-grams + LogisticRegression', backend: 'python', accuracyMean: round(out.accuracyMean, 4), aucMean: round(out.aucMean, 4), trainSeconds: round(out.seconds, 1), includes: `${FOLDS} fits on the same folds`, scoringPerSecond: Math.round(out.scoringPerSecond) });
  } else sklearn = `failed: ${res.stderr.slice(-400)}`;
  fs.rmSync(tmp, { recursive: true, force: true });
}

report('text-sentiment', rows, {
  data: { sentences: texts.length, positives: labels.reduce((s, v) => s + v, 0), folds: FOLDS, seed: SEED, demo: { customers: DEMO_CUSTOMERS, seed: DEMO_SEED, generatedSeconds } },
  reference: 'TF-IDF (1–2-grams) + logistic regression, 10-fold on the 3,000 sentences: accuracy 0.840, AUC 0.919 (/work/shared/data/README.md)',
  tfjs: info,
  sklearn,
});
