/**
 * Implicit feedback from order lines: who bought what, when, and what came back. A sale counts as liked, weighted by
 * how recent it is (half-life in days); a product the customer returned or cancelled as much of as they bought counts
 * not at all, and a partial return scales the weight down by the share kept.
 */

/** Order lines in columns (one entry per line), as read from the workspace. */
export type Purchases = {
  customer: Int32Array;
  product: Int32Array;
  order: Int32Array;
  /** Days since 1970-01-01. */
  day: Int32Array;
  /** Units bought (sale lines) or returned (return lines), always positive. */
  quantity: Float64Array;
  isReturn: Uint8Array;
  length: number;
};

/** Growable column store the repository fills row by row. */
export class PurchasesBuilder {
  private cap = 1024;
  private n = 0;
  private cols = this.alloc(1024);
  private alloc(cap: number) {
    return { customer: new Int32Array(cap), product: new Int32Array(cap), order: new Int32Array(cap), day: new Int32Array(cap), quantity: new Float64Array(cap), isReturn: new Uint8Array(cap) };
  }
  push(customer: number, product: number, order: number, day: number, quantity: number, isReturn: boolean): void {
    if (this.n === this.cap) {
      this.cap *= 2;
      const next = this.alloc(this.cap);
      for (const key of Object.keys(next) as Array<keyof typeof next>) (next[key] as { set(a: ArrayLike<number>): void }).set(this.cols[key]);
      this.cols = next;
    }
    const i = this.n++;
    this.cols.customer[i] = customer;
    this.cols.product[i] = product;
    this.cols.order[i] = order;
    this.cols.day[i] = day;
    this.cols.quantity[i] = quantity;
    this.cols.isReturn[i] = isReturn ? 1 : 0;
  }
  build(): Purchases {
    const n = this.n;
    const c = this.cols;
    return { customer: c.customer.slice(0, n), product: c.product.slice(0, n), order: c.order.slice(0, n), day: c.day.slice(0, n), quantity: c.quantity.slice(0, n), isReturn: c.isReturn.slice(0, n), length: n };
  }
}

/** Dense indices for customer and product ids (the order they first appear in). */
export type Index = { ids: number[]; of: Map<number, number> };

export function indexOf(values: ArrayLike<number>): Index {
  const of = new Map<number, number>();
  const ids: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!of.has(v)) {
      of.set(v, ids.length);
      ids.push(v);
    }
  }
  return { ids, of };
}

/** A customers × products matrix in compressed rows: `weight` is the recency-weighted count of kept purchases, `last` the weight of the latest. */
export type UserItemMatrix = {
  users: number;
  items: number;
  indptr: Int32Array;
  indices: Int32Array;
  weight: Float32Array;
  last: Float32Array;
};

export type MatrixOptions = {
  /** Only sale lines on days in [from, before) and returns on days before `returnsBefore` count. */
  from: number;
  before: number;
  returnsBefore: number;
  /** The day recency is measured from, and the half-life of a purchase's weight in days. */
  referenceDay: number;
  halfLifeDays: number;
};

/** Builds the matrix of kept purchases in a window; `users` and `items` map ids to rows and columns. */
export function buildMatrix(p: Purchases, users: Index, items: Index, o: MatrixOptions): UserItemMatrix {
  const nUsers = users.ids.length;
  const nItems = items.ids.length;
  // Lines grouped by customer (counting sort), then each customer's products aggregated in scratch arrays.
  const rowOf = new Int32Array(p.length);
  const counts = new Int32Array(nUsers + 1);
  for (let i = 0; i < p.length; i++) {
    const u = users.of.get(p.customer[i] as number) ?? -1;
    rowOf[i] = u;
    if (u >= 0) counts[u + 1] = (counts[u + 1] as number) + 1;
  }
  for (let u = 0; u < nUsers; u++) counts[u + 1] = (counts[u + 1] as number) + (counts[u] as number);
  const byUser = new Int32Array(counts[nUsers] as number);
  const fill = counts.slice(0, nUsers);
  for (let i = 0; i < p.length; i++) {
    const u = rowOf[i] as number;
    if (u >= 0) {
      byUser[fill[u] as number] = i;
      fill[u] = (fill[u] as number) + 1;
    }
  }
  const bought = new Float64Array(nItems);
  const returned = new Float64Array(nItems);
  const weight = new Float64Array(nItems);
  const last = new Float64Array(nItems);
  const seen = new Uint8Array(nItems);
  const indptr = new Int32Array(nUsers + 1);
  const outIndices: number[] = [];
  const outWeight: number[] = [];
  const outLast: number[] = [];
  const decay = Math.LN2 / o.halfLifeDays;
  const touched: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    touched.length = 0;
    for (let k = counts[u] as number; k < (counts[u + 1] as number); k++) {
      const line = byUser[k] as number;
      const item = items.of.get(p.product[line] as number);
      if (item === undefined) continue;
      const day = p.day[line] as number;
      const isReturn = p.isReturn[line] === 1;
      if (isReturn ? day >= o.returnsBefore : day < o.from || day >= o.before) continue;
      if (!seen[item]) {
        seen[item] = 1;
        touched.push(item);
      }
      const q = p.quantity[line] as number;
      if (isReturn) returned[item] = (returned[item] as number) + q;
      else {
        bought[item] = (bought[item] as number) + q;
        const w = Math.exp(-decay * Math.max(0, o.referenceDay - day));
        weight[item] = (weight[item] as number) + w;
        if (w > (last[item] as number)) last[item] = w;
      }
    }
    for (const item of touched) {
      const b = bought[item] as number;
      const kept = b > 0 ? 1 - Math.min(1, (returned[item] as number) / b) : 0;
      if (kept > 0) {
        outIndices.push(item);
        outWeight.push((weight[item] as number) * kept);
        outLast.push((last[item] as number) * kept);
      }
      bought[item] = 0;
      returned[item] = 0;
      weight[item] = 0;
      last[item] = 0;
      seen[item] = 0;
    }
    indptr[u + 1] = outIndices.length;
  }
  return { users: nUsers, items: nItems, indptr, indices: Int32Array.from(outIndices), weight: Float32Array.from(outWeight), last: Float32Array.from(outLast) };
}

/** The same matrix by product (columns as rows), for the item side of alternating least squares. */
export function transpose(m: UserItemMatrix): UserItemMatrix {
  const indptr = new Int32Array(m.items + 1);
  for (let k = 0; k < m.indices.length; k++) {
    const i = (m.indices[k] as number) + 1;
    indptr[i] = (indptr[i] as number) + 1;
  }
  for (let i = 0; i < m.items; i++) indptr[i + 1] = (indptr[i + 1] as number) + (indptr[i] as number);
  const fill = indptr.slice(0, m.items);
  const indices = new Int32Array(m.indices.length);
  const weight = new Float32Array(m.indices.length);
  const last = new Float32Array(m.indices.length);
  for (let u = 0; u < m.users; u++) {
    for (let k = m.indptr[u] as number; k < (m.indptr[u + 1] as number); k++) {
      const i = m.indices[k] as number;
      const at = fill[i] as number;
      fill[i] = at + 1;
      indices[at] = u;
      weight[at] = m.weight[k] as number;
      last[at] = m.last[k] as number;
    }
  }
  return { users: m.items, items: m.users, indptr, indices, weight, last };
}

/** Distinct buyers of each product in the matrix (the popularity baseline). */
export function buyersPerItem(m: UserItemMatrix): Float64Array {
  const buyers = new Float64Array(m.items);
  for (let k = 0; k < m.indices.length; k++) {
    const i = m.indices[k] as number;
    buyers[i] = (buyers[i] as number) + 1;
  }
  return buyers;
}
