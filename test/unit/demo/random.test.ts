import { describe, expect, it } from 'vitest';
import {
  beta,
  createRng,
  cumulativeWeights,
  dirichlet,
  exponential,
  gamma,
  logFactorial,
  normal,
  poisson,
  uniform,
  weightedIndex,
  type Rng,
} from '../../../src/engine/kernel/random';

const N = 200_000;

/** Sample mean and variance with the standard errors of each (the latter from the sample's fourth moment). */
function moments(draw: () => number, n = N): { mean: number; variance: number; seMean: number; seVariance: number } {
  const xs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] = draw();
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  return { mean, variance, seMean: Math.sqrt(variance / n), seVariance: Math.sqrt((m4 / n - variance ** 2) / n) };
}

/** Mean and variance each within five standard errors of theory: fails for a wrong sampler, not by bad luck. */
function expectMoments(draw: () => number, mean: number, variance: number): void {
  const m = moments(draw);
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * m.seMean);
  expect(Math.abs(m.variance - variance)).toBeLessThan(5 * m.seVariance);
}

const rngFor = (stream: number): Rng => createRng(20240611, stream);

describe('createRng', () => {
  it('repeats a sequence for the same seed and stream', () => {
    const a = createRng(42, 3);
    const b = createRng(42, 3);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
  });

  it('gives unrelated sequences for neighbouring seeds and streams', () => {
    const first = (rng: Rng): number[] => Array.from({ length: 20 }, () => rng());
    const base = first(createRng(42, 0));
    expect(first(createRng(43, 0))).not.toEqual(base);
    expect(first(createRng(42, 1))).not.toEqual(base);
    // Neighbouring seeds must not give correlated first draws.
    const firsts = Array.from({ length: 5000 }, (_, seed) => createRng(seed)());
    const m = firsts.reduce((s, x) => s + x, 0) / firsts.length;
    expect(Math.abs(m - 0.5)).toBeLessThan(0.02);
  });

  it('stays in [0, 1) with uniform mean and variance', () => {
    const rng = rngFor(1);
    let min = 1;
    let max = 0;
    expectMoments(
      () => {
        const x = rng();
        min = Math.min(min, x);
        max = Math.max(max, x);
        return x;
      },
      0.5,
      1 / 12,
    );
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });
});

describe('samplers match their theoretical moments', () => {
  it('uniform(low, high)', () => {
    const rng = rngFor(2);
    expectMoments(() => uniform(rng, 2, 5), 3.5, 9 / 12);
  });

  it('normal(mean, sd)', () => {
    const rng = rngFor(3);
    expectMoments(() => normal(rng, 2, 3), 2, 9);
  });

  it('exponential(rate)', () => {
    const rng = rngFor(4);
    expectMoments(() => exponential(rng, 2), 0.5, 0.25);
  });

  it.each([
    [0.3, 1 / 0.07],
    [0.9, 1],
    [1, 2],
    [5, 0.5],
    [40, 0.1],
  ])('gamma(shape %d, scale %d): mean kθ, variance kθ²', (shape, scale) => {
    const rng = rngFor(5);
    expectMoments(() => gamma(rng, shape, scale), shape * scale, shape * scale * scale);
  });

  it.each([
    [0.9, 2.2],
    [8, 2],
    [0.5, 0.5],
  ])('beta(%d, %d)', (a, b) => {
    const rng = rngFor(6);
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expectMoments(() => beta(rng, a, b), mean, variance);
  });

  it.each([0.75, 3.5, 9.9, 10, 40, 1000])('poisson(%d): mean and variance equal the rate', (rate) => {
    const rng = rngFor(7);
    expectMoments(() => poisson(rng, rate), rate, rate);
  });

  it('poisson(3.5) has the right chance of zero and only whole values', () => {
    const rng = rngFor(8);
    let zeros = 0;
    let odd = 0;
    for (let i = 0; i < N; i++) {
      const k = poisson(rng, 3.5);
      if (!Number.isInteger(k) || k < 0) odd++;
      if (k === 0) zeros++;
    }
    expect(odd).toBe(0);
    const p = Math.exp(-3.5);
    expect(Math.abs(zeros / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
  });

  it('poisson(40) follows the Poisson probabilities value by value (the PTRS branch)', () => {
    const rng = rngFor(11);
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = poisson(rng, 40);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (let k = 20; k <= 60; k++) {
      const p = Math.exp(-40 + k * Math.log(40) - logFactorial(k));
      expect(Math.abs((counts.get(k) ?? 0) / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-5);
    }
  });

  it('dirichlet(alphas): components sum to 1, with mean αᵢ/α₀ and variance αᵢ(α₀ − αᵢ)/(α₀²(α₀ + 1))', () => {
    const rng = rngFor(9);
    const alphas = [0.66, 0.42, 0.39, 0.36, 0.3, 0.3, 0.24, 0.33];
    const total = alphas.reduce((s, a) => s + a, 0);
    const draws = Array.from({ length: 50_000 }, () => dirichlet(rng, alphas));
    for (const d of draws.slice(0, 100)) expect(d.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    alphas.forEach((alpha, i) => {
      const xs = draws.map((d) => d[i] as number);
      let k = 0;
      const m = moments(() => xs[k++] as number, xs.length);
      expect(Math.abs(m.mean - alpha / total)).toBeLessThan(5 * m.seMean);
      expect(Math.abs(m.variance - (alpha * (total - alpha)) / (total ** 2 * (total + 1)))).toBeLessThan(5 * m.seVariance);
    });
  });
});

describe('weighted choice', () => {
  it('picks each index in proportion to its weight, never a zero weight', () => {
    const rng = rngFor(10);
    const weights = [5, 0, 1, 3, 0.5, 0.5];
    const cumulative = cumulativeWeights(weights);
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[weightedIndex(rng, cumulative)]! += 1;
    expect(counts[1]).toBe(0);
    weights.forEach((w, i) => {
      const p = w / 10;
      expect(Math.abs((counts[i] as number) / N - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / N));
    });
  });

  it('refuses weights that cannot be drawn from', () => {
    expect(() => cumulativeWeights([0, 0])).toThrow();
    expect(() => cumulativeWeights([1, -1])).toThrow();
  });
});

describe('logFactorial', () => {
  it('matches the exact value for small and large k', () => {
    let exact = 0;
    for (let k = 0; k <= 170; k++) {
      if (k > 0) exact += Math.log(k);
      expect(logFactorial(k)).toBeCloseTo(exact, 8);
    }
  });
});
