import type { Migration } from './types';

/**
 * Model scores. `customer_scores` is where scoring jobs write (it survives the figures refresh after every import,
 * which rebuilds customer_metrics); the refresh copies the scores into customer_metrics so the explorer filters and
 * sorts them without a join, like every other figure. `customer_propensity` holds one probability per customer and
 * predicted category. Model versions live in model_artifacts (migration 001); a purchase model's kind there is
 * `purchase:<category>`, so versions count per category. Churn risk, CLV and the RFM segment get indexes (sorted and
 * filtered often); P(alive) and expected purchases do not (rarely sorted; each index slows the refresh).
 */
export const migration004: Migration = {
  version: 4,
  name: 'model-scores',
  up: `
    ALTER TABLE customer_metrics ADD COLUMN rfm_segment TEXT;
    ALTER TABLE customer_metrics ADD COLUMN churn_risk REAL;
    ALTER TABLE customer_metrics ADD COLUMN p_alive REAL;
    ALTER TABLE customer_metrics ADD COLUMN expected_purchases REAL;
    ALTER TABLE customer_metrics ADD COLUMN clv REAL;
    CREATE INDEX customer_metrics_rfm ON customer_metrics(rfm_segment COLLATE NOCASE);
    CREATE INDEX customer_metrics_churn ON customer_metrics(churn_risk);
    CREATE INDEX customer_metrics_clv ON customer_metrics(clv);

    CREATE TABLE customer_scores (
      customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
      churn_risk REAL,
      churn_reasons_json TEXT,
      churn_model_id INTEGER REFERENCES model_artifacts(id) ON DELETE SET NULL,
      p_alive REAL,
      expected_purchases REAL,
      clv REAL,
      next_order_date TEXT,
      clv_model_id INTEGER REFERENCES model_artifacts(id) ON DELETE SET NULL
    );

    CREATE TABLE customer_propensity (
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      category TEXT NOT NULL,
      probability REAL NOT NULL,
      model_id INTEGER REFERENCES model_artifacts(id) ON DELETE SET NULL,
      PRIMARY KEY (customer_id, category)
    ) WITHOUT ROWID;
    CREATE INDEX customer_propensity_category ON customer_propensity(category, probability);

    ALTER TABLE model_artifacts ADD COLUMN scored INTEGER;
  `,
};
