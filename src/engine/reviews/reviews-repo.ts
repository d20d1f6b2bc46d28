import { AppError } from '../../shared/errors';
import type { ReviewFilter, ReviewsOverview, ReviewThemes, ThemeQuotes } from '../../shared/review-schemas';
import type { Db } from '../kernel/workspace';
import { members } from '../segments/profile';
import { segmentRule } from '../segments/segments-repo';
import { NEUTRAL_BAND, sentimentLabel } from './sentiment';

/** The read side of the reviews view: what the filters select, the sentiment overview, themes and their quotes. */

type Where = { sql: string; params: unknown[] };

/** The filter as a WHERE over `v` (reviews), `p` (products) and `s` (review_sentiment), every value bound. */
function filterWhere(db: Db, filter: ReviewFilter): Where {
  const parts: string[] = ['1'];
  const params: unknown[] = [];
  if (filter.productId !== undefined) {
    parts.push('v.product_id = ?');
    params.push(filter.productId);
  }
  if (filter.category !== undefined) {
    parts.push('p.category = ? COLLATE NOCASE');
    params.push(filter.category);
  }
  if (filter.segmentId !== undefined) {
    // A not-found error when the segment was deleted; a JSON list so any size binds as one parameter.
    parts.push('v.customer_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(members(db, segmentRule(db, { id: filter.segmentId })).ids));
  }
  if (filter.stars !== undefined) {
    parts.push('v.rating IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.stars));
  }
  if (filter.sentiment !== undefined) {
    parts.push('s.label = ?');
    params.push(filter.sentiment);
  }
  if (filter.from !== undefined) {
    parts.push('v.reviewed_at >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    // The whole last day: timestamps on it sort after the bare day.
    parts.push("v.reviewed_at < date(?, '+1 day')");
    params.push(filter.to);
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new AppError('bad-input', `The date range starts (${filter.from}) after it ends (${filter.to}).`, { field: 'to' });
  }
  return { sql: parts.join(' AND '), params };
}

const FROM = 'reviews v LEFT JOIN products p ON p.id = v.product_id LEFT JOIN review_sentiment s ON s.review_id = v.id';

const PICKER_LIMIT = 300;

function readAnalysis(db: Db): ReviewsOverview['analysis'] {
  const sources = db
    .prepare('SELECT s.source, s.model_id AS modelId, a.version, count(*) AS n FROM review_sentiment s LEFT JOIN model_artifacts a ON a.id = s.model_id GROUP BY s.source, s.model_id ORDER BY n DESC')
    .all() as Array<{ source: 'model' | 'lexicon'; modelId: number | null; version: number | null; n: number }>;
  const themes = db.prepare('SELECT count(*) AS n, max(created_at) AS at FROM review_themes').get() as { n: number; at: string | null };
  if (sources.length === 0 && themes.n === 0) return null;
  const top = sources[0];
  const distinct = new Set(sources.map((s) => s.source));
  return {
    source: distinct.size > 1 ? 'mixed' : (top?.source ?? 'lexicon'),
    modelId: top?.modelId ?? null,
    modelVersion: top?.version ?? null,
    analysed: sources.reduce((sum, s) => sum + s.n, 0),
    themes: themes.n,
    themesAt: themes.at,
  };
}

/** Counts by sentiment, sentiment by month, the stars, and what the filter pickers offer. */
export function readOverview(db: Db, filter: ReviewFilter): ReviewsOverview {
  const where = filterWhere(db, filter);
  const totals = db
    .prepare(
      `SELECT count(*) AS reviews, coalesce(sum(s.label = 'positive'), 0) AS positive, coalesce(sum(s.label = 'neutral'), 0) AS neutral,
              coalesce(sum(s.label = 'negative'), 0) AS negative, avg(s.score) AS meanScore
         FROM ${FROM} WHERE ${where.sql}`,
    )
    .get(...where.params) as { reviews: number; positive: number; neutral: number; negative: number; meanScore: number | null };
  const byMonth = db
    .prepare(
      `SELECT substr(v.reviewed_at, 1, 7) AS month, count(*) AS reviews, coalesce(sum(s.label = 'positive'), 0) AS positive,
              coalesce(sum(s.label = 'neutral'), 0) AS neutral, coalesce(sum(s.label = 'negative'), 0) AS negative,
              avg(s.score) AS meanScore, avg(v.rating) AS meanStars
         FROM ${FROM} WHERE ${where.sql} GROUP BY month ORDER BY month`,
    )
    .all(...where.params) as ReviewsOverview['byMonth'];
  const stars = db
    .prepare(`SELECT v.rating AS stars, count(*) AS reviews FROM ${FROM} WHERE ${where.sql} AND v.rating IS NOT NULL GROUP BY v.rating ORDER BY v.rating`)
    .all(...where.params) as ReviewsOverview['stars'];
  return {
    reviews: totals.reviews,
    totalReviews: db.prepare('SELECT count(*) FROM reviews').pluck().get() as number,
    analysis: readAnalysis(db),
    bySentiment: { positive: totals.positive, neutral: totals.neutral, negative: totals.negative },
    meanScore: totals.meanScore,
    byMonth,
    stars,
    products: db
      .prepare('SELECT p.id, p.name, count(*) AS reviews FROM reviews v JOIN products p ON p.id = v.product_id GROUP BY p.id ORDER BY reviews DESC, p.name LIMIT ?')
      .all(PICKER_LIMIT) as ReviewsOverview['products'],
    categories: db
      .prepare("SELECT p.category FROM reviews v JOIN products p ON p.id = v.product_id WHERE p.category IS NOT NULL AND p.category <> '' GROUP BY p.category COLLATE NOCASE ORDER BY p.category COLLATE NOCASE LIMIT ?")
      .pluck()
      .all(PICKER_LIMIT) as string[],
    segments: db.prepare('SELECT id, name FROM segments ORDER BY name COLLATE NOCASE LIMIT ?').all(PICKER_LIMIT) as ReviewsOverview['segments'],
  };
}

const label = (score: number | null): ReviewThemes['themes'][number]['label'] => (score === null ? null : sentimentLabel(score));

/** The themes mentioned in the filtered reviews, most mentioned first, each with its sentiment and monthly trend. */
export function readThemes(db: Db, filter: ReviewFilter, limit: number): ReviewThemes {
  const where = filterWhere(db, filter);
  const matched = `SELECT v.id, substr(v.reviewed_at, 1, 7) AS month FROM ${FROM} WHERE ${where.sql}`;
  const reviews = db.prepare(`SELECT count(*) FROM ${FROM} WHERE ${where.sql}`).pluck().get(...where.params) as number;
  const rows = db
    .prepare(
      `WITH f AS (${matched})
       SELECT t.id, t.phrase, t.kind, count(*) AS mentions, avg(m.score) AS sentiment,
              coalesce(sum(m.score >= ${NEUTRAL_BAND.high}), 0) AS positive, coalesce(sum(m.score <= ${NEUTRAL_BAND.low}), 0) AS negative
         FROM review_theme_mentions m JOIN f ON f.id = m.review_id JOIN review_themes t ON t.id = m.theme_id
        GROUP BY t.id ORDER BY mentions DESC, t.phrase LIMIT ?`,
    )
    .all(...where.params, limit) as Array<Omit<ReviewThemes['themes'][number], 'share' | 'label' | 'trend'>>;
  const trends = new Map<number, ReviewThemes['themes'][number]['trend']>();
  if (rows.length > 0) {
    const points = db
      .prepare(
        `WITH f AS (${matched})
         SELECT m.theme_id AS themeId, f.month, count(*) AS mentions, avg(m.score) AS sentiment
           FROM review_theme_mentions m JOIN f ON f.id = m.review_id
          WHERE m.theme_id IN (SELECT value FROM json_each(?))
          GROUP BY m.theme_id, f.month ORDER BY f.month`,
      )
      .all(...where.params, JSON.stringify(rows.map((r) => r.id))) as Array<{ themeId: number; month: string; mentions: number; sentiment: number | null }>;
    for (const p of points) trends.set(p.themeId, [...(trends.get(p.themeId) ?? []), { month: p.month, mentions: p.mentions, sentiment: p.sentiment }]);
  }
  return {
    reviews,
    themes: rows.map((r) => ({ ...r, share: reviews ? r.mentions / reviews : 0, label: label(r.sentiment), trend: trends.get(r.id) ?? [] })),
  };
}

const QUOTE_ORDER = {
  newest: 'v.reviewed_at DESC, v.id DESC',
  negative: 'm.score IS NULL, m.score ASC, v.id DESC',
  positive: 'm.score IS NULL, m.score DESC, v.id DESC',
} as const;

/** The sentences behind a theme in the filtered reviews, a page at a time. */
export function readThemeQuotes(db: Db, input: { themeId: number; filter: ReviewFilter; order: keyof typeof QUOTE_ORDER; offset: number; limit: number }): ThemeQuotes {
  const theme = db.prepare('SELECT id, phrase FROM review_themes WHERE id = ?').get(input.themeId) as ThemeQuotes['theme'] | undefined;
  if (theme === undefined) throw new AppError('not-found', `There is no theme ${input.themeId}: the reviews may have been analysed again since. Reload the themes.`, { field: 'themeId' });
  const where = filterWhere(db, input.filter);
  const from = `review_theme_mentions m JOIN reviews v ON v.id = m.review_id LEFT JOIN products p ON p.id = v.product_id
                LEFT JOIN review_sentiment s ON s.review_id = v.id LEFT JOIN customers c ON c.id = v.customer_id`;
  const total = db.prepare(`SELECT count(*) FROM ${from} WHERE m.theme_id = ? AND ${where.sql}`).pluck().get(input.themeId, ...where.params) as number;
  const quotes = db
    .prepare(
      `SELECT v.id AS reviewId, m.quote, m.score, v.rating, v.reviewed_at AS reviewedAt, p.name AS product, c.external_id AS customerId
         FROM ${from} WHERE m.theme_id = ? AND ${where.sql} ORDER BY ${QUOTE_ORDER[input.order]} LIMIT ? OFFSET ?`,
    )
    .all(input.themeId, ...where.params, input.limit, input.offset) as Array<Omit<ThemeQuotes['quotes'][number], 'label'>>;
  return { theme, total, quotes: quotes.map((q) => ({ ...q, label: label(q.score) })) };
}

/** Whether the workspace's reviews have been analysed (sentiment scored): the copy studio and segments ask. */
export const hasReviewAnalysis = (db: Db): boolean => db.prepare('SELECT 1 FROM review_sentiment LIMIT 1').get() !== undefined;

/** What customers praise and complain about, from the themes: for the copy studio's audience. */
export type ThemePhrases = { praise: string[]; complaints: string[] };

/**
 * The themes of several words (quotable phrases, not bare aspects) mentioned in the reviews of these customers (all
 * when null) and products (all when null), split by their mean sentiment in those reviews (positive: praise;
 * negative: complaints) and ranked by mentions times how far they lean. Null when the reviews were never analysed.
 */
export function readThemePhrases(db: Db, scope: { customers: string | null; products: string | null }, limit: number): ThemePhrases | null {
  if (db.prepare('SELECT 1 FROM review_themes LIMIT 1').get() === undefined) return null;
  const where = ["t.phrase LIKE '% %'"];
  const params: unknown[] = [];
  if (scope.customers !== null) {
    where.push('v.customer_id IN (SELECT value FROM json_each(?))');
    params.push(scope.customers);
  }
  if (scope.products !== null) {
    where.push('v.product_id IN (SELECT value FROM json_each(?))');
    params.push(scope.products);
  }
  const rows = db
    .prepare(
      `SELECT t.phrase, count(*) AS mentions, avg(m.score) AS sentiment
         FROM review_theme_mentions m JOIN review_themes t ON t.id = m.theme_id JOIN reviews v ON v.id = m.review_id
        WHERE ${where.join(' AND ')} GROUP BY t.id HAVING count(m.score) > 0`,
    )
    .all(...params) as Array<{ phrase: string; mentions: number; sentiment: number }>;
  const side = (keep: (score: number) => boolean, lean: (score: number) => number): string[] =>
    rows
      .filter((r) => keep(r.sentiment))
      .sort((a, b) => b.mentions * lean(b.sentiment) - a.mentions * lean(a.sentiment) || a.phrase.localeCompare(b.phrase))
      .slice(0, limit)
      .map((r) => r.phrase);
  return {
    praise: side((s) => s >= NEUTRAL_BAND.high, (s) => s - 0.5),
    complaints: side((s) => s <= NEUTRAL_BAND.low, (s) => 0.5 - s),
  };
}
