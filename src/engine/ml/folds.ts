import { AppError } from '../../shared/errors';
import { createRng, type Rng } from '../kernel/random';

export { createRng, type Rng };

/** Shuffles in place (Fisher–Yates) with a seeded generator. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = items[i] as number;
    items[i] = items[j] as number;
    items[j] = t;
  }
  return items;
}

/** The positions 0..n-1 in a seeded random order. */
export const permutation = (n: number, rng: Rng): Int32Array => shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), rng);

function classIndices(y: Uint8Array): [number[], number[]] {
  const neg: number[] = [];
  const pos: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? pos : neg).push(i);
  return [neg, pos];
}

/**
 * Stratified k-fold assignment: each class is shuffled (seeded) and dealt round-robin, so every fold holds the
 * same share of positives (±1). Returns the fold (0..k-1) of every row.
 */
export function stratifiedFolds(y: Uint8Array, k: number, seed: number): Uint8Array {
  const [neg, pos] = classIndices(y);
  if (pos.length < k || neg.length < k) {
    throw new AppError(
      'bad-input',
      `${k}-fold cross-validation needs at least ${k} rows of each outcome; there are ${pos.length} positive and ${neg.length} negative rows. Use fewer folds or more rows.`,
      { field: 'folds' },
    );
  }
  const rng = createRng(seed, 101);
  const fold = new Uint8Array(y.length);
  let next = 0;
  for (const group of [pos, neg]) {
    const order = shuffleInPlace(Int32Array.from(group), rng);
    // Continue the round-robin across classes so that fold sizes differ by at most one.
    for (const row of order) fold[row] = next++ % k;
  }
  return fold;
}

/** Rows of the given fold (test) and of the other folds (train), in row order. */
export function foldRows(fold: Uint8Array, k: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === k ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * A stratified hold-out split: `fraction` of each class (at least one row of each when possible) is held out.
 * Positions refer to the given labels.
 */
export function stratifiedSplit(y: Uint8Array, fraction: number, rng: Rng): { train: Int32Array; validation: Int32Array } {
  const train: number[] = [];
  const validation: number[] = [];
  for (const group of classIndices(y)) {
    const order = shuffleInPlace(Int32Array.from(group), rng);
    const held = fraction <= 0 ? 0 : Math.min(order.length - 1, Math.max(1, Math.round(order.length * fraction)));
    order.forEach((row, i) => (i < held ? validation : train).push(row));
  }
  const byRow = (a: number, b: number): number => a - b;
  return { train: Int32Array.from(train.sort(byRow)), validation: Int32Array.from(validation.sort(byRow)) };
}
