import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCustomerMetrics } from '../../../src/engine/customers/metrics';
import { openWorkspace, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import { generateDemo } from '../../../src/engine/demo/generate';
import { trainRecommender } from '../../../src/engine/recommend/train-job';
import { AppError } from '../../../src/shared/errors';
import { tempDir } from '../helpers';

let ws: OpenedWorkspace;
let cleanup: () => void;
const quiet = { progress: () => undefined, checkCancelled: () => undefined };

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  ws = await openWorkspace(path.join(tmp.dir, 'ws'));
  ws.db.transaction(() => {
    generateDemo(ws.db, { customers: 300, seed: 9 }, quiet);
    refreshCustomerMetrics(ws.db);
  })();
}, 60_000);
afterAll(() => {
  ws.db.close();
  cleanup();
});

const count = (table: string): number => ws.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('recommend.train progress and cancel', () => {
  it('reports its stages in order, and a cancel at any of its checks leaves nothing written', async () => {
    const stages: string[] = [];
    let checks = 0;
    await trainRecommender(ws.db, { seed: 1 }, { progress: (p) => stages.push(p.stage), checkCancelled: () => void checks++ });
    expect([...new Set(stages)]).toEqual(['Reading', 'Choosing', 'Evaluating', 'Training', 'Scoring', 'Saving']);
    ws.db.prepare('DELETE FROM customer_recommendations').run();
    ws.db.prepare('DELETE FROM product_together').run();
    ws.db.prepare("DELETE FROM model_artifacts WHERE kind = 'recommend'").run();
    // Cancel at the first check, in the middle, and at the very last one (just before writing).
    for (const at of [1, Math.floor(checks / 2), checks]) {
      let n = 0;
      const control = {
        progress: () => undefined,
        checkCancelled: () => {
          if (++n === at) throw new AppError('cancelled', 'Cancelled. Nothing was changed.');
        },
      };
      await expect(trainRecommender(ws.db, { seed: 1 }, control)).rejects.toMatchObject({ code: 'cancelled' });
      expect([count('model_artifacts'), count('customer_recommendations'), count('product_together')]).toEqual([0, 0, 0]);
    }
  }, 120_000);
});
