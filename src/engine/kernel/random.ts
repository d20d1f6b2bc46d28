/**
 * Seeded randomness for the whole engine (the demo shop, cross-validation folds, bootstraps, campaign arms, copy
 * variants): a small PRNG of our own (sfc32, seeded through splitmix32) and the samplers drawn from it. Our own
 * generator, not Math.random or a library, so that one seed gives byte-identical results (a demo shop, a model's
 * folds) on every machine and every release of our dependencies.
 */

/** A uniform random number in [0, 1) with 32 bits of resolution. */
export type Rng = () => number;

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads a small seed over 32 bits so that neighbouring seeds give unrelated streams. */
function splitmix32(state: number): { value: number; state: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { value: (z ^ (z >>> 16)) >>> 0, state: next };
}

/**
 * A sfc32 generator for (seed, stream). Different streams of one seed are independent, so the parts of the
 * demo (catalogue, people, behaviour, text) can each change without shifting the others.
 */
export function createRng(seed: number, stream = 0): Rng {
  let sm = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) | 0);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    sm = splitmix32(sm.state);
    words.push(sm.value);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next: Rng = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / TWO_POW_32;
  };
  // The first outputs of a freshly seeded sfc32 are still correlated with the seed.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A uniform number in (0, 1]: safe under a logarithm. */
const openUniform = (rng: Rng): number => 1 - rng();

export const uniform = (rng: Rng, low: number, high: number): number => low + (high - low) * rng();

/** A whole number from low to high, both included. */
export const integer = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

export const bernoulli = (rng: Rng, p: number): boolean => rng() < p;

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

/** Exponential waiting time with the given rate (mean 1 / rate). */
export const exponential = (rng: Rng, rate: number): number => -Math.log(openUniform(rng)) / rate;

/** Normal by Box–Muller; one value per call (no cached twin) keeps the stream's position easy to reason about. */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u = openUniform(rng);
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export const logNormal = (rng: Rng, mu: number, sigma: number): number => Math.exp(normal(rng, mu, sigma));

/** Gamma(shape, scale) by Marsaglia and Tsang (2000); shapes below 1 through the U^(1/shape) boost. */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (!(shape > 0) || !(scale > 0)) throw new Error(`gamma needs positive shape and scale, got ${shape}, ${scale}`);
  if (shape < 1) return gamma(rng, shape + 1, scale) * Math.pow(openUniform(rng), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/** Dirichlet(alphas): normalised independent gammas. */
export function dirichlet(rng: Rng, alphas: readonly number[]): number[] {
  const draws = alphas.map((alpha) => gamma(rng, alpha));
  const total = draws.reduce((sum, x) => sum + x, 0);
  return draws.map((x) => x / total);
}

/** Poisson(mean): Knuth's product method for small means, Hörmann's PTRS (1993) above 10. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0)) throw new Error(`poisson needs a non-negative mean, got ${mean}`);
  if (mean === 0) return 0;
  return mean < 10 ? poissonSmall(rng, mean) : poissonPtrs(rng, mean);
}

function poissonSmall(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng();
  while (product > limit) {
    k++;
    product *= rng();
  }
  return k;
}

function poissonPtrs(rng: Rng, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng() - 0.5;
    const v = openUniform(rng);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
      return k;
    }
  }
}

/** log(k!) exactly for small k, by Stirling's series (error below 1e-10 from k = 10) above. */
export function logFactorial(k: number): number {
  if (k < 10) {
    let product = 1;
    for (let i = 2; i <= k; i++) product *= i;
    return Math.log(product);
  }
  const n = k + 1;
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n * n * n);
}

/** Running totals of non-negative weights, for `weightedIndex`. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new Error(`weights must be non-negative, got ${w}`);
    total += w;
    out[i] = total;
  });
  if (!(total > 0)) throw new Error('weights must not all be zero');
  return out;
}

/** An index drawn with probability proportional to its weight (binary search over running totals). */
export function weightedIndex(rng: Rng, cumulative: Float64Array): number {
  const target = rng() * (cumulative[cumulative.length - 1] as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((cumulative[mid] as number) > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** A weighted choice among items: `choice(rng, table)` with a table built once by `weightedTable`. */
export type WeightedTable<T> = { items: readonly T[]; cumulative: Float64Array };

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  return { items: entries.map(([item]) => item), cumulative: cumulativeWeights(entries.map(([, w]) => w)) };
}

export const choice = <T>(rng: Rng, table: WeightedTable<T>): T =>
  table.items[weightedIndex(rng, table.cumulative)] as T;

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
