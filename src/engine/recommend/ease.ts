import type { UserItemMatrix } from './interactions';

/**
 * EASE (Steck 2019, "Embarrassingly shallow autoencoders for sparse data"): item-item weights in closed form,
 * P = (XᵀX + λI)⁻¹, B = I − P·diag(1/diag(P)) with a zero diagonal, so a product is never explained by itself.
 * The inverse is items × items, so only the `maxItems` products with the most buyers (at least `minBuyers`) take part;
 * the others are left to the popularity fallback.
 */
export type EaseConfig = { regularization: number; maxItems: number; minBuyers: number };

export type EaseModel = {
  /** Column of the full item index for each model item. */
  items: Int32Array;
  /** B, row-major (modelItems × modelItems): score of item j given item i is B[i·n + j]. */
  weights: Float32Array;
  /** Position of each full-index product in the model, -1 when it is not in it. */
  position: Int32Array;
};

/** Which products take part: the most bought, at least `minBuyers` each. */
export function chooseEaseItems(m: UserItemMatrix, config: EaseConfig): Int32Array {
  const buyers = new Float64Array(m.items);
  for (let t = 0; t < m.indices.length; t++) {
    const i = m.indices[t] as number;
    buyers[i] = (buyers[i] as number) + 1;
  }
  const order = Array.from({ length: m.items }, (_, i) => i).filter((i) => (buyers[i] as number) >= config.minBuyers);
  order.sort((a, b) => (buyers[b] as number) - (buyers[a] as number) || a - b);
  return Int32Array.from(order.slice(0, config.maxItems).sort((a, b) => a - b));
}

export function trainEase(m: UserItemMatrix, config: EaseConfig, checkCancelled?: () => void): EaseModel {
  const items = chooseEaseItems(m, config);
  const n = items.length;
  const local = new Int32Array(m.items).fill(-1);
  items.forEach((item, j) => {
    local[item] = j;
  });
  // G = XᵀX + λI with X the recency weight of each customer's latest purchase of a product.
  const g = new Float64Array(n * n);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let u = 0; u < m.users; u++) {
    cols.length = 0;
    vals.length = 0;
    for (let t = m.indptr[u] as number; t < (m.indptr[u + 1] as number); t++) {
      const j = local[m.indices[t] as number] as number;
      if (j >= 0) {
        cols.push(j);
        vals.push(m.last[t] as number);
      }
    }
    for (let a = 0; a < cols.length; a++) {
      const row = (cols[a] as number) * n;
      const va = vals[a] as number;
      for (let b = 0; b < cols.length; b++) g[row + (cols[b] as number)] = (g[row + (cols[b] as number)] as number) + va * (vals[b] as number);
    }
  }
  for (let j = 0; j < n; j++) g[j * n + j] = (g[j * n + j] as number) + config.regularization;
  checkCancelled?.();
  invertSymmetricInPlace(g, n, checkCancelled);
  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) weights[i * n + j] = i === j ? 0 : -(g[i * n + j] as number) / (g[j * n + j] as number);
  }
  return { items, weights, position: local };
}

/**
 * Inverts a symmetric positive-definite matrix in place with the sweep operator (Goodnight 1979) applied a block of
 * pivots at a time: per block, the block's own inverse, then one rank-b update of every other row, so each row is
 * read from memory once per block rather than once per pivot (the unblocked form is limited by memory, not
 * arithmetic). Sweeping every pivot leaves −A⁻¹, which is negated at the end. No pivoting is needed for SPD matrices.
 */
export function invertSymmetricInPlace(a: Float64Array, n: number, checkCancelled?: () => void, block = 32): void {
  for (let k0 = 0; k0 < n; k0 += block) {
    checkCancelled?.();
    const b = Math.min(block, n - k0);
    // The block's rows (b × n) and the inverse of its diagonal block (b × b), by sweeping it on its own.
    const panel = a.slice(k0 * n, (k0 + b) * n);
    const inv = new Float64Array(b * b);
    for (let s = 0; s < b; s++) for (let t = 0; t < b; t++) inv[s * b + t] = panel[s * n + k0 + t] as number;
    sweepSmall(inv, b);
    // C = A[:, K]·A_KK⁻¹ for every row (the sweep leaves −A_KK⁻¹ in `inv`).
    const c = new Float64Array(b);
    for (let i = 0; i < n; i++) {
      if (i >= k0 && i < k0 + b) continue;
      const row = i * n;
      for (let t = 0; t < b; t++) {
        let sum = 0;
        for (let s = 0; s < b; s++) sum -= (a[row + k0 + s] as number) * (inv[s * b + t] as number);
        c[t] = sum;
      }
      let t = 0;
      for (; t + 3 < b; t += 4) {
        const f0 = c[t] as number;
        const f1 = c[t + 1] as number;
        const f2 = c[t + 2] as number;
        const f3 = c[t + 3] as number;
        const p0 = t * n;
        const p1 = p0 + n;
        const p2 = p1 + n;
        const p3 = p2 + n;
        for (let j = 0; j < n; j++) {
          a[row + j] = (a[row + j] as number) - f0 * (panel[p0 + j] as number) - f1 * (panel[p1 + j] as number) - f2 * (panel[p2 + j] as number) - f3 * (panel[p3 + j] as number);
        }
      }
      for (; t < b; t++) {
        const f = c[t] as number;
        const p = t * n;
        for (let j = 0; j < n; j++) a[row + j] = (a[row + j] as number) - f * (panel[p + j] as number);
      }
      for (let s = 0; s < b; s++) a[row + k0 + s] = c[s] as number;
    }
    // The block's rows: A_KR ← A_KK⁻¹·A_KR, A_KK ← −A_KK⁻¹.
    for (let s = 0; s < b; s++) {
      const row = (k0 + s) * n;
      for (let j = 0; j < n; j++) {
        if (j >= k0 && j < k0 + b) {
          a[row + j] = inv[s * b + (j - k0)] as number;
          continue;
        }
        let sum = 0;
        for (let t = 0; t < b; t++) sum -= (inv[s * b + t] as number) * (panel[t * n + j] as number);
        a[row + j] = sum;
      }
    }
  }
  for (let i = 0; i < n * n; i++) a[i] = -(a[i] as number);
}

/** The plain sweep of every pivot of a small dense symmetric matrix: leaves −A⁻¹. */
function sweepSmall(a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const d = a[k * n + k] as number;
    if (!(d > 0)) throw new Error(`matrix is not positive definite at pivot ${k}`);
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = (a[i * n + k] as number) / d;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) if (j !== k) a[i * n + j] = (a[i * n + j] as number) - f * (a[k * n + j] as number);
    }
    for (let j = 0; j < n; j++) {
      if (j === k) continue;
      a[k * n + j] = (a[k * n + j] as number) / d;
      a[j * n + k] = (a[j * n + k] as number) / d;
    }
    a[k * n + k] = -1 / d;
  }
}

/** Scores of every product (full item index) for one customer's row of the matrix; products outside the model get -∞. */
export function easeScores(model: EaseModel, m: UserItemMatrix, user: number, out: Float64Array): void {
  out.fill(Number.NEGATIVE_INFINITY);
  const n = model.items.length;
  const acc = new Float64Array(n);
  for (let t = m.indptr[user] as number; t < (m.indptr[user + 1] as number); t++) {
    const i = model.position[m.indices[t] as number] as number;
    if (i < 0) continue;
    const v = m.last[t] as number;
    const row = i * n;
    for (let j = 0; j < n; j++) acc[j] = (acc[j] as number) + v * (model.weights[row + j] as number);
  }
  for (let j = 0; j < n; j++) out[model.items[j] as number] = acc[j] as number;
}

