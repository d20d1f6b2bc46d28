import type { Migration } from './types';

/**
 * The campaign builder (issue 11). A built campaign is a `campaigns` row like an imported one, with its plan as
 * JSON and a status: NULL for campaigns that arrived with their results (imported or demo), otherwise 'draft' until
 * the first export, then 'exported'; 'results' is derived from having results, never stored. `campaign_arms` are
 * the groups of an experiment, the holdout (control that receives nothing) among them; `campaign_assignments` is
 * the audience frozen at export (or the demo's past sends): every customer in exactly one arm, with the RFM stratum
 * the assignment was balanced on and the hour of day the customer usually orders. `campaign_results.delivered` is
 * new: NULL when the file said nothing about delivery. `customer_uplift` holds the predicted change in each customer's
 * response from the last uplift model (a campaign with a holdout), for capping the next audience to those it moves.
 */
export const migration007: Migration = {
  version: 7,
  name: 'campaign-builder',
  up: `
    ALTER TABLE campaigns ADD COLUMN status TEXT CHECK (status IN ('draft', 'exported'));
    ALTER TABLE campaigns ADD COLUMN plan_json TEXT;
    ALTER TABLE campaigns ADD COLUMN created_at TEXT;
    ALTER TABLE campaigns ADD COLUMN updated_at TEXT;
    ALTER TABLE campaigns ADD COLUMN exported_at TEXT;
    ALTER TABLE campaigns ADD COLUMN export_folder TEXT;
    ALTER TABLE campaigns ADD COLUMN uplift_json TEXT;
    CREATE INDEX campaigns_sent_at ON campaigns(sent_at);

    CREATE TABLE campaign_arms (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      arm INTEGER NOT NULL,
      name TEXT NOT NULL,
      share REAL NOT NULL CHECK (share >= 0 AND share <= 1),
      holdout INTEGER NOT NULL DEFAULT 0 CHECK (holdout IN (0, 1)),
      subject TEXT,
      body TEXT,
      PRIMARY KEY (campaign_id, arm),
      UNIQUE (campaign_id, name)
    ) WITHOUT ROWID;

    CREATE TABLE campaign_assignments (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      arm INTEGER NOT NULL,
      stratum TEXT,
      send_hour INTEGER CHECK (send_hour BETWEEN 0 AND 23),
      PRIMARY KEY (campaign_id, customer_id)
    ) WITHOUT ROWID;
    CREATE INDEX campaign_assignments_customer ON campaign_assignments(customer_id);

    ALTER TABLE campaign_results ADD COLUMN delivered INTEGER;

    CREATE TABLE customer_uplift (
      customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
      uplift REAL NOT NULL,
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE
    );
  `,
};
