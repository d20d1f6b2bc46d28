import type { Migration } from './types';

/**
 * Synthetic-twin models (issue 14). One row per trained synthesizer (a GAN or a Gaussian copula): where its rows came
 * from, the columns and roles it learned, its quality and privacy report (JSON, the synthModelReportSchema shape),
 * and the artefact needed to sample (JSON bytes: the transformer and the generator's weights, or the copula's
 * marginals and correlation). No real row is stored here: only fitted parameters and aggregate figures.
 */
export const migration011: Migration = {
  version: 11,
  name: 'synthetic-twin',
  up: `
    CREATE TABLE synth_models (
      id INTEGER PRIMARY KEY,
      method TEXT NOT NULL CHECK (method IN ('gan', 'copula')),
      source TEXT NOT NULL,
      seed INTEGER NOT NULL,
      backend TEXT NOT NULL,
      report_json TEXT NOT NULL,
      artefact BLOB NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX synth_models_created ON synth_models(created_at);
  `,
};
