import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelCard } from '../../../src/engine/models/model-repo';
import { scoreWithModel } from '../../../src/engine/models/model-jobs';
import { analyzeSentiment, type SentimentRun } from '../../../src/engine/reviews/sentiment';
import { MIN_PER_CLASS } from '../../../src/engine/reviews/sentiment-model';
import { scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';
import { recordingControl } from '../demo/helpers';

describe('review sentiment learned from the star ratings of a demo shop', () => {
  let ws: TestWorkspace;
  let run: SentimentRun;
  beforeAll(async () => {
    ws = await testWorkspace({ customers: 1500, seed: 3 });
    run = await analyzeSentiment(ws.db, recordingControl());
  }, 180_000);
  afterAll(() => ws.dispose());

  it('trains, cross-validates and stores a sentiment model, and says so', () => {
    expect(run.source).toBe('model');
    expect(run.positives).toBeGreaterThanOrEqual(MIN_PER_CLASS);
    expect(run.negatives).toBeGreaterThanOrEqual(MIN_PER_CLASS);
    expect(run.accuracy).toBeGreaterThan(run.lexiconAccuracy as number);
    expect(run.reason).toMatch(/^Learned from [\d,]+ rated reviews \(5-fold cross-validation\)/);
    const card = readModelCard(ws.db, run.modelId as number);
    expect(card.kind).toBe('sentiment');
    expect(card.active).toBe(true);
    expect(card.scored).toBe(run.scored);
    expect(card.text?.model).toBe(run.model);
    expect(card.text?.folds).toHaveLength(5);
    expect(card.headline).toEqual({ name: 'accuracy', value: run.accuracy });
  });

  it('scores every review with the model, and the scores agree with the stars', () => {
    expect(run.scored).toBe(scalar(ws.db, 'SELECT count(*) FROM reviews'));
    expect(scalar(ws.db, "SELECT count(*) FROM review_sentiment WHERE source = 'model' AND model_id = ?", run.modelId)).toBe(run.scored);
    const meanOf = (stars: string): number => scalar(ws.db, `SELECT avg(s.score) FROM review_sentiment s JOIN reviews r ON r.id = s.review_id WHERE r.rating IN (${stars})`);
    expect(meanOf('5')).toBeGreaterThan(0.7);
    expect(meanOf('1')).toBeLessThan(0.3);
    expect(meanOf('3')).toBeGreaterThan(meanOf('1'));
    expect(meanOf('3')).toBeLessThan(meanOf('5'));
  });

  it('leaves everything as it was when cancelled while scoring, and re-scores with a stored version on activation', async () => {
    const before = scalar(ws.db, 'SELECT count(*) FROM model_artifacts');
    const sentimentBefore = scalar(ws.db, 'SELECT sum(score) FROM review_sentiment');
    const control = recordingControl(1);
    await expect(scoreWithModel(ws.db, { modelId: run.modelId as number }, control)).rejects.toMatchObject({ code: 'cancelled' });
    expect(scalar(ws.db, 'SELECT count(*) FROM model_artifacts')).toBe(before);
    expect(scalar(ws.db, 'SELECT sum(score) FROM review_sentiment')).toBeCloseTo(sentimentBefore, 6);
    ws.db.exec('DELETE FROM review_sentiment');
    const again = await scoreWithModel(ws.db, { modelId: run.modelId as number }, recordingControl());
    expect(again.scored).toBe(run.scored);
    expect(scalar(ws.db, 'SELECT sum(score) FROM review_sentiment')).toBeCloseTo(sentimentBefore, 3);
  });
});

describe('review sentiment with too few star ratings', () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await testWorkspace({ customers: 300, seed: 5 });
  }, 120_000);
  afterAll(() => ws.dispose());

  it('falls back to the word list, says why, and stores no model', async () => {
    // Keep only a few negative ratings: the rest lose their stars.
    ws.db.exec('UPDATE reviews SET rating = NULL WHERE rating <= 2 AND id NOT IN (SELECT id FROM reviews WHERE rating <= 2 ORDER BY id LIMIT 10)');
    const control = recordingControl();
    const run = await analyzeSentiment(ws.db, control);
    expect(run.source).toBe('lexicon');
    expect(run.modelId).toBeNull();
    expect(run.negatives).toBe(10);
    expect(run.reason).toContain(`a model needs at least ${MIN_PER_CLASS} of each. Scored with the word list (VADER).`);
    expect(scalar(ws.db, "SELECT count(*) FROM model_artifacts WHERE kind = 'sentiment'")).toBe(0);
    expect(scalar(ws.db, "SELECT count(*) FROM review_sentiment WHERE source = 'lexicon' AND model_id IS NULL")).toBe(scalar(ws.db, 'SELECT count(*) FROM reviews'));
    expect(control.updates.at(-1)?.fraction).toBe(1);
    const { lexiconScore } = await import('../../../src/engine/reviews/sentiment');
    expect(lexiconScore('not good at all')).toBeLessThan(lexiconScore('good'));
  });
});
