import type { Migration } from './types';

/**
 * What the review and recommendation models write (issue 13). Everything here is derived: a new analysis or training
 * replaces it, and erasing a customer or undoing an import removes their rows through the cascades.
 *
 * - `review_sentiment`: one row per analysed review: P(positive) from the text classifier (or a lexicon score mapped
 *   to 0..1 where there were too few star ratings to learn from: `source` says which), its label, and the model
 *   version (`model_artifacts`, kind 'sentiment') that wrote it.
 * - `review_themes` / `review_theme_mentions`: recurring aspects and phrases ("fast delivery", "runs small") found
 *   in the workspace's reviews, and which reviews mention each (with the sentence quoted).
 * - `customer_recommendations`: each customer's top products from the active recommendation model, "buy again"
 *   (products they have bought) kept apart from "discover" (products new to them); `source` 'popular' marks the
 *   cold-start fallback.
 * - `product_similar` and `product_together`: similar products (from the model's item factors or item-item weights)
 *   and association rules from baskets (support, confidence, lift: "bought X, also bought Y").
 */
export const migration009: Migration = {
  version: 9,
  name: 'voice-and-recommendations',
  up: `
    CREATE TABLE review_sentiment (
      review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
      score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
      label TEXT NOT NULL CHECK (label IN ('positive', 'neutral', 'negative')),
      source TEXT NOT NULL CHECK (source IN ('model', 'lexicon')),
      model_id INTEGER REFERENCES model_artifacts(id) ON DELETE SET NULL
    );
    CREATE INDEX review_sentiment_label ON review_sentiment(label, score);

    CREATE TABLE review_themes (
      id INTEGER PRIMARY KEY,
      phrase TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('aspect', 'phrase')),
      mentions INTEGER NOT NULL,
      sentiment REAL,
      created_at TEXT NOT NULL
    );

    CREATE TABLE review_theme_mentions (
      theme_id INTEGER NOT NULL REFERENCES review_themes(id) ON DELETE CASCADE,
      review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
      quote TEXT NOT NULL,
      PRIMARY KEY (theme_id, review_id)
    ) WITHOUT ROWID;
    CREATE INDEX review_theme_mentions_review ON review_theme_mentions(review_id);

    CREATE TABLE customer_recommendations (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('buy-again', 'discover')),
      rank INTEGER NOT NULL,
      product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      score REAL NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('model', 'popular')),
      model_id INTEGER REFERENCES model_artifacts(id) ON DELETE SET NULL,
      PRIMARY KEY (customer_id, kind, rank)
    ) WITHOUT ROWID;
    CREATE INDEX customer_recommendations_product ON customer_recommendations(product_id, kind, rank);

    CREATE TABLE product_similar (
      product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      rank INTEGER NOT NULL,
      similar_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      score REAL NOT NULL,
      PRIMARY KEY (product_id, rank)
    ) WITHOUT ROWID;

    CREATE TABLE product_together (
      product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      other_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
      support REAL NOT NULL,
      confidence REAL NOT NULL,
      lift REAL NOT NULL,
      baskets INTEGER NOT NULL,
      PRIMARY KEY (product_id, other_id)
    ) WITHOUT ROWID;
  `,
};
