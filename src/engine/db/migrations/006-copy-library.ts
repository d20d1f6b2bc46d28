import type { Migration } from './types';

/**
 * The copy studio's library (issue 6): saved variants grouped by campaign, and every text each one has had.
 * `copy_library` holds an item's current text, the brief it was written for (edits are checked against it again),
 * its checks, star and note. `copy_library_revisions` keeps each version of the text, numbered from 1 (the text as
 * it was saved); an edit adds the next number, so the newest revision is the current text and the older ones are
 * what it replaced. Campaign names compare without case, so "Spring sale" and "spring sale" are one campaign.
 */
export const migration006: Migration = {
  version: 6,
  name: 'copy-library',
  up: `
    CREATE TABLE copy_library (
      id INTEGER PRIMARY KEY,
      campaign TEXT NOT NULL COLLATE NOCASE,
      channel TEXT NOT NULL,
      framework TEXT NOT NULL,
      angle TEXT NOT NULL,
      fields_json TEXT NOT NULL,
      brief_json TEXT NOT NULL,
      score REAL,
      checks_json TEXT NOT NULL,
      starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
      note TEXT NOT NULL DEFAULT '',
      engine TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX copy_library_campaign ON copy_library(campaign, updated_at);

    CREATE TABLE copy_library_revisions (
      item_id INTEGER NOT NULL REFERENCES copy_library(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      fields_json TEXT NOT NULL,
      checks_passed INTEGER NOT NULL CHECK (checks_passed IN (0, 1)),
      saved_at TEXT NOT NULL,
      PRIMARY KEY (item_id, revision)
    ) WITHOUT ROWID;
  `,
};
