import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { Db } from '../../../src/engine/kernel/workspace';
import type { JobControl } from '../../../src/engine/kernel/jobs';
import { analyzeReviews } from '../../../src/engine/reviews/analyze-job';
import { demoEngine, type DemoEngine } from '../engine-helpers';

/** A control that cancels the job once it reports a stage matching `at`. */
function cancelAt(at: RegExp): JobControl & { stages: string[] } {
  const stages: string[] = [];
  let cancelled = false;
  return {
    stages,
    progress: (update) => {
      stages.push(update.stage);
      if (at.test(update.stage)) cancelled = true;
    },
    checkCancelled: () => {
      if (cancelled) throw new AppError('cancelled', 'Cancelled.');
    },
  };
}

const snapshot = (db: Db): unknown => ({
  sentiment: db.prepare('SELECT count(*) AS n, total(score) AS sum FROM review_sentiment').get(),
  versions: db.prepare("SELECT count(*) FROM model_artifacts WHERE kind = 'sentiment'").pluck().get(),
  themes: db.prepare('SELECT count(*) FROM review_themes').pluck().get(),
  mentions: db.prepare('SELECT count(*) FROM review_theme_mentions').pluck().get(),
});

describe('the review analysis is one transaction', () => {
  let shop: DemoEngine;
  let db: Db;
  beforeAll(async () => {
    shop = await demoEngine({ customers: 1500, seed: 9 });
    db = new Database(path.join(shop.root, 'ws', 'workspace.sqlite')) as unknown as Db;
    db.pragma('busy_timeout = 5000');
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await shop?.close();
  });

  it('cancelled while finding themes, it leaves the scores, model versions and themes of the last analysis', async () => {
    // Scores the next analysis would replace, made different from anything it writes.
    db.prepare("UPDATE review_sentiment SET score = 0.5, label = 'neutral'").run();
    const before = snapshot(db);
    const control = cancelAt(/^Themes/);
    await expect(analyzeReviews(db, {}, control)).rejects.toMatchObject({ code: 'cancelled' });
    expect(control.stages).toContain('Sentiment');
    expect(snapshot(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
  }, 120_000);

  it('run to the end, it replaces them', async () => {
    const before = snapshot(db);
    const result = await analyzeReviews(db, {}, cancelAt(/^$never/));
    expect(result.reviews).toBeGreaterThan(0);
    expect(snapshot(db)).not.toEqual(before);
  }, 120_000);
});
