import { describe, expect, it } from 'vitest';
import { digamma, fitVgm, vgmResponsibilities } from '../../../src/engine/synth/gan/vgm';
import { seeded } from '../seeded';

/** Box–Muller normals from the seeded generator. */
function normals(n: number, mean: number, sd: number, random: () => number): number[] {
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe('variational Gaussian mixture (mode-specific normalisation)', () => {
  it('digamma matches known values', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649, 9);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260, 9);
    expect(digamma(10)).toBeCloseTo(2.2517525891, 9);
  });

  it('recovers two well separated modes with their weights, means and spreads', () => {
    const random = seeded(7);
    const values = [...normals(700, 10, 1, random), ...normals(300, 50, 2, random)];
    const vgm = fitVgm(values, { seed: 3 });
    expect(vgm.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 10);
    // The Dirichlet process switches the spare components off: the two real modes carry nearly all the weight.
    const order = vgm.means.map((m, i) => i).sort((a, b) => (vgm.weights[b] as number) - (vgm.weights[a] as number));
    const [first, second] = order as [number, number];
    expect((vgm.weights[first] as number) + (vgm.weights[second] as number)).toBeGreaterThan(0.97);
    const low = (vgm.means[first] as number) < (vgm.means[second] as number) ? first : second;
    const high = low === first ? second : first;
    expect(vgm.means[low]).toBeCloseTo(10, 0);
    expect(vgm.means[high]).toBeCloseTo(50, 0);
    expect(vgm.weights[low]).toBeGreaterThan(0.66);
    expect(vgm.weights[low]).toBeLessThan(0.74);
    // The priors (as scikit-learn's: scale = the column's variance with one degree of freedom, mean = the column's
    // mean) widen a tight mode: σ² = (σ²_data + n·s² + n/(n+1)·(x̄_k − x̄)²)/(n + 1). Sample: σ_data = 18.40,
    // s = 0.986 and 1.872, x̄ = 22.0: σ_low = √((338.7 + 680.9 + 143.8)/701) = 1.288, σ_high = √((338.7 + 1051 + 772)/301) = 2.68.
    expect(vgm.stds[low]).toBeCloseTo(1.288, 2);
    expect(vgm.stds[high]).toBeCloseTo(2.68, 1);
    // A value at 50 belongs to the high mode.
    const r = vgmResponsibilities(vgm, 50);
    expect(r[high]).toBeGreaterThan(0.99);
  });

  it('every kept weight is at least the threshold and the same seed gives the same fit', () => {
    const random = seeded(11);
    const values = [...normals(400, 0, 1, random), ...normals(400, 8, 1, random), ...normals(200, 20, 3, random)];
    const a = fitVgm(values, { seed: 5, maxValues: 500 });
    const b = fitVgm(values, { seed: 5, maxValues: 500 });
    expect(a).toEqual(b);
    for (const w of a.weights) expect(w).toBeGreaterThanOrEqual(0.005);
    expect(a.weights.length).toBeLessThanOrEqual(10);
  });

  it('a constant column is one mode; missing values are skipped; no values at all still gives one mode', () => {
    expect(fitVgm(new Float64Array(50).fill(3))).toEqual({ weights: [1], means: [3], stds: [1] });
    const withGaps = Float64Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? Number.NaN : i % 2 === 0 ? 1 : 100));
    const vgm = fitVgm(withGaps);
    expect(vgm.means.every(Number.isFinite)).toBe(true);
    expect(vgm.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 10);
    expect(fitVgm([Number.NaN, Number.NaN])).toEqual({ weights: [1], means: [0], stds: [1] });
  });
});
