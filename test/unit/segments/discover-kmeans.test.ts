import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/ml/folds';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { KMEANS_DEFAULTS, kMeans, sampleIndices, silhouettes } from '../../../src/engine/segments/discover-kmeans';

// K-means and the silhouette on synthetic data whose clusters are known: Gaussian blobs far apart.
let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

/** `k` spherical blobs of `per` points in `d` dimensions, centres `spread` apart on random axes, sd 1. */
function blobs(k: number, per: number, d: number, spread: number, seed: number): { points: Float32Array; truth: Int32Array } {
  const rng = createRng(seed, 1);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => (rng() - 0.5) * 2 * spread));
  const points = new Float32Array(k * per * d);
  const truth = new Int32Array(k * per);
  for (let i = 0; i < k * per; i++) {
    // Interleaved, so the order of the rows says nothing about the clusters.
    const c = i % k;
    truth[i] = c;
    for (let j = 0; j < d; j++) points[i * d + j] = (centres[c] as number[])[j] as number + normal();
  }
  return { points, truth };
}

/** Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for chance agreement. */
function adjustedRand(a: Int32Array, b: Int32Array): number {
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  a.forEach((x, i) => {
    const y = b[i] as number;
    table.set(`${x}:${y}`, (table.get(`${x}:${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, n) => s + pairs(n), 0);
  const rowSum = [...rows.values()].reduce((s, n) => s + pairs(n), 0);
  const colSum = [...cols.values()].reduce((s, n) => s + pairs(n), 0);
  const expected = (rowSum * colSum) / pairs(a.length);
  return (index - expected) / ((rowSum + colSum) / 2 - expected);
}

describe('k-means on well-separated blobs', () => {
  it('recovers the blobs, and the silhouette over 2…8 picks the true k', () => {
    for (const trueK of [3, 5]) {
      const { points, truth } = blobs(trueK, 300, 6, 10, trueK);
      const n = truth.length;
      const x = tf.tensor2d(points, [n, 6]);
      const fits = [2, 3, 4, 5, 6, 7, 8].map((k) => kMeans(tf, x, { k, seed: 1, ...KMEANS_DEFAULTS }));
      const sample = sampleIndices(n, 500, 1);
      const sampleX = tf.gather(x, tf.tensor1d(sample, 'int32')) as typeof x;
      const scores = silhouettes(tf, sampleX, fits.map((f) => ({ k: f.k, labels: Int32Array.from(sample, (i) => f.labels[i] as number) })));
      sampleX.dispose();
      x.dispose();

      const best = fits[scores.indexOf(Math.max(...scores))];
      expect(best?.k).toBe(trueK);
      expect(adjustedRand(best?.labels ?? new Int32Array(), truth)).toBeGreaterThan(0.98);
      // Well separated: the silhouette is high at the true k.
      expect(Math.max(...scores)).toBeGreaterThan(0.6);
      expect(best?.sizes.reduce((s, v) => s + v, 0)).toBe(n);
    }
  });

  it('keeps the lowest inertia of its restarts, and more restarts never do worse', () => {
    const { points } = blobs(6, 120, 4, 4, 9);
    const x = tf.tensor2d(points, [720, 4]);
    const one = kMeans(tf, x, { k: 6, seed: 3, ...KMEANS_DEFAULTS, restarts: 1 });
    const four = kMeans(tf, x, { k: 6, seed: 3, ...KMEANS_DEFAULTS, restarts: 4 });
    x.dispose();
    // Restart 0 is the same start in both, so four restarts can only match or beat it.
    expect(four.inertia).toBeLessThanOrEqual(one.inertia + 1e-3);
    // Inertia is what it says: the summed squared distance to the assigned centre.
    let inertia = 0;
    four.labels.forEach((c, i) => {
      for (let j = 0; j < 4; j++) inertia += ((points[i * 4 + j] as number) - (four.centres[c * 4 + j] as number)) ** 2;
    });
    expect(four.inertia).toBeCloseTo(inertia, 0);
  });

  it('is deterministic by seed and frees every tensor it makes', () => {
    const { points } = blobs(4, 200, 5, 3, 11);
    const x = tf.tensor2d(points, [800, 5]);
    const before = tf.memory().numTensors;
    const a = kMeans(tf, x, { k: 4, seed: 42, ...KMEANS_DEFAULTS });
    const b = kMeans(tf, x, { k: 4, seed: 42, ...KMEANS_DEFAULTS });
    const c = kMeans(tf, x, { k: 4, seed: 43, ...KMEANS_DEFAULTS, restarts: 1 });
    silhouettes(tf, x, [{ k: 4, labels: a.labels }]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.centres)).toEqual(Array.from(b.centres));
    expect(c.labels).toHaveLength(800);
  });

  it('computes the silhouette as its definition on a hand-checkable case', () => {
    // Two pairs on a line: {0, 1} and {10, 11}. For 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5.
    const x = tf.tensor2d([0, 1, 10, 11], [4, 1]);
    const [score] = silhouettes(tf, x, [{ k: 2, labels: Int32Array.from([0, 0, 1, 1]) }]);
    x.dispose();
    const s0 = 9.5 / 10.5; // point 0
    const s1 = (9.5 - 1) / 9.5; // point 1: a = 1, b = (9 + 10) / 2
    expect(score).toBeCloseTo((s0 + s1 + s1 + s0) / 4, 5);
  });

  it('samples without replacement, sorted, the same for the same seed', () => {
    const s = sampleIndices(10_000, 500, 7);
    expect(new Set(s).size).toBe(500);
    expect(Array.from(s)).toEqual([...s].sort((p, q) => p - q));
    expect(Array.from(sampleIndices(10_000, 500, 7))).toEqual(Array.from(s));
    expect(Array.from(sampleIndices(10_000, 500, 8))).not.toEqual(Array.from(s));
    expect(sampleIndices(30, 500, 1)).toHaveLength(30);
  });
});
