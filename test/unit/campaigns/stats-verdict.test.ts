import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import {
  experimentVerdict,
  minimumDetectableEffect,
  sampleRatioMismatch,
  type VerdictComparison,
  type VerdictInput,
} from '../../../src/engine/campaigns/stats';

// SRM references from Debian's python3 on this machine (scipy 1.10.1), each with its call.
describe('sampleRatioMismatch', () => {
  it('flags 5,500 / 4,500 against a 50/50 plan', () => {
    // scipy.stats.chisquare([5500, 4500]) → statistic 100.0, pvalue 1.5239706048320995e-23
    const check = sampleRatioMismatch([5500, 4500], [0.5, 0.5]);
    expect(check.chiSquare).toBeCloseTo(100, 10);
    expect(check.df).toBe(1);
    expect(check.pValue / 1.5239706048320995e-23).toBeCloseTo(1, 8);
    expect(check.mismatch).toBe(true);
  });

  it('accepts 5,030 / 4,970 against 50/50, with the plan given in any units', () => {
    // scipy.stats.chisquare([5030, 4970]) → statistic 0.36, pvalue 0.5485062355001471
    for (const shares of [[0.5, 0.5], [1, 1], [50, 50]]) {
      const check = sampleRatioMismatch([5030, 4970], shares);
      expect(check.chiSquare).toBeCloseTo(0.36, 10);
      expect(check.pValue).toBeCloseTo(0.5485062355001471, 10);
      expect(check.mismatch).toBe(false);
    }
  });

  it('checks three groups against an uneven plan', () => {
    // scipy.stats.chisquare([3400, 3300, 3300], f_exp=[4000, 3000, 3000]) → 150.0, 2.678636961808087e-33
    const skewed = sampleRatioMismatch([3400, 3300, 3300], [0.4, 0.3, 0.3]);
    expect(skewed.chiSquare).toBeCloseTo(150, 10);
    expect(skewed.df).toBe(2);
    expect(skewed.pValue / 2.678636961808087e-33).toBeCloseTo(1, 8);
    expect(skewed.mismatch).toBe(true);
    // scipy.stats.chisquare([5100, 2450, 2450], f_exp=[5000, 2500, 2500]) → 4.0, 0.1353352832366127
    const fine = sampleRatioMismatch([5100, 2450, 2450], [0.5, 0.25, 0.25]);
    expect(fine.chiSquare).toBeCloseTo(4, 10);
    expect(fine.pValue).toBeCloseTo(0.1353352832366127, 10);
    expect(fine.mismatch).toBe(false);
  });

  it('leaves out a group planned at 0%', () => {
    expect(sampleRatioMismatch([5030, 4970, 12], [1, 1, 0])).toEqual(sampleRatioMismatch([5030, 4970], [1, 1]));
  });

  it('refuses mismatched lengths, negative counts and a plan with fewer than two groups', () => {
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(AppError);
    expect(() => sampleRatioMismatch([-1, 2], [1, 1])).toThrow(AppError);
    expect(() => sampleRatioMismatch([10, 2], [1, 0])).toThrow(AppError);
  });
});

const noSrm = { chiSquare: 0.1, df: 1, pValue: 0.75, mismatch: false };

const comparison = (overrides: Partial<VerdictComparison>): VerdictComparison => ({
  arm: 'B',
  against: 'A',
  lift: 0.012,
  liftLow: 0.004,
  liftHigh: 0.02,
  pValue: 0.003,
  probabilityBest: 0.998,
  ...overrides,
});

const input = (overrides: Partial<VerdictInput>): VerdictInput => ({
  srm: noSrm,
  comparisons: [comparison({})],
  recipients: { A: 6000, B: 6000 },
  baselineRate: 0.03,
  neededPerArm: 5301,
  ...overrides,
});

describe('experimentVerdict', () => {
  it('gives no verdict when the split is not what was planned, even with a clear winner', () => {
    const verdict = experimentVerdict(input({ srm: sampleRatioMismatch([5500, 4500], [1, 1]) }));
    expect(verdict.outcome).toBe('srm');
    expect(verdict.arm).toBeNull();
    expect(verdict.text).toContain('not what was planned');
    expect(verdict.text).toContain('no verdict');
    for (const check of ['assigned', 'delivered', 'filter']) expect(verdict.text).toContain(check);
  });

  it('names a winner whose interval is above zero and whose p is below α', () => {
    const verdict = experimentVerdict(input({}));
    expect(verdict.outcome).toBe('winner');
    expect(verdict.arm).toBe('B');
    expect(verdict.text).toContain('B beat A: +1.20 percentage points (interval +0.40 to +2.00), p 0.0030.');
  });

  it('respects a stricter α', () => {
    expect(experimentVerdict(input({ comparisons: [comparison({ pValue: 0.03 })], alpha: 0.01 })).outcome).not.toBe('winner');
  });

  it('picks the largest clear lift among several and mentions the others', () => {
    const verdict = experimentVerdict(
      input({
        comparisons: [comparison({ pValue: 0.01 }), comparison({ arm: 'C', lift: 0.02, liftLow: 0.01, liftHigh: 0.03, pValue: 0.001 })],
        recipients: { A: 6000, B: 6000, C: 6000 },
      }),
    );
    expect(verdict.arm).toBe('C');
    expect(verdict.text).toContain('C beat A');
    expect(verdict.text).toContain('B also beat A');
    expect(verdict.text).toContain('adjusted p');
  });

  it('says in plain words that an arm did worse, and calls the control the winner when every arm did', () => {
    const worse = comparison({ lift: -0.01, liftLow: -0.016, liftHigh: -0.004, pValue: 0.001, probabilityBest: 0.001 });
    const verdict = experimentVerdict(input({ comparisons: [worse] }));
    expect(verdict.outcome).toBe('winner');
    expect(verdict.arm).toBe('A');
    expect(verdict.text).toContain('A won. B did worse than A: −1.00 percentage points');
  });

  it('does not crown the control when another arm is merely level with it', () => {
    const worse = comparison({ lift: -0.01, liftLow: -0.016, liftHigh: -0.004, pValue: 0.001, probabilityBest: 0 });
    const level = comparison({ arm: 'C', lift: 0.001, liftLow: -0.006, liftHigh: 0.008, pValue: 0.8, probabilityBest: 0.5 });
    const verdict = experimentVerdict(input({ comparisons: [worse, level], recipients: { A: 6000, B: 6000, C: 6000 } }));
    expect(verdict.outcome).toBe('no-difference');
    expect(verdict.text).toContain('B did worse than A');
  });

  it('calls a positive, likely-best lift whose interval includes zero promising, and says how many more are needed', () => {
    const verdict = experimentVerdict(
      input({
        comparisons: [comparison({ lift: 0.006, liftLow: -0.001, liftHigh: 0.013, pValue: 0.09, probabilityBest: 0.95 })],
        recipients: { A: 3000, B: 3000 },
      }),
    );
    expect(verdict.outcome).toBe('promising');
    expect(verdict.arm).toBe('B');
    expect(verdict.text).toContain('95% chance of being the best');
    expect(verdict.text).toContain('still includes zero');
    expect(verdict.text).toContain('not yet a result');
    expect(verdict.text).toContain('about 2,301 more recipients per arm');
  });

  it('holds back when the interval clears zero but the adjusted p-value does not, and says which one held back', () => {
    const verdict = experimentVerdict(
      input({ comparisons: [comparison({ lift: 0.008, liftLow: 0.0002, liftHigh: 0.0158, pValue: 0.07, probabilityBest: 0.97 })] }),
    );
    expect(verdict.outcome).toBe('promising');
    expect(verdict.text).toContain('its p is not below 0.05');
  });

  it('can’t tell when the groups are smaller than needed, and says by how much', () => {
    const verdict = experimentVerdict(
      input({
        comparisons: [comparison({ lift: 0.001, liftLow: -0.008, liftHigh: 0.01, pValue: 0.8, probabilityBest: 0.55 })],
        recipients: { A: 2000, B: 2100 },
      }),
    );
    expect(verdict.outcome).toBe('cant-tell');
    expect(verdict.text).toContain('2,000 recipients per arm');
    expect(verdict.text).toContain('about 3,301 more recipients per arm (5,301 per arm in all)');
  });

  it('finds no difference when the groups were large enough, and says the effect is likely below what they could detect', () => {
    const verdict = experimentVerdict(
      input({ comparisons: [comparison({ lift: 0.001, liftLow: -0.005, liftHigh: 0.007, pValue: 0.78, probabilityBest: 0.62 })] }),
    );
    const mde = minimumDetectableEffect({ baseline: 0.03, perArm: 6000 }) as number;
    expect(verdict.outcome).toBe('no-difference');
    expect(verdict.text).toContain(`could reliably detect a lift of ${(mde * 100).toFixed(2)} percentage points`);
    expect(verdict.text).toContain('likely smaller than that');
  });

  it('never calls a difference real while its interval includes zero, whatever the p-value and P(best)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.05, max: -1e-6, noNaN: true }),
        fc.double({ min: 1e-6, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 10, max: 100_000 }),
        (liftLow, liftHigh, pValue, probabilityBest, perArm) => {
          const lift = (liftLow + liftHigh) / 2;
          const verdict = experimentVerdict(
            input({
              comparisons: [comparison({ lift, liftLow, liftHigh, pValue, probabilityBest })],
              recipients: { A: perArm, B: perArm },
            }),
          );
          expect(verdict.outcome).not.toBe('winner');
          expect(verdict.text).not.toMatch(/\bbeat\b|\bwon\b|did worse/);
        },
      ),
      { seed: 20_240_601, numRuns: 300 },
    );
  });

  it('refuses an experiment with no comparison', () => {
    expect(() => experimentVerdict(input({ comparisons: [] }))).toThrow(AppError);
  });
});
