import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenValuesFor } from '../../../src/engine/copy/tokens';
import { listModels } from '../../../src/engine/models/model-repo';
import {
  readCustomerRecommendations,
  readProductView,
  readRecommendStatus,
  recommendedNamesFor,
  resolveCustomer,
  resolveProduct,
  searchProducts,
} from '../../../src/engine/recommend/read-repo';
import { all, scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';
import { seedRecommendations } from './seed-recommendations';

const boughtBy = (tw: TestWorkspace, id: number): Set<number> =>
  new Set(
    all<{ p: number }>(tw.db, "SELECT DISTINCT l.product_id AS p FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.customer_id = ? AND o.kind = 'sale' AND l.quantity > 0", id).map((r) => r.p),
  );

describe('recommendation reads', () => {
  let tw: TestWorkspace;
  let buyer: { id: number; externalId: string };
  let newcomer: { id: number; externalId: string };
  beforeAll(async () => {
    tw = await testWorkspace({ customers: 300, seed: 13 });
    const ids = all<{ id: number; externalId: string }>(
      tw.db,
      'SELECT c.id, c.external_id AS externalId FROM customers c JOIN customer_metrics m ON m.customer_id = c.id WHERE m.orders >= 3 ORDER BY c.id LIMIT 2',
    );
    buyer = ids[0] as { id: number; externalId: string };
    newcomer = ids[1] as { id: number; externalId: string };
  });
  afterAll(() => tw.dispose());

  it('says there is no model, with empty lists and no token values, before any training', () => {
    const status = readRecommendStatus(tw.db);
    expect(status.active).toBeNull();
    expect(status.versions).toEqual([]);
    const recs = readCustomerRecommendations(tw.db, buyer, 10);
    expect(recs.model).toBeNull();
    expect(recs.buyAgain).toEqual([]);
    expect(recs.discover).toEqual([]);
    expect(tokenValuesFor(tw.db, [buyer.id]).get(buyer.id)?.recommended1).toBeNull();
  });

  it('finds customers by the shop id and products by SKU, and names the missing one', () => {
    expect(resolveCustomer(tw.db, { externalId: buyer.externalId })).toEqual(buyer);
    expect(() => resolveCustomer(tw.db, { externalId: 'NOPE-1' })).toThrow(/no customer with customer id "NOPE-1"/);
    expect(() => resolveProduct(tw.db, { sku: 'NOPE' })).toThrow(/no product with SKU "NOPE"/);
  });

  it("keeps a customer's buy-again products among what they bought and discover products new to them", () => {
    const modelId = seedRecommendations(tw.db, { skip: [newcomer.id] });
    const recs = readCustomerRecommendations(tw.db, buyer, 3);
    expect(recs.model?.id).toBe(modelId);
    expect(recs.buyAgain.length).toBeGreaterThan(0);
    expect(recs.buyAgain.length).toBeLessThanOrEqual(3);
    expect(recs.discover).toHaveLength(3);
    const bought = boughtBy(tw, buyer.id);
    for (const item of recs.buyAgain) expect(bought.has(item.productId)).toBe(true);
    for (const item of recs.discover) expect(bought.has(item.productId)).toBe(false);
    expect(recs.discover.map((d) => d.rank)).toEqual([1, 2, 3]);
    expect(recs.discover.every((d) => d.source === 'model')).toBe(true);
  });

  it('gives a customer the model never saw popular products new to them, marked as popular', () => {
    const recs = readCustomerRecommendations(tw.db, newcomer, 5);
    expect(recs.buyAgain).toEqual([]);
    expect(recs.discover).toHaveLength(5);
    expect(recs.discover.every((d) => d.source === 'popular')).toBe(true);
    const bought = boughtBy(tw, newcomer.id);
    for (const item of recs.discover) expect(bought.has(item.productId)).toBe(false);
    const scores = recs.discover.map((d) => d.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('fills {{recommended1..3}} with discover first, then buy again, and popular for a customer without rows', () => {
    const values = tokenValuesFor(tw.db, [buyer.id, newcomer.id]);
    const recs = readCustomerRecommendations(tw.db, buyer, 3);
    expect([values.get(buyer.id)?.recommended1, values.get(buyer.id)?.recommended2, values.get(buyer.id)?.recommended3]).toEqual(recs.discover.map((d) => d.name));
    const fallback = readCustomerRecommendations(tw.db, newcomer, 3).discover.map((d) => d.name);
    expect(values.get(newcomer.id)?.recommended1).toBe(fallback[0]);
    // A customer with only "buy again" rows gets those after the (missing) discover ones.
    tw.db.prepare("DELETE FROM customer_recommendations WHERE customer_id = ? AND kind = 'discover'").run(buyer.id);
    const names = recommendedNamesFor(tw.db, [buyer.id], 3).get(buyer.id) ?? [];
    const buyAgain = readCustomerRecommendations(tw.db, buyer, 3).buyAgain.map((d) => d.name);
    expect(names.slice(0, buyAgain.length)).toEqual(buyAgain);
    expect(recommendedNamesFor(tw.db, [987_654], 3).has(987_654)).toBe(false);
  });

  it("shows a product's buyers and bought-together rules, strongest lift first, with lift = confidence / P(other)", () => {
    const top = all<{ id: number; sku: string }>(tw.db, 'SELECT t.product_id AS id, p.sku FROM product_together t JOIN products p ON p.id = t.product_id GROUP BY t.product_id ORDER BY count(*) DESC LIMIT 1')[0];
    expect(top).toBeDefined();
    const product = resolveProduct(tw.db, { sku: top?.sku ?? '' });
    const view = readProductView(tw.db, product, 10);
    const buyers = scalar(tw.db, "SELECT count(DISTINCT o.customer_id) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = ? AND o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0", product.productId);
    expect(view.buyers).toBe(buyers);
    expect(view.together.length).toBeGreaterThan(0);
    const lifts = view.together.map((t) => t.lift);
    expect([...lifts].sort((a, b) => b - a)).toEqual(lifts);
    expect(view.similar.map((s) => s.rank)).toEqual(view.similar.map((_s, i) => i + 1));
    expect(view.similar.every((s) => s.productId !== product.productId)).toBe(true);
  });

  it('searches products by name and lists versions newest first with the active one', () => {
    const name = all<{ name: string }>(tw.db, 'SELECT name FROM products ORDER BY id LIMIT 1')[0]?.name ?? '';
    const found = searchProducts(tw.db, name.slice(0, 5), 20);
    expect(found.some((p) => p.name === name)).toBe(true);
    expect(searchProducts(tw.db, '%_%', 5)).toEqual([]);
    seedRecommendations(tw.db, { version: 2, active: false });
    const status = readRecommendStatus(tw.db);
    expect(status.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(status.active?.version).toBe(1);
    expect(status.active?.result.model.hitRate10).toBe(0.31);
    expect(status.customers).toBeGreaterThan(0);
    expect(status.rules).toBe(scalar(tw.db, 'SELECT count(*) FROM product_together'));
    // The model lab's general list leaves recommendation versions to their own card.
    expect(listModels(tw.db)).toEqual([]);
  });
});
