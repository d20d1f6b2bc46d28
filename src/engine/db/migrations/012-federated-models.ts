import type { Migration } from './types';

/**
 * Federated models (issue 15). One row per federation this workspace took part in (as coordinator-and-office or as
 * an office): the spec, the encoding the offices agreed from aggregate statistics, the final weights, rounds, ε,
 * the participants' names and row counts, and this office's side-by-side evaluation. Never any office's rows.
 */
export const migration012: Migration = {
  version: 12,
  name: 'federated-models',
  up: `
    CREATE TABLE federated_models (
      id INTEGER PRIMARY KEY,
      federation_id TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('coordinator', 'office')),
      spec_json TEXT NOT NULL,
      encoding_json TEXT NOT NULL,
      weights BLOB NOT NULL,
      rounds INTEGER NOT NULL,
      secure INTEGER NOT NULL CHECK (secure IN (0, 1)),
      epsilon REAL,
      participants_json TEXT NOT NULL,
      evaluation_json TEXT NOT NULL,
      history_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX federated_models_created ON federated_models(created_at);
  `,
};
