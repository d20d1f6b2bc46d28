import { AppError } from '../../shared/errors';
import {
  recommendTrainResultSchema,
  type CustomerRecommendations,
  type ProductView,
  type RecommendedItem,
  type RecommendModelRef,
  type RecommendProduct,
  type RecommendStatus,
  type RecommendVersion,
} from '../../shared/recommend-schemas';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER } from '../db/stats-repo';
import { memoised } from '../kernel/memo';

/**
 * Reads what the recommendation training wrote (migration 009: customer_recommendations, product_similar,
 * product_together, and model_artifacts rows of kind 'recommend' whose metrics_json is a model card holding the training result).
 * Nothing here writes: the training job and activation own those tables.
 */

type VersionRow = { id: number; version: number; active: number; created_at: string; metrics_json: string };

function toVersion(row: VersionRow): RecommendVersion {
  // The training stores a model card whose `recommend` field is its result (without the id and version, which the
  // row has); a bare result is read as well.
  const stored = JSON.parse(row.metrics_json) as { recommend?: object };
  const result = recommendTrainResultSchema.parse({ ...(stored.recommend ?? stored), modelId: row.id, version: row.version });
  return { id: row.id, version: row.version, active: row.active === 1, createdAt: row.created_at, result };
}

const PRODUCT_SELECT = 'SELECT id AS productId, sku, name, category, price FROM products';

const VERSIONS = "SELECT id, version, active, created_at, metrics_json FROM model_artifacts WHERE kind = 'recommend'";

/** Every stored recommendation model version, newest first. */
export function listRecommendVersions(db: Db): RecommendVersion[] {
  return (db.prepare(`${VERSIONS} ORDER BY version DESC`).all() as VersionRow[]).map(toVersion);
}

/** The active recommendation model version, or null when none has been trained and activated. */
export function activeRecommendVersion(db: Db): RecommendVersion | null {
  const row = db.prepare(`${VERSIONS} AND active = 1`).get() as VersionRow | undefined;
  return row ? toVersion(row) : null;
}

const modelRef = (v: RecommendVersion | null): RecommendModelRef | null =>
  v === null ? null : { id: v.id, version: v.version, createdAt: v.createdAt, algorithm: v.result.algorithm };

/** The model lab's view: active version, all versions, and how much the active one wrote. */
export function readRecommendStatus(db: Db): RecommendStatus {
  const versions = listRecommendVersions(db);
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  return {
    active: versions.find((v) => v.active) ?? null,
    versions,
    customers: count('SELECT count(DISTINCT customer_id) FROM customer_recommendations'),
    similarProducts: count('SELECT count(DISTINCT product_id) FROM product_similar'),
    rules: count('SELECT count(*) FROM product_together'),
  };
}

/** A customer by id or by the shop's own id; not-found names the one asked for. */
export function resolveCustomer(db: Db, ref: { customerId?: number | undefined; externalId?: string | undefined }): { id: number; externalId: string } {
  const row = (
    ref.customerId !== undefined
      ? db.prepare('SELECT id, external_id AS externalId FROM customers WHERE id = ?').get(ref.customerId)
      : db.prepare('SELECT id, external_id AS externalId FROM customers WHERE external_id = ?').get(ref.externalId)
  ) as { id: number; externalId: string } | undefined;
  if (!row) {
    const [field, shown] = ref.customerId !== undefined ? ['customerId', `id ${ref.customerId}`] : ['externalId', `customer id "${ref.externalId ?? ''}"`];
    throw new AppError('not-found', `There is no customer with ${shown} in this workspace. Check the id in the customer explorer.`, { field });
  }
  return row;
}

/** A product by id or by SKU; not-found names the one asked for. */
export function resolveProduct(db: Db, ref: { productId?: number | undefined; sku?: string | undefined }): RecommendProduct {
  const row = (ref.productId !== undefined ? db.prepare(`${PRODUCT_SELECT} WHERE id = ?`).get(ref.productId) : db.prepare(`${PRODUCT_SELECT} WHERE sku = ?`).get(ref.sku)) as
    | RecommendProduct
    | undefined;
  if (!row) {
    const [field, shown] = ref.productId !== undefined ? ['productId', `id ${ref.productId}`] : ['sku', `SKU "${ref.sku ?? ''}"`];
    throw new AppError('not-found', `There is no product with ${shown} in this workspace.`, { field });
  }
  return row;
}

const POPULAR_POOL = 60;

/** Customers who bought each product (sale lines), in one pass over the lines; remembered until the data changes. */
function productBuyers(db: Db): Map<number, number> {
  return memoised(db, 'recommend.buyers', () => {
    const rows = db
      .prepare(
        `SELECT l.product_id AS id, count(DISTINCT o.customer_id) AS buyers
           FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE ${REVENUE_LINE_FILTER} AND o.customer_id IS NOT NULL AND l.product_id IS NOT NULL
          GROUP BY l.product_id`,
      )
      .raw()
      .all() as Array<[number, number]>;
    return new Map(rows);
  });
}

/** The products bought by the most customers, for customers the model never saw (new since the training). */
export function popularProducts(db: Db): Array<RecommendProduct & { buyers: number }> {
  const top = [...productBuyers(db)].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, POPULAR_POOL);
  const products = db.prepare(`${PRODUCT_SELECT} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(top.map(([id]) => id))) as RecommendProduct[];
  const byId = new Map(products.map((p) => [p.productId, p]));
  return top.flatMap(([id, buyers]) => {
    const p = byId.get(id);
    return p ? [{ ...p, buyers }] : [];
  });
}

const ITEM_SELECT = `SELECT r.customer_id AS customerId, r.kind, r.rank, r.score, r.source, p.id AS productId, p.sku, p.name, p.category, p.price
   FROM customer_recommendations r JOIN products p ON p.id = r.product_id`;

type ItemRow = RecommendedItem & { customerId: number; kind: 'buy-again' | 'discover' };

const strip = ({ customerId: _c, kind: _k, ...item }: ItemRow): RecommendedItem => item;

/** Products the customer bought (sale lines), to keep the popular fallback to products new to them. */
function boughtBy(db: Db, customerId: number): Set<number> {
  const ids = db
    .prepare(`SELECT DISTINCT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.customer_id = ? AND ${REVENUE_LINE_FILTER} AND l.product_id IS NOT NULL`)
    .pluck()
    .all(customerId) as number[];
  return new Set(ids);
}

/** Popular products the customer has not bought, ranked, as the cold-start "discover" list. */
function popularFor(db: Db, customerId: number, n: number): RecommendedItem[] {
  const bought = boughtBy(db, customerId);
  const pool = popularProducts(db);
  const top = pool[0]?.buyers ?? 1;
  return pool
    .filter((p) => !bought.has(p.productId))
    .slice(0, n)
    .map(({ buyers, ...p }, i) => ({ ...p, rank: i + 1, score: buyers / top, source: 'popular' as const }));
}

/**
 * A customer's top `n` of each list from the active model. A customer the model has no rows for (new since the
 * training) gets popular products new to them, marked as such; with no model at all, both lists are empty.
 */
export function readCustomerRecommendations(db: Db, customer: { id: number; externalId: string }, n: number): CustomerRecommendations {
  const model = modelRef(activeRecommendVersion(db));
  const rows = db.prepare(`${ITEM_SELECT} WHERE r.customer_id = ? AND r.rank <= ? ORDER BY r.kind, r.rank`).all(customer.id, n) as ItemRow[];
  const buyAgain = rows.filter((r) => r.kind === 'buy-again').map(strip);
  let discover = rows.filter((r) => r.kind === 'discover').map(strip);
  if (model !== null && rows.length === 0) discover = popularFor(db, customer.id, n);
  return { customerId: customer.id, externalId: customer.externalId, model, buyAgain, discover };
}

/**
 * The names of each customer's first `k` recommended products for the `{{recommendedN}}` tokens: "discover" first
 * (new to them, the point of a recommendation), then "buy again", then popular products they have not bought. Empty
 * for everyone while no model has been trained. Customers that do not exist are left out.
 */
export function recommendedNamesFor(db: Db, customerIds: readonly number[], k: number): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (activeRecommendVersion(db) === null) return out;
  const ids = JSON.stringify([...new Set(customerIds)]);
  const rows = db
    .prepare(
      `SELECT r.customer_id AS customerId, p.id AS productId, p.name
         FROM json_each(?) j JOIN customer_recommendations r ON r.customer_id = j.value JOIN products p ON p.id = r.product_id
        WHERE r.rank <= ?
        ORDER BY r.customer_id, CASE r.kind WHEN 'discover' THEN 0 ELSE 1 END, r.rank`,
    )
    .all(ids, k) as Array<{ customerId: number; productId: number; name: string }>;
  const seen = new Map<number, Set<number>>();
  for (const row of rows) {
    const names = out.get(row.customerId) ?? [];
    const got = seen.get(row.customerId) ?? new Set<number>();
    if (names.length < k && !got.has(row.productId)) {
      names.push(row.name);
      got.add(row.productId);
    }
    out.set(row.customerId, names);
    seen.set(row.customerId, got);
  }
  const existing = db.prepare('SELECT c.id FROM json_each(?) j JOIN customers c ON c.id = j.value').pluck().all(ids) as number[];
  for (const id of existing) {
    const names = out.get(id) ?? [];
    if (names.length < k) {
      const have = new Set(names);
      for (const p of popularFor(db, id, k + names.length)) {
        if (names.length >= k) break;
        if (!have.has(p.name)) names.push(p.name);
      }
    }
    out.set(id, names);
  }
  return out;
}

/** A product's view: who buys it, similar products and what is bought with it (strongest lift first). */
export function readProductView(db: Db, product: RecommendProduct, n: number): ProductView {
  const model = modelRef(activeRecommendVersion(db));
  const bought = db
    .prepare(
      `SELECT count(DISTINCT o.customer_id) AS buyers, count(DISTINCT o.id) AS orders
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = ? AND ${REVENUE_LINE_FILTER}`,
    )
    .get(product.productId) as { buyers: number; orders: number };
  const recommendedTo = db.prepare('SELECT count(DISTINCT customer_id) FROM customer_recommendations WHERE product_id = ?').pluck().get(product.productId) as number;
  const similar = db
    .prepare(
      `SELECT s.rank, s.score, p.id AS productId, p.sku, p.name, p.category, p.price
         FROM product_similar s JOIN products p ON p.id = s.similar_id WHERE s.product_id = ? ORDER BY s.rank LIMIT ?`,
    )
    .all(product.productId, n) as ProductView['similar'];
  const together = db
    .prepare(
      `SELECT t.baskets, t.support, t.confidence, t.lift, p.id AS productId, p.sku, p.name, p.category, p.price
         FROM product_together t JOIN products p ON p.id = t.other_id WHERE t.product_id = ? ORDER BY t.lift DESC, t.baskets DESC, p.id LIMIT ?`,
    )
    .all(product.productId, n) as ProductView['together'];
  return { product, model, buyers: bought.buyers, orders: bought.orders, recommendedTo, similar, together };
}

/** Products whose name or SKU holds `search` (all when empty), most bought first. */
export function searchProducts(db: Db, search: string, limit: number): Array<RecommendProduct & { buyers: number }> {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const buyers = productBuyers(db);
  const found = db.prepare(`${PRODUCT_SELECT} WHERE name LIKE ? ESCAPE '\\' OR sku LIKE ? ESCAPE '\\'`).all(like, like) as RecommendProduct[];
  return found
    .map((p) => ({ ...p, buyers: buyers.get(p.productId) ?? 0 }))
    .sort((a, b) => b.buyers - a.buyers || a.name.localeCompare(b.name))
    .slice(0, limit);
}
