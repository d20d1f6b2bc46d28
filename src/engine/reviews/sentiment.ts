import vader from 'vader-sentiment';
import type { Db } from '../kernel/workspace';
import type { JobControl } from '../kernel/jobs';

/**
 * Sentiment of every review in the workspace, written to `review_sentiment` (migration 009).
 * Today: the lexicon (VADER: a word list with negation, intensifiers, "but" and punctuation rules), for every
 * review. The trained text classifier (issue 13, item 1) replaces it where the workspace has enough star ratings to
 * learn from, and says which one scored each review (`source`).
 */
export type SentimentRun = {
  scored: number;
  source: 'model' | 'lexicon';
  modelId: number | null;
  /** Why this source: e.g. "only 12 rated reviews to learn from (at least 200 are needed): scored with the word list". */
  reason: string;
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

export async function analyzeSentiment(db: Db, control: JobControl): Promise<SentimentRun> {
  const total = (db.prepare('SELECT count(*) FROM reviews').pluck().get() as number) ?? 0;
  const read = db.prepare('SELECT id, title, body FROM reviews WHERE id > ? ORDER BY id LIMIT ?');
  const write = db.prepare('INSERT INTO review_sentiment (review_id, score, label, source, model_id) VALUES (?, ?, ?, ?, NULL)');
  const scoredAll = db.transaction((rows: ReviewText[]) => {
    for (const r of rows) {
      const score = lexiconScore(reviewText(r));
      write.run(r.id, score, sentimentLabel(score), 'lexicon');
    }
  });
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('DELETE FROM review_sentiment');
    let last = 0;
    let done = 0;
    for (;;) {
      control.checkCancelled();
      const rows = read.all(last, BATCH) as ReviewText[];
      if (rows.length === 0) break;
      scoredAll(rows);
      done += rows.length;
      last = rows[rows.length - 1]!.id;
      control.progress({ fraction: total ? done / total : 1, stage: 'Sentiment', message: `${done.toLocaleString('en')} of ${total.toLocaleString('en')} reviews`, rowsDone: done });
      await new Promise((resolve) => setImmediate(resolve));
    }
    db.exec('COMMIT');
    return { scored: done, source: 'lexicon', modelId: null, reason: 'Scored with the word list (VADER).' };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}
