import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainOutput } from '../../../src/cli/recommend-command';
import type { Db } from '../../../src/engine/db/open-workspace';
import { tempDir, runCli, type CliRun } from '../helpers';
import { seedRecommendations } from './seed-recommendations';

let dir: string;
let ws: string;
let cleanup: () => void;

const run = (args: string[]): CliRun => runCli([...args, '--workspace', ws, '--json'], path.join(dir, 'home'));
const withDb = <T>(body: (db: Db) => T): T => {
  const db = new Database(path.join(ws, 'workspace.sqlite'));
  try {
    return body(db as unknown as Db);
  } finally {
    db.close();
  }
};
const errorOf = (r: CliRun) => (r.json as { error: { code: string; message: string; details: { field?: string } | null } }).error;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  ws = path.join(dir, 'ws');
  const demo = runCli(['demo', '--customers', '200', '--seed', '7', '--workspace', ws, '--json'], path.join(dir, 'home'));
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => cleanup());

describe('localyst recommend', () => {
  it('says to train first while there is no model', () => {
    const external = withDb((db) => db.prepare('SELECT external_id FROM customers ORDER BY id LIMIT 1').pluck().get() as string);
    const r = run(['recommend', 'for', external]);
    expect(r.code).toBe(1);
    expect(errorOf(r).message).toBe('No recommendation model yet: run `localyst recommend train` first.');
    expect(errorOf(run(['recommend', 'together', 'ANY-SKU'])).code).toBe('not-found');
  });

  it('trains and prints the evaluation with model, popularity and sampled-99 figures first', (ctx) => {
    const r = run(['recommend', 'train', '--seed', '3']);
    // MERGE: this branch has no trainer (the training helper's job); after the merge this part runs for real.
    if (r.json && 'error' in r.json && errorOf(r).code === 'engine-unavailable') {
      console.log('recommend train: no training job on this branch; skipped until the merge');
      ctx.skip();
    }
    expect(r.code, r.stderr).toBe(0);
    const keys = Object.keys(r.json ?? {});
    expect(keys.slice(0, 7)).toEqual(['model', 'popularity', 'sampled99', 'customers', 'products', 'seconds', 'backend']);
    expect(Object.keys(r.json?.model as object).sort()).toEqual(['hitRate10', 'ndcg10', 'recall10']);
    // The read side reads the version the real training stored (a model card holding the result).
    const external = withDb((db) => db.prepare("SELECT c.external_id FROM customers c JOIN customer_recommendations r ON r.customer_id = c.id WHERE r.source = 'model' LIMIT 1").pluck().get() as string);
    const listed = run(['recommend', 'for', external]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.stringify(listed.json)).toContain('"version":1');
  });

  it("lists a customer's discover and buy-again products by the shop's id, n per list", () => {
    const { external, id } = withDb((db) => {
      seedRecommendations(db);
      return db
        .prepare("SELECT c.external_id AS external, c.id FROM customers c WHERE EXISTS (SELECT 1 FROM customer_recommendations r WHERE r.customer_id = c.id AND r.kind = 'buy-again') ORDER BY c.id LIMIT 1")
        .get() as { external: string; id: number };
    });
    const r = run(['recommend', 'for', external, '--n', '3']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as { customerId: string; discover: Array<{ name: string; rank: number }>; buyAgain: Array<{ name: string }> };
    expect(json.customerId).toBe(external);
    const want = withDb(
      (db) =>
        db.prepare("SELECT p.name FROM customer_recommendations r JOIN products p ON p.id = r.product_id WHERE r.customer_id = ? AND r.kind = 'discover' AND r.rank <= 3 ORDER BY r.rank").pluck().all(id) as string[],
    );
    expect(json.discover.map((d) => d.name)).toEqual(want);
    expect(json.buyAgain.length).toBeGreaterThan(0);
    expect(json.buyAgain.length).toBeLessThanOrEqual(3);
  });

  it('names an unknown customer or product, and refuses a bad --n', () => {
    const unknown = run(['recommend', 'for', 'NO-SUCH-CUSTOMER']);
    expect(unknown.code).toBe(1);
    expect(errorOf(unknown)).toMatchObject({ code: 'not-found', details: { field: 'externalId' } });
    expect(errorOf(unknown).message).toContain('"NO-SUCH-CUSTOMER"');
    const noSku = run(['recommend', 'together', 'NO-SUCH-SKU']);
    expect(errorOf(noSku)).toMatchObject({ code: 'not-found', details: { field: 'sku' } });
    expect(errorOf(run(['recommend', 'for', 'X', '--n', '0']))).toMatchObject({ code: 'bad-input', details: { field: 'n' } });
  });

  it('shows what is bought together with a product by SKU, strongest lift first', () => {
    const sku = withDb(
      (db) => db.prepare('SELECT p.sku FROM product_together t JOIN products p ON p.id = t.product_id GROUP BY t.product_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string,
    );
    const r = run(['recommend', 'together', sku]);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as { product: { sku: string }; together: Array<{ lift: number; baskets: number; confidence: number }> };
    expect(json.product.sku).toBe(sku);
    expect(json.together.length).toBeGreaterThan(0);
    expect(json.together.map((t) => t.lift)).toEqual([...json.together.map((t) => t.lift)].sort((a, b) => b - a));
    for (const t of json.together) expect(t.baskets).toBeGreaterThanOrEqual(2);
  });

  it('puts the headline figures first in the JSON of a training', () => {
    const metrics = { hitRate10: 0.2, recall10: 0.1, ndcg10: 0.05 };
    const out = trainOutput({
      modelId: 1, version: 1, algorithm: 'ease', candidates: [], model: metrics, popularity: metrics, sampled99: { model: metrics, popularity: metrics },
      cutoff: '2024-01-01', customers: 10, products: 5, testedCustomers: 4, seconds: 1, backend: 'wasm', scored: 10, rules: 3,
    });
    expect(Object.keys(out)).toEqual(['model', 'popularity', 'sampled99', 'customers', 'products', 'seconds', 'backend', 'modelId', 'version', 'algorithm', 'candidates', 'cutoff', 'testedCustomers', 'scored', 'rules']);
  });
});
