import vader from 'vader-sentiment';
import type { Db } from '../kernel/workspace';
import type { JobControl } from '../kernel/jobs';
import { insertModel, markActive, readModelArtefact, readModelCard, type NewModel } from '../models/model-repo';
import { scoreTexts, type TextModel, type TextModelKind } from '../text/classifier';
import { MIN_PER_CLASS, readRatedReviews, trainSentimentModel } from './sentiment-model';

/**
 * Sentiment of every review in the workspace, written to `review_sentiment` (migration 009). Where the workspace has
 * enough star ratings (at least MIN_PER_CLASS reviews with text of 4–5 stars and of 1–2 stars), a text classifier
 * learns from them (src/engine/text), is cross-validated, stored as a 'sentiment' model version and scores every
 * review, unless the word list reads the rated reviews at least as well. Otherwise the lexicon (VADER: a word list
 * with negation, intensifiers, "but" and punctuation rules) scores them, and `reason` says why.
 */
export type SentimentRun = {
  scored: number;
  source: 'model' | 'lexicon';
  modelId: number | null;
  /** Why this source: e.g. "only 12 rated reviews to learn from (at least 200 are needed): scored with the word list". */
  reason: string;
  /** The stored model's version (null with the word list). */
  version: number | null;
  /** Which text model was kept in cross-validation (null with the word list when none was trained). */
  model: TextModelKind | null;
  /** Cross-validated accuracy and AUC of the trained model (null when none was trained). */
  accuracy: number | null;
  auc: number | null;
  /** The word list's accuracy on the same rated reviews (null when there are none). */
  lexiconAccuracy: number | null;
  /** Rated reviews with text: 4–5 stars (positive) and 1–2 stars (negative). */
  positives: number;
  negatives: number;
};

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/** Scores between these are neutral. */
export const NEUTRAL_BAND = { low: 0.4, high: 0.6 } as const;

export const sentimentLabel = (score: number): SentimentLabel =>
  score >= NEUTRAL_BAND.high ? 'positive' : score <= NEUTRAL_BAND.low ? 'negative' : 'neutral';

/** The lexicon's compound score (-1..1) mapped to 0..1, like the classifier's P(positive). */
export function lexiconScore(text: string): number {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  return (compound + 1) / 2;
}

type ReviewText = { id: number; title: string | null; body: string | null };

/** The text a review is judged by: its title and body. */
export const reviewText = (r: { title: string | null; body: string | null }): string => [r.title, r.body].filter((x) => x && x.trim()).join('. ');

const BATCH = 2_000;
/** Share of the progress bar that training takes when a model is trained. */
const TRAIN_SHARE = 0.85;

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

type Scorer = { source: 'model' | 'lexicon'; score: (texts: string[]) => ArrayLike<number> };

const lexiconScorer: Scorer = { source: 'lexicon', score: (texts) => texts.map(lexiconScore) };

/** A review without words has no evidence either way: neutral, whichever scorer. */
const modelScorer = (model: TextModel): Scorer => ({
  source: 'model',
  score: (texts) => {
    const scores = scoreTexts(model, texts);
    texts.forEach((t, i) => (t.trim() === '' ? (scores[i] = 0.5) : 0));
    return scores;
  },
});

/**
 * Replaces every review's sentiment in one transaction; with `store`, the new model version is saved and made active
 * in the same transaction, so a cancelled or failed run leaves the workspace as it was.
 */
async function writeScores(
  db: Db,
  control: JobControl,
  scorer: Scorer,
  from: number,
  model: { store: { card: NewModel; artefact: TextModel } } | { id: number } | null,
  beforeCommit?: () => Promise<void>,
): Promise<{ scored: number; modelId: number | null; version: number | null }> {
  const total = (db.prepare('SELECT count(*) FROM reviews').pluck().get() as number) ?? 0;
  const read = db.prepare('SELECT id, title, body FROM reviews WHERE id > ? ORDER BY id LIMIT ?');
  const write = db.prepare('INSERT INTO review_sentiment (review_id, score, label, source, model_id) VALUES (?, ?, ?, ?, ?)');
  db.exec('BEGIN IMMEDIATE');
  try {
    let modelId: number | null = null;
    let version: number | null = null;
    if (model && 'store' in model) ({ id: modelId, version } = insertModel(db, model.store.card, model.store.artefact));
    else if (model) ({ id: modelId, version } = { id: model.id, version: readModelCard(db, model.id).version });
    db.exec('DELETE FROM review_sentiment');
    let last = 0;
    let done = 0;
    for (;;) {
      control.checkCancelled();
      const rows = read.all(last, BATCH) as ReviewText[];
      if (rows.length === 0) break;
      const scores = scorer.score(rows.map(reviewText));
      rows.forEach((r, i) => {
        const score = Math.min(1, Math.max(0, scores[i] as number));
        write.run(r.id, score, sentimentLabel(score), scorer.source, modelId);
      });
      done += rows.length;
      last = rows[rows.length - 1]!.id;
      control.progress({ fraction: from + (1 - from) * (total ? done / total : 1), stage: 'Sentiment', message: `${done.toLocaleString('en')} of ${total.toLocaleString('en')} reviews`, rowsDone: done });
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (modelId !== null) markActive(db, modelId, done);
    await beforeCommit?.();
    control.checkCancelled();
    db.exec('COMMIT');
    return { scored: done, modelId, version };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/**
 * Learns sentiment from the star ratings where there are enough, else reads it with the word list; scores every review.
 * `beforeCommit` runs inside the transaction that writes the scores (the review analysis finds its themes there), so
 * the whole analysis is committed at once or not at all; training happens before it, outside any transaction.
 */
export async function analyzeSentiment(db: Db, control: JobControl, beforeCommit?: () => Promise<void>): Promise<SentimentRun> {
  control.progress({ fraction: 0, stage: 'Reading', message: 'Reading the rated reviews' });
  const rated = readRatedReviews(db, reviewText);
  const counts = { positives: rated.positives, negatives: rated.negatives };
  const none = { version: null, model: null, accuracy: null, auc: null };
  if (rated.positives < MIN_PER_CLASS || rated.negatives < MIN_PER_CLASS) {
    const written = await writeScores(db, control, lexiconScorer, 0, null, beforeCommit);
    const lexiconAccuracy = rated.texts.length ? rated.texts.filter((t, i) => (lexiconScore(t) >= 0.5 ? 1 : 0) === rated.labels[i]).length / rated.texts.length : null;
    return {
      ...counts,
      ...none,
      lexiconAccuracy,
      scored: written.scored,
      source: 'lexicon',
      modelId: null,
      reason: `Only ${rated.positives} positive (4–5 stars) and ${rated.negatives} negative (1–2 stars) reviews with text to learn from; a model needs at least ${MIN_PER_CLASS} of each. Scored with the word list (VADER).`,
    };
  }
  const training = await trainSentimentModel(rated, lexiconScore, control, TRAIN_SHARE);
  const { result, lexiconAccuracy } = training;
  const measured = { ...counts, model: result.model, accuracy: result.accuracyMean, auc: result.aucMean, lexiconAccuracy };
  const learned = `${result.rows.toLocaleString('en')} rated reviews (${result.folds.length}-fold cross-validation)`;
  if (result.accuracyMean <= lexiconAccuracy) {
    const written = await writeScores(db, control, lexiconScorer, TRAIN_SHARE, null, beforeCommit);
    return {
      ...measured,
      version: null,
      scored: written.scored,
      source: 'lexicon',
      modelId: null,
      reason: `A model learned from ${learned} was right on ${pct(result.accuracyMean)} of held-out reviews, the word list on ${pct(lexiconAccuracy)}: scored with the word list (VADER).`,
    };
  }
  const written = await writeScores(db, control, modelScorer(training.artifact), TRAIN_SHARE, { store: { card: training.card, artefact: training.artifact } }, beforeCommit);
  return {
    ...measured,
    version: written.version,
    scored: written.scored,
    source: 'model',
    modelId: written.modelId,
    reason: `Learned from ${learned}: right on ${pct(result.accuracyMean)} of held-out reviews (AUC ${result.aucMean.toFixed(3)}), against ${pct(lexiconAccuracy)} for the word list.`,
  };
}

/** Re-scores every review with a stored sentiment version and makes it the active one (activate or roll back in the model lab). */
export async function scoreWithSentimentModel(db: Db, modelId: number, control: JobControl): Promise<{ scored: number }> {
  const artefact = readModelArtefact<TextModel>(db, modelId);
  const written = await writeScores(db, control, modelScorer(artefact), 0.05, { id: modelId });
  return { scored: written.scored };
}
