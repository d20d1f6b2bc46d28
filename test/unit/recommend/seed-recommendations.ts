import type { Db } from '../../../src/engine/db/open-workspace';
import type { RecommendTrainResult } from '../../../src/shared/recommend-schemas';

/**
 * Fills the tables the recommendation training writes (migration 009) from the workspace's own orders, so the read
 * side can be tested without the trainer: "buy again" = each customer's products by orders, "discover" = the most
 * bought products they have not bought, similar = products most often in the same customers' histories, bought
 * together = pairs in at least two baskets with their support, confidence and lift. The customers in `skip` get no
 * rows (as if new since the training). Returns the model_artifacts id of the stored, active version.
 */
export function seedRecommendations(db: Db, options: { skip?: readonly number[]; version?: number; active?: boolean } = {}): number {
  const sale = "o.kind = 'sale' AND l.quantity > 0 AND l.unit_price > 0 AND o.customer_id IS NOT NULL";
  // The next version after any a real training stored in the same workspace.
  const version = options.version ?? ((db.prepare("SELECT max(version) FROM model_artifacts WHERE kind = 'recommend'").pluck().get() as number | null) ?? 0) + 1;
  const result: RecommendTrainResult = {
    modelId: 0,
    version,
    algorithm: 'ease',
    candidates: [{ algorithm: 'ease', metrics: { hitRate10: 0.31, recall10: 0.22, ndcg10: 0.15 } }],
    model: { hitRate10: 0.31, recall10: 0.22, ndcg10: 0.15 },
    popularity: { hitRate10: 0.14, recall10: 0.09, ndcg10: 0.06 },
    sampled99: { model: { hitRate10: 0.71, recall10: 0.71, ndcg10: 0.45 }, popularity: { hitRate10: 0.52, recall10: 0.52, ndcg10: 0.3 } },
    cutoff: '2024-06-30',
    customers: 0,
    products: 0,
    testedCustomers: 0,
    seconds: 1.5,
    backend: 'wasm',
    scored: 0,
    rules: 0,
  };
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO model_artifacts (kind, version, active, backend, features_json, metrics_json, data_window_json, created_at)
         VALUES ('recommend', ?, 0, 'wasm', '[]', ?, '{}', ?)`,
      )
      .run(version, JSON.stringify({ ...result, modelId: 0 }), `2024-07-0${version}T10:00:00.000Z`);
    const modelId = Number(info.lastInsertRowid);
    db.prepare('UPDATE model_artifacts SET metrics_json = json_set(metrics_json, \'$.modelId\', ?) WHERE id = ?').run(modelId, modelId);
    if (options.active ?? true) db.prepare("UPDATE model_artifacts SET active = (id = ?) WHERE kind = 'recommend'").run(modelId);
    if (!(options.active ?? true)) return modelId;
    for (const table of ['customer_recommendations', 'product_similar', 'product_together']) db.prepare(`DELETE FROM ${table}`).run();
    const skip = JSON.stringify(options.skip ?? []);
    db.prepare(
      `INSERT INTO customer_recommendations (customer_id, kind, rank, product_id, score, source, model_id)
       SELECT customer_id, 'buy-again', r, product_id, n, 'model', ? FROM (
         SELECT o.customer_id, l.product_id, count(DISTINCT o.id) AS n,
                row_number() OVER (PARTITION BY o.customer_id ORDER BY count(DISTINCT o.id) DESC, l.product_id) AS r
           FROM orders o JOIN order_lines l ON l.order_id = o.id
          WHERE ${sale} AND l.product_id IS NOT NULL AND o.customer_id NOT IN (SELECT value FROM json_each(?))
          GROUP BY o.customer_id, l.product_id)
        WHERE r <= 5`,
    ).run(modelId, skip);
    db.prepare(
      `WITH pop AS (SELECT l.product_id, count(DISTINCT o.customer_id) AS buyers FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${sale} GROUP BY l.product_id),
            cust AS (SELECT DISTINCT o.customer_id FROM orders o WHERE o.kind = 'sale' AND o.customer_id IS NOT NULL AND o.customer_id NOT IN (SELECT value FROM json_each(?)))
       INSERT INTO customer_recommendations (customer_id, kind, rank, product_id, score, source, model_id)
       SELECT customer_id, 'discover', r, product_id, buyers, 'model', ? FROM (
         SELECT c.customer_id, p.product_id, p.buyers, row_number() OVER (PARTITION BY c.customer_id ORDER BY p.buyers DESC, p.product_id) AS r
           FROM cust c JOIN pop p
          WHERE p.product_id NOT IN (SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.customer_id = c.customer_id AND l.product_id IS NOT NULL))
        WHERE r <= 5`,
    ).run(skip, modelId);
    db.prepare(
      `WITH had AS (SELECT DISTINCT o.customer_id, l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${sale} AND l.product_id IS NOT NULL),
            pairs AS (SELECT a.product_id AS x, b.product_id AS y, count(*) AS n FROM had a JOIN had b ON a.customer_id = b.customer_id AND a.product_id <> b.product_id GROUP BY x, y)
       INSERT INTO product_similar (product_id, rank, similar_id, score)
       SELECT x, r, y, n FROM (SELECT x, y, n, row_number() OVER (PARTITION BY x ORDER BY n DESC, y) AS r FROM pairs) WHERE r <= 5`,
    ).run();
    db.prepare(
      `WITH basket AS (SELECT DISTINCT o.id AS order_id, l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${sale} AND l.product_id IS NOT NULL),
            total AS (SELECT count(DISTINCT order_id) AS n FROM basket),
            single AS (SELECT product_id, count(*) AS n FROM basket GROUP BY product_id),
            pairs AS (SELECT a.product_id AS x, b.product_id AS y, count(*) AS n FROM basket a JOIN basket b ON a.order_id = b.order_id AND a.product_id <> b.product_id GROUP BY x, y HAVING count(*) >= 2)
       INSERT INTO product_together (product_id, other_id, support, confidence, lift, baskets)
       SELECT p.x, p.y, 1.0 * p.n / t.n, 1.0 * p.n / sx.n, (1.0 * p.n / sx.n) / (1.0 * sy.n / t.n), p.n
         FROM pairs p, total t JOIN single sx ON sx.product_id = p.x JOIN single sy ON sy.product_id = p.y`,
    ).run();
    // The counts a training reports, from what was written (the figures above are the fixture's own).
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
    const counts = {
      customers: count("SELECT count(DISTINCT customer_id) FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL"),
      products: count('SELECT count(*) FROM products'),
      testedCustomers: count("SELECT count(DISTINCT customer_id) FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL AND ordered_at > '2024-06-30'"),
      scored: count('SELECT count(DISTINCT customer_id) FROM customer_recommendations'),
      rules: count('SELECT count(*) FROM product_together'),
    };
    db.prepare('UPDATE model_artifacts SET metrics_json = json_patch(metrics_json, ?) WHERE id = ?').run(JSON.stringify(counts), modelId);
    return modelId;
  })();
}
