import type { ReviewAnalyzeResult } from '../../shared/review-schemas';
import type { JobControl } from '../kernel/jobs';
import type { Db } from '../kernel/workspace';
import { analyzeSentiment, sentimentLabel } from './sentiment';
import { findThemes, type ThemeOptions } from './themes';

export type AnalyzeInput = ThemeOptions;

const TOP_THEMES = 10;

/**
 * The reviews.analyze job: the sentiment of every review, then the themes (whose mentions lean on those scores).
 * One transaction writes both (the themes are found after the scores are written, before the commit): a cancelled
 * or failed analysis leaves the previous scores, model versions and themes as they were.
 */
export async function analyzeReviews(db: Db, input: AnalyzeInput, control: JobControl): Promise<ReviewAnalyzeResult> {
  const started = performance.now();
  // Sentiment reports fractions 0..1 of its own work; this job gives it the first third.
  const sentimentControl: JobControl = {
    checkCancelled: () => control.checkCancelled(),
    progress: (update) => control.progress({ ...update, fraction: update.fraction < 0 ? update.fraction : update.fraction / 3 }),
  };
  const found: { themes?: Awaited<ReturnType<typeof findThemes>> } = {};
  const sentiment = await analyzeSentiment(db, sentimentControl, async () => {
    found.themes = await findThemes(db, control, input, { from: 1 / 3, to: 0.98 });
  });
  const { themes } = found;
  if (!themes) throw new Error('the themes step did not run');
  control.progress({ fraction: 0.99, stage: 'Done', message: `${themes.themes} themes in ${themes.reviews.toLocaleString('en')} reviews` });
  return {
    reviews: sentiment.scored,
    bySentiment: readSentimentCounts(db),
    source: sentiment.source,
    modelId: sentiment.modelId,
    reason: sentiment.reason,
    themes: themes.themes,
    mentions: themes.mentions,
    topThemes: readTopThemes(db, TOP_THEMES),
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

function readSentimentCounts(db: Db): ReviewAnalyzeResult['bySentiment'] {
  const rows = db.prepare('SELECT label, count(*) AS n FROM review_sentiment GROUP BY label').all() as Array<{ label: keyof ReviewAnalyzeResult['bySentiment']; n: number }>;
  const counts = { positive: 0, neutral: 0, negative: 0 };
  for (const r of rows) counts[r.label] = r.n;
  return counts;
}

function readTopThemes(db: Db, limit: number): ReviewAnalyzeResult['topThemes'] {
  const rows = db.prepare('SELECT phrase, mentions, sentiment FROM review_themes ORDER BY mentions DESC, phrase LIMIT ?').all(limit) as Array<{ phrase: string; mentions: number; sentiment: number | null }>;
  return rows.map((r) => ({ ...r, label: r.sentiment === null ? null : sentimentLabel(r.sentiment) }));
}
