import type { Db } from '../db/open-workspace';
import { PurchasesBuilder, type Purchases } from './interactions';
import type { Rule } from './together';

/** SQL of the recommendation training: the order lines it learns from and the tables it writes (migration 009). */

/**
 * Every order line of a known customer and product: sale lines with a positive quantity (other sale lines are
 * corrections) and return lines (UCI cancellations, `C` invoices, are imported as returns) with their quantity made positive.
 */
export function readPurchases(db: Db): Purchases {
  const builder = new PurchasesBuilder();
  const rows = db
    .prepare(
      `SELECT o.customer_id, l.product_id, o.id, CAST(julianday(substr(o.ordered_at, 1, 10)) - 2440587.5 AS INTEGER), abs(l.quantity), o.kind = 'return'
       FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE o.customer_id IS NOT NULL AND l.product_id IS NOT NULL AND (o.kind = 'return' OR l.quantity > 0)`,
    )
    .raw()
    .iterate() as IterableIterator<[number, number, number, number, number, number]>;
  for (const [customer, product, order, day, quantity, isReturn] of rows) builder.push(customer, product, order, day, quantity, isReturn === 1);
  return builder.build();
}

/** Every customer id (those without purchases get the popular products). */
export function readCustomerIds(db: Db): number[] {
  return db.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
}

/** Only products still in the catalogue may be written (lines may name deleted ones). */
export function readProductIds(db: Db): Set<number> {
  return new Set(db.prepare('SELECT id FROM products').pluck().all() as number[]);
}

export type RecommendationRow = { customerId: number; kind: 'buy-again' | 'discover'; rank: number; productId: number; score: number; source: 'model' | 'popular' };

/** Replaces the three tables' rows; call inside the transaction that marks the version active. */
export function replaceRecommendations(
  db: Db,
  modelId: number,
  rows: Iterable<RecommendationRow>,
  similar: Iterable<{ productId: number; rank: number; similarId: number; score: number }>,
  rules: readonly Rule[],
): number {
  db.prepare('DELETE FROM customer_recommendations').run();
  db.prepare('DELETE FROM product_similar').run();
  db.prepare('DELETE FROM product_together').run();
  const insert = db.prepare('INSERT INTO customer_recommendations (customer_id, kind, rank, product_id, score, source, model_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const customers = new Set<number>();
  for (const r of rows) {
    insert.run(r.customerId, r.kind, r.rank, r.productId, r.score, r.source, modelId);
    customers.add(r.customerId);
  }
  const insertSimilar = db.prepare('INSERT INTO product_similar (product_id, rank, similar_id, score) VALUES (?, ?, ?, ?)');
  for (const s of similar) insertSimilar.run(s.productId, s.rank, s.similarId, s.score);
  const insertRule = db.prepare('INSERT INTO product_together (product_id, other_id, support, confidence, lift, baskets) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of rules) insertRule.run(r.product, r.other, r.support, r.confidence, r.lift, r.baskets);
  return customers.size;
}

/** Rewrites a version's stored card (the number of customers scored is known only after writing). */
export function recordCard(db: Db, modelId: number, card: unknown): void {
  db.prepare('UPDATE model_artifacts SET metrics_json = ? WHERE id = ?').run(JSON.stringify(card), modelId);
}
