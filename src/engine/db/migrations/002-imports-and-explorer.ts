import type { Migration } from './types';

/**
 * Imports that can be undone (before-images of updated rows; inserted rows carry their import id; order lines have
 * no index on it: an undo scans them once, while every import would pay for the index on each line), saved column
 * mappings and explorer views, and the per-customer figures the explorer sorts and filters on at a million rows.
 */
export const migration002: Migration = {
  version: 2,
  name: 'imports-and-explorer',
  up: `
    ALTER TABLE order_lines ADD COLUMN import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL;
    ALTER TABLE customers ADD COLUMN pseudonymized INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE imports ADD COLUMN rows_read INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE imports ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX imports_sha ON imports(file_sha256, kind);
    CREATE INDEX orders_import ON orders(import_id);
    CREATE INDEX customers_import ON customers(import_id);
    CREATE INDEX products_import ON products(import_id);
    CREATE INDEX reviews_import ON reviews(import_id);
    CREATE INDEX campaign_results_import ON campaign_results(import_id);

    CREATE TABLE import_changes (
      import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      table_name TEXT NOT NULL,
      row_key TEXT NOT NULL,
      before_json TEXT NOT NULL,
      PRIMARY KEY (import_id, table_name, row_key)
    ) WITHOUT ROWID;

    CREATE TABLE mappings (
      name TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      mapping_json TEXT NOT NULL,
      headers_key TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX mappings_headers ON mappings(headers_key);

    CREATE TABLE saved_views (
      name TEXT PRIMARY KEY,
      columns_json TEXT NOT NULL,
      view_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE customer_metrics (
      customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
      orders INTEGER NOT NULL DEFAULT 0,
      returns INTEGER NOT NULL DEFAULT 0,
      revenue REAL NOT NULL DEFAULT 0,
      avg_order_value REAL,
      first_order_at TEXT,
      last_order_at TEXT,
      recency_days INTEGER,
      tenure_days INTEGER,
      top_category TEXT
    );
    CREATE INDEX customer_metrics_revenue ON customer_metrics(revenue);
    CREATE INDEX customer_metrics_orders ON customer_metrics(orders);
    CREATE INDEX customer_metrics_recency ON customer_metrics(recency_days);
    CREATE INDEX customer_metrics_last ON customer_metrics(last_order_at);
  `,
};
