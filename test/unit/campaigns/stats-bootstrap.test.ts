import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { bootstrapDifferenceInterval, bootstrapMeanInterval } from '../../../src/engine/campaigns/stats';
import { createRng, logNormal } from '../../../src/engine/kernel/random';

/** Revenue per recipient: most spend nothing, a few spend a log-normal amount. */
function revenues(recipients: number, spendShare: number, seed: number): Float64Array {
  const rng = createRng(seed, 99);
  return Float64Array.from({ length: recipients }, () => (rng() < spendShare ? logNormal(rng, 3, 0.8) : 0));
}

const meanOf = (values: Float64Array): number => values.reduce((sum, v) => sum + v, 0) / values.length;
const sdOf = (values: Float64Array): number => {
  const mean = meanOf(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
};

/** The textbook bootstrap, n draws with replacement per resample, to check the shortcut against. */
function naiveBootstrap(values: Float64Array, resamples: number, seed: number): { low: number; high: number; sd: number } {
  const rng = createRng(seed, 7);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(rng() * values.length)] as number;
    means[r] = sum / values.length;
  }
  means.sort();
  const at = (q: number): number => means[Math.round((resamples - 1) * q)] as number;
  return { low: at(0.025), high: at(0.975), sd: sdOf(means) };
}

describe('bootstrapMeanInterval', () => {
  // 5% spenders of 3,000 takes the exact binomial draw; 10% of 20,000 and 80% of 500 the normal one and the
  // complement; each interval should match the naive bootstrap within its own sampling noise (≈ 0.06 sd here).
  it.each([
    [3000, 0.05],
    [20_000, 0.1],
    [500, 0.8],
  ])('matches a naive full bootstrap on %i recipients with %f spending', (recipients, share) => {
    const values = revenues(recipients, share, 1);
    const naive = naiveBootstrap(values, 4000, 2);
    const fast = bootstrapMeanInterval(values, { resamples: 4000, seed: 3 });
    expect(fast.mean).toBeCloseTo(meanOf(values), 10);
    expect(Math.abs(fast.low - naive.low)).toBeLessThan(0.25 * naive.sd);
    expect(Math.abs(fast.high - naive.high)).toBeLessThan(0.25 * naive.sd);
    // And both agree with the textbook standard error s / √n.
    expect(naive.sd / (sdOf(values) / Math.sqrt(recipients))).toBeCloseTo(1, 1);
  });

  it('handles 1,000,000 recipients with 2% spending: the interval has the width the standard error predicts', () => {
    const values = revenues(1_000_000, 0.02, 4);
    const result = bootstrapMeanInterval(values, { seed: 5 });
    const se = sdOf(values) / Math.sqrt(values.length);
    expect(result.mean).toBeCloseTo(meanOf(values), 8);
    expect(result.low).toBeLessThan(result.mean);
    expect(result.high).toBeGreaterThan(result.mean);
    expect((result.high - result.low) / (2 * 1.959963984540054 * se)).toBeCloseTo(1, 1);
  });

  it('is deterministic by seed', () => {
    const values = revenues(2000, 0.1, 6);
    expect(bootstrapMeanInterval(values, { seed: 8 })).toEqual(bootstrapMeanInterval(Array.from(values), { seed: 8 }));
    expect(bootstrapMeanInterval(values, { seed: 8 })).not.toEqual(bootstrapMeanInterval(values, { seed: 9 }));
  });

  it('gives [0, 0] when nobody spent anything', () => {
    expect(bootstrapMeanInterval(new Float64Array(10_000), { seed: 1 })).toEqual({ mean: 0, low: 0, high: 0 });
  });

  it('narrows with a lower confidence', () => {
    const values = revenues(5000, 0.05, 10);
    const wide = bootstrapMeanInterval(values, { seed: 1, confidence: 0.95 });
    const narrow = bootstrapMeanInterval(values, { seed: 1, confidence: 0.8 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  it('refuses no recipients, a non-finite revenue and a fractional resample count', () => {
    expect(() => bootstrapMeanInterval([], { seed: 1 })).toThrow(AppError);
    expect(() => bootstrapMeanInterval([0, Number.NaN], { seed: 1 })).toThrow(AppError);
    expect(() => bootstrapMeanInterval([1, 0], { seed: 1, resamples: 10.5 })).toThrow(AppError);
  });
});

describe('bootstrapDifferenceInterval', () => {
  it('centres on treatment minus control with the width of the two standard errors combined', () => {
    const control = revenues(200_000, 0.03, 11);
    const treatment = revenues(200_000, 0.036, 12);
    const result = bootstrapDifferenceInterval(control, treatment, { seed: 13 });
    expect(result.difference).toBeCloseTo(meanOf(treatment) - meanOf(control), 10);
    const se = Math.sqrt(sdOf(control) ** 2 / control.length + sdOf(treatment) ** 2 / treatment.length);
    expect((result.high - result.low) / (2 * 1.959963984540054 * se)).toBeCloseTo(1, 1);
    expect(result.low).toBeLessThan(result.difference);
    expect(result.high).toBeGreaterThan(result.difference);
  });

  it('includes zero when both groups are the same people', () => {
    const values = revenues(50_000, 0.05, 14);
    const result = bootstrapDifferenceInterval(values, values, { seed: 15 });
    expect(result.difference).toBe(0);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
  });

  it('is deterministic by seed and gives [0, 0] for two groups of non-spenders', () => {
    const control = revenues(3000, 0.05, 16);
    const treatment = revenues(3000, 0.07, 17);
    expect(bootstrapDifferenceInterval(control, treatment, { seed: 2 })).toEqual(
      bootstrapDifferenceInterval(control, treatment, { seed: 2 }),
    );
    expect(bootstrapDifferenceInterval(new Float64Array(100), new Float64Array(50), { seed: 2 })).toEqual({
      difference: 0,
      low: 0,
      high: 0,
    });
  });
});
