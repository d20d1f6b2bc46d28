import type { ModelCard } from '../../shared/model-schemas';
import type { Db } from '../kernel/workspace';
import type { JobControl } from '../kernel/jobs';
import { createRng, shuffleInPlace } from '../ml/folds';
import { loadTf } from '../ml/backend';
import type { NewModel } from '../models/model-repo';
import { trainTextClassifier, type TextModel, type TextTrainResult } from '../text/classifier';

/**
 * Learning review sentiment from the workspace's own star ratings: 4–5 stars positive, 1–2 negative, 3 left out.
 * Used only when there are enough of both and the model beats the word list on the same reviews in cross-validation.
 */

/** Rated reviews with text needed in each class (positive and negative) before a model is trained. */
export const MIN_PER_CLASS = 50;
/** At most this many rated reviews are learned from (a seeded sample, both classes in their shares): enough for n-gram weights, quick to train. */
export const MAX_TRAINING = 20_000;
const FOLDS = 5;
const SEED = 1;

export type RatedReviews = { texts: string[]; labels: Uint8Array; positives: number; negatives: number; from: string | null; to: string | null };

export type SentimentTraining = { result: TextTrainResult; lexiconAccuracy: number; card: NewModel; artifact: TextModel };

/** Reviews with a rating other than 3 and some text, labelled by their stars. */
export function readRatedReviews(db: Db, textOf: (r: { title: string | null; body: string | null }) => string): RatedReviews {
  const rows = db
    .prepare("SELECT rating, title, body, reviewed_at FROM reviews WHERE rating IN (1, 2, 4, 5) AND (trim(coalesce(title, '')) <> '' OR trim(coalesce(body, '')) <> '') ORDER BY id")
    .all() as Array<{ rating: number; title: string | null; body: string | null; reviewed_at: string }>;
  const texts = rows.map(textOf);
  const labels = Uint8Array.from(rows, (r) => (r.rating >= 4 ? 1 : 0));
  const positives = labels.reduce((s, v) => s + v, 0);
  const days = rows.map((r) => r.reviewed_at.slice(0, 10)).sort();
  return { texts, labels, positives, negatives: labels.length - positives, from: days[0] ?? null, to: days[days.length - 1] ?? null };
}

/** A seeded sample of at most MAX_TRAINING rows (all of them when fewer). */
function sample(rated: RatedReviews): { texts: string[]; labels: Uint8Array } {
  if (rated.texts.length <= MAX_TRAINING) return rated;
  const order = shuffleInPlace(Int32Array.from({ length: rated.texts.length }, (_, i) => i), createRng(SEED, 404)).subarray(0, MAX_TRAINING);
  const rows = Array.from(order).sort((a, b) => a - b);
  return { texts: rows.map((r) => rated.texts[r] as string), labels: Uint8Array.from(rows, (r) => rated.labels[r] as number) };
}

/** Share of rated reviews the word list puts on the side of their stars (score ≥ 0.5 counts as positive). */
function lexiconAccuracyOf(texts: readonly string[], labels: Uint8Array, score: (text: string) => number): number {
  let right = 0;
  texts.forEach((t, i) => (right += (score(t) >= 0.5 ? 1 : 0) === labels[i] ? 1 : 0));
  return right / texts.length;
}

/** Cross-validates the text classifier on the rated reviews (progress 0..share) and builds its model card. */
export async function trainSentimentModel(
  rated: RatedReviews,
  lexicon: (text: string) => number,
  control: JobControl,
  share: number,
): Promise<SentimentTraining> {
  const { tf } = await loadTf();
  const data = sample(rated);
  const result = await trainTextClassifier(
    tf,
    data.texts,
    data.labels,
    { folds: FOLDS, seed: SEED },
    {
      checkCancelled: () => control.checkCancelled(),
      onProgress: (p) => control.progress({ fraction: share * p.fraction, stage: p.stage, message: p.message }),
    },
  );
  const lexiconAccuracy = lexiconAccuracyOf(data.texts, data.labels, lexicon);
  const positives = result.positives;
  const warnings: string[] = [];
  if (Math.min(positives, result.rows - positives) < 200) warnings.push(`Only ${Math.min(positives, result.rows - positives)} reviews in the smaller group: the accuracy is uncertain.`);
  if (rated.texts.length > data.texts.length) warnings.push(`Learned from a sample of ${data.texts.length.toLocaleString('en')} of the ${rated.texts.length.toLocaleString('en')} rated reviews.`);
  const card: NewModel = {
    kind: 'sentiment',
    category: null,
    backend: result.backend,
    rows: result.rows,
    headline: { name: 'accuracy', value: result.accuracyMean },
    warnings,
    dataWindow: { from: rated.from, cutoff: rated.to ?? '', labelEnd: null, horizonDays: null, category: null },
    features: [
      { name: 'words', label: 'Words and word pairs', description: 'Each word and each pair of neighbouring words; words after "not", "never" or "no" are marked as negated.' },
      { name: 'characters', label: 'Word pieces', description: 'Runs of 2 to 5 letters inside words, which catch misspellings and word endings.' },
    ],
    positives,
    seconds: result.seconds,
    propensity: null,
    clv: null,
    text: {
      model: result.model,
      accuracyMean: result.accuracyMean,
      aucMean: result.aucMean,
      folds: result.folds,
      candidates: result.candidates.map((c) => ({ model: c.model, accuracyMean: c.accuracyMean, aucMean: c.aucMean })),
      terms: result.terms,
      lexiconAccuracy,
    },
    history: [],
  } satisfies Omit<ModelCard, 'id' | 'version' | 'active' | 'createdAt' | 'scored'>;
  return { result, lexiconAccuracy, card, artifact: result.artifact };
}
