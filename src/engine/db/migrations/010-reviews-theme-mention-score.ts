import type { Migration } from './types';

/**
 * Each theme mention's own sentiment (0..1, like `review_sentiment.score`), so that a theme's sentiment can be
 * recomputed for any filter (a product, a segment, a month) from the mentions alone. A review can praise one thing
 * and complain about another: the mention's score leans on the sentence that mentions the theme.
 */
export const migration010: Migration = {
  version: 10,
  name: 'reviews-theme-mention-score',
  up: `
    ALTER TABLE review_theme_mentions ADD COLUMN score REAL CHECK (score IS NULL OR score BETWEEN 0 AND 1);
    CREATE INDEX review_theme_mentions_theme ON review_theme_mentions(theme_id, score);
  `,
};
