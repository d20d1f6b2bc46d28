import type { Migration } from './types';

/**
 * Saved segments. A dynamic segment keeps only its rule and is re-evaluated on every read; a static one also keeps
 * the member list it had when saved (`segment_members`, which loses a customer erased or undone with an import, via
 * the cascade). `segment_sizes` is each segment's size history: at creation, after each edit and after each import.
 * No new indexes on the shop's tables (bench/results/segment-count.json, a million demo customers, 4.7 million lines):
 * the one that helped most, a covering order_lines(product_id, order_id, quantity), took "bought Candles" from 2.7 s
 * to 1.6 s, not near the ~150 ms a live count wants (the cost is one orders lookup per matching line), while it took
 * 8.3 s to build and would slow every import of order lines. Field rules need none (a scan of customer_metrics is
 * ~125 ms). segment_members_customer serves the cascade when a customer is erased or an import undone.
 */
export const migration005: Migration = {
  version: 5,
  name: 'segments',
  up: `
    CREATE TABLE segments (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('dynamic', 'static')),
      source TEXT NOT NULL CHECK (source IN ('rules', 'discovered', 'rfm')),
      rule_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE segment_members (
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      PRIMARY KEY (segment_id, customer_id)
    ) WITHOUT ROWID;
    CREATE INDEX segment_members_customer ON segment_members(customer_id);

    CREATE TABLE segment_sizes (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      count INTEGER NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE INDEX segment_sizes_segment ON segment_sizes(segment_id, at);
  `,
};
