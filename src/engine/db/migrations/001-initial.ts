import type { Migration } from './types';

/** The first schema: the shop's records, the imports they came from, jobs, models, settings and the audit log. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      file_name TEXT NOT NULL,
      file_sha256 TEXT,
      mapping_json TEXT,
      inserted INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL CHECK (status IN ('done', 'undone')),
      created_at TEXT NOT NULL,
      undone_at TEXT
    );

    CREATE TABLE customers (
      id INTEGER PRIMARY KEY,
      external_id TEXT NOT NULL UNIQUE,
      email TEXT,
      first_name TEXT,
      last_name TEXT,
      phone TEXT,
      country TEXT,
      city TEXT,
      signup_date TEXT,
      accepts_marketing INTEGER,
      import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX customers_country ON customers(country);
    CREATE INDEX customers_email ON customers(email);

    CREATE TABLE products (
      id INTEGER PRIMARY KEY,
      sku TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      category TEXT,
      price REAL,
      import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
    );
    CREATE INDEX products_category ON products(category);

    CREATE TABLE orders (
      id INTEGER PRIMARY KEY,
      external_id TEXT NOT NULL UNIQUE,
      customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
      ordered_at TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'return')),
      returns_order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL,
      country TEXT,
      channel TEXT,
      currency TEXT,
      import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
    );
    CREATE INDEX orders_customer ON orders(customer_id, ordered_at);
    CREATE INDEX orders_date ON orders(ordered_at);

    CREATE TABLE order_lines (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
      line_no INTEGER NOT NULL,
      product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
      description TEXT,
      quantity REAL NOT NULL,
      unit_price REAL NOT NULL,
      UNIQUE (order_id, line_no)
    );
    CREATE INDEX order_lines_product ON order_lines(product_id);

    CREATE TABLE reviews (
      id INTEGER PRIMARY KEY,
      external_id TEXT NOT NULL UNIQUE,
      customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
      product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
      order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL,
      rating INTEGER CHECK (rating BETWEEN 1 AND 5),
      title TEXT,
      body TEXT,
      reviewed_at TEXT NOT NULL,
      import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
    );
    CREATE INDEX reviews_customer ON reviews(customer_id);
    CREATE INDEX reviews_product ON reviews(product_id);

    CREATE TABLE campaigns (
      id INTEGER PRIMARY KEY,
      external_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      channel TEXT NOT NULL,
      goal TEXT,
      sent_at TEXT NOT NULL,
      subject TEXT,
      body TEXT,
      import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
    );

    CREATE TABLE campaign_results (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      sent INTEGER NOT NULL DEFAULT 1,
      opened INTEGER NOT NULL DEFAULT 0,
      clicked INTEGER NOT NULL DEFAULT 0,
      converted INTEGER NOT NULL DEFAULT 0,
      revenue REAL NOT NULL DEFAULT 0,
      import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
      PRIMARY KEY (campaign_id, customer_id)
    ) WITHOUT ROWID;
    CREATE INDEX campaign_results_customer ON campaign_results(customer_id);

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
      fraction REAL NOT NULL DEFAULT 0,
      stage TEXT NOT NULL DEFAULT '',
      message TEXT NOT NULL DEFAULT '',
      input_json TEXT NOT NULL,
      result_json TEXT,
      error_json TEXT,
      created_at TEXT NOT NULL,
      finished_at TEXT
    );

    CREATE TABLE model_artifacts (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      version INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 0,
      backend TEXT NOT NULL,
      features_json TEXT NOT NULL,
      normalisation_json TEXT,
      metrics_json TEXT NOT NULL,
      data_window_json TEXT NOT NULL,
      weights BLOB,
      created_at TEXT NOT NULL,
      UNIQUE (kind, version)
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    );

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT,
      detail_json TEXT
    );
  `,
};
