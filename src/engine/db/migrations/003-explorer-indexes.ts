import type { Migration } from './types';

/**
 * Indexes for the customer explorer at a million customers. Text columns compare and sort case-insensitively
 * (COLLATE NOCASE), so each gets a NOCASE index that serves `=`, ORDER BY and the page walk alike. The name index
 * is on the exact display expression of src/engine/customers/columns.ts (NAME_SQL); SQLite uses an expression index
 * only for an identical expression. Phone, sign-up, first order, tenure and returns stay unindexed: rarely sorted
 * (about 150 ms at a million customers without an index), and every index slows imports, the demo and the figures
 * refresh (measured at 100,000 customers, these seven make demo generation about 10 % and the figures refresh
 * 40–70 % slower, and the file 12 % larger).
 */
export const migration003: Migration = {
  version: 3,
  name: 'explorer-indexes',
  up: `
    CREATE INDEX customers_external_id_nocase ON customers(external_id COLLATE NOCASE);
    CREATE INDEX customers_name ON customers(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '') COLLATE NOCASE);
    CREATE INDEX customers_email_nocase ON customers(email COLLATE NOCASE);
    CREATE INDEX customers_country_nocase ON customers(country COLLATE NOCASE);
    CREATE INDEX customers_city_nocase ON customers(city COLLATE NOCASE);
    CREATE INDEX customer_metrics_aov ON customer_metrics(avg_order_value);
    CREATE INDEX customer_metrics_top_category ON customer_metrics(top_category COLLATE NOCASE);
  `,
};
