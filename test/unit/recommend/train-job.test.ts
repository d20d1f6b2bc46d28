import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelJobResult } from '../../../src/shared/model-schemas';
import { recommendTrainResultSchema, type RecommendTrainResult } from '../../../src/shared/recommend-schemas';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';

// The job as every door starts it: the recommend.train channel on a demo shop, then the model lab's activate channel
// rolling back to the first version.
let demo: DemoEngine;
let first: RecommendTrainResult;
let second: RecommendTrainResult;
const read = <T>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(path.join(demo.root, 'ws', 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  demo = await demoEngine({ customers: 400, seed: 5 });
  const done = demo.nextDone<RecommendTrainResult>('recommend.train');
  await demo.value('recommend.train', { seed: 1 });
  first = await done;
  const again = demo.nextDone<RecommendTrainResult>('recommend.train');
  await demo.value('recommend.train', { seed: 2 });
  second = await again;
}, 240_000);
afterAll(async () => {
  await demo.close();
});

describe('recommend.train on a demo shop', () => {
  it('reports the shared result shape with the model and popularity measured on the same customers', () => {
    expect(() => recommendTrainResultSchema.parse(first)).not.toThrow();
    expect(first.version).toBe(1);
    expect(second.version).toBe(2);
    expect(first.testedCustomers).toBeGreaterThan(0);
    expect(first.candidates.map((c) => c.algorithm.split(' ')[0])).toEqual(['ease', 'ease', 'ials']);
    expect(['ease', 'ials']).toContain(first.algorithm);
    expect(first.products).toBeGreaterThan(10);
  });

  it('writes buy-again and discover lists that keep the two apart, similar products and rules', () => {
    const customers = read<{ n: number }>('SELECT count(*) AS n FROM customers')[0]?.n;
    expect(second.scored).toBe(customers);
    // "Discover" never names a product the customer has bought; "buy again" only names such products.
    const wrongDiscover = read<{ n: number }>(
      `SELECT count(*) AS n FROM customer_recommendations r WHERE r.kind = 'discover' AND EXISTS
         (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.customer_id = r.customer_id AND l.product_id = r.product_id AND o.kind = 'sale')`,
    )[0]?.n;
    expect(wrongDiscover).toBe(0);
    const wrongBuyAgain = read<{ n: number }>(
      `SELECT count(*) AS n FROM customer_recommendations r WHERE r.kind = 'buy-again' AND NOT EXISTS
         (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.customer_id = r.customer_id AND l.product_id = r.product_id AND o.kind = 'sale')`,
    )[0]?.n;
    expect(wrongBuyAgain).toBe(0);
    const ranks = read<{ kind: string; most: number }>('SELECT kind, max(rank) AS most FROM customer_recommendations GROUP BY kind ORDER BY kind');
    expect(ranks.map((r) => r.kind)).toEqual(['buy-again', 'discover']);
    expect(Math.max(...ranks.map((r) => r.most))).toBe(10);
    expect(read<{ n: number }>('SELECT count(*) AS n FROM product_similar')[0]?.n).toBeGreaterThan(0);
    const rules = read<{ n: number; bad: number }>('SELECT count(*) AS n, sum(confidence > 1 OR support > 1 OR lift < 1) AS bad FROM product_together')[0];
    expect(rules?.n).toBe(second.rules);
    expect(rules?.bad ?? 0).toBe(0);
  });

  it('keeps each version in the model lab and rolls back to the first through models.activate', async () => {
    const versions = read<{ id: number; active: number }>("SELECT id, active FROM model_artifacts WHERE kind = 'recommend' ORDER BY version");
    expect(versions.map((v) => v.active)).toEqual([0, 1]);
    const card = await demo.value<{ kind: string; recommend?: { model: { hitRate10: number } } }>('models.get', { id: first.modelId });
    expect(card.kind).toBe('recommend');
    expect(card.recommend?.model.hitRate10).toBe(first.model.hitRate10);
    const done = demo.nextDone<ModelJobResult>('model.score');
    await demo.value('models.activate', { id: first.modelId });
    const activated = await done;
    expect(activated.scored).toBe(second.scored);
    expect(read<{ model_id: number }>('SELECT DISTINCT model_id FROM customer_recommendations')).toEqual([{ model_id: first.modelId }]);
    expect(read<{ id: number }>("SELECT id FROM model_artifacts WHERE kind = 'recommend' AND active = 1")).toEqual([{ id: first.modelId }]);
  }, 120_000);

  it('trains a new version after an import when "retrain after each import" is on', async () => {
    await demo.value('settings.update', { retrainAfterImport: true });
    const orders = path.join(demo.root, 'new-orders.csv');
    fs.writeFileSync(orders, 'Order ID,Order date,Customer ID,SKU,Quantity,Unit price\nX-1,2026-11-02 10:00:00,C000002,NEW-1,1,9.95\n');
    const mapping = { 'Order ID': 'orderId', 'Order date': 'orderDate', 'Customer ID': 'customerId', SKU: 'sku', Quantity: 'quantity', 'Unit price': 'unitPrice' };
    const retrained = demo.nextDone<RecommendTrainResult>('recommend.train');
    const imported = demo.nextDone('import.run');
    await demo.value('import.start', { file: chosen(demo.engine, orders), kind: 'orders', mapping, onError: 'reject' });
    await imported;
    expect((await retrained).version).toBe(3);
    await demo.value('settings.update', { retrainAfterImport: false });
  }, 120_000);

  it('refuses a cutoff that leaves nothing to test, saying which dates work', async () => {
    const failed = demo.nextDone('recommend.train');
    await demo.value('recommend.train', { cutoff: '1990-01-01', seed: 1 });
    await expect(failed).rejects.toThrow(/cutoff must leave orders before and after it/);
  });
});
