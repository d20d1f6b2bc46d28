import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { minimumDetectableEffect, sampleSizePerArm } from '../../../src/engine/campaigns/stats';

// Reference numbers from Debian's python3 (scipy 1.10.1, statsmodels 0.13.5) on this machine. statsmodels'
// samplesize_proportions_2indep_onetail solves Fleiss' formula (pooled variance under the null, unpooled under the
// alternative); `fleiss` below is the same formula written out with scipy, and gives the unpooled variant too:
//   from scipy.stats import norm; import numpy as np
//   def fleiss(p1, d, a=.05, pw=.8, pooled=True):
//       p2 = p1 + d; za = norm.ppf(1 - a/2); zb = norm.ppf(pw); v = p1*(1-p1) + p2*(1-p2); pb = (p1 + p2)/2
//       return ((za*np.sqrt(2*pb*(1-pb)) + zb*np.sqrt(v))**2 if pooled else (za + zb)**2*v) / d**2

describe('sampleSizePerArm', () => {
  it('needs 5,301 per arm to lift 3% to 4% at α 0.05 and power 0.8', () => {
    // samplesize_proportions_2indep_onetail(0.01, 0.03, 0.8, alpha=0.05, alternative='two-sided') → 5300.739171069878
    const size = sampleSizePerArm({ baseline: 0.03, mde: 0.01 });
    expect(size).toEqual({
      perArm: 5301,
      total: 10_602,
      alphaPerComparison: 0.05,
      comparisons: 1,
      corrected: false,
      note: 'One comparison with the control: no correction, α 0.05',
    });
  });

  it('needs 3,841 per arm to lift 10% to 12%', () => {
    // samplesize_proportions_2indep_onetail(0.02, 0.10, 0.8, alpha=0.05, alternative='two-sided') → 3840.8474824362734
    expect(sampleSizePerArm({ baseline: 0.1, mde: 0.02 }).perArm).toBe(3841);
  });

  it('uses the unpooled variance when asked', () => {
    // fleiss(.03, .01, pooled=False) → 5297.993820685633; fleiss(.10, .02, pooled=False) → 3838.102190096705
    expect(sampleSizePerArm({ baseline: 0.03, mde: 0.01, variance: 'unpooled' }).perArm).toBe(5298);
    expect(sampleSizePerArm({ baseline: 0.1, mde: 0.02, variance: 'unpooled' }).perArm).toBe(3839);
  });

  it('sizes three groups for Holm’s first step, α / 2 per comparison, and says so', () => {
    // samplesize_proportions_2indep_onetail(0.01, 0.03, 0.8, alpha=0.025, alternative='two-sided') → 6419.35477756265
    const size = sampleSizePerArm({ baseline: 0.03, mde: 0.01, groups: 3 });
    expect(size.perArm).toBe(6420);
    expect(size.total).toBe(6420 * 3);
    expect(size.comparisons).toBe(2);
    expect(size.alphaPerComparison).toBeCloseTo(0.025, 12);
    expect(size.corrected).toBe(true);
    expect(size.note).toBe('Holm-corrected: α 0.05 split over 2 comparisons → 0.025 for the first');
    expect(sampleSizePerArm({ baseline: 0.03, mde: 0.01, groups: 4 }).note).toContain('→ 0.0167 for the first');
  });

  it('needs more recipients for a smaller effect, a stricter α or more power', () => {
    const base = sampleSizePerArm({ baseline: 0.05, mde: 0.01 }).perArm;
    expect(sampleSizePerArm({ baseline: 0.05, mde: 0.005 }).perArm).toBeGreaterThan(base);
    expect(sampleSizePerArm({ baseline: 0.05, mde: 0.01, alpha: 0.01 }).perArm).toBeGreaterThan(base);
    expect(sampleSizePerArm({ baseline: 0.05, mde: 0.01, power: 0.9 }).perArm).toBeGreaterThan(base);
  });

  it.each([
    [{ baseline: 0, mde: 0.01 }, 'baseline'],
    [{ baseline: 1, mde: 0.01 }, 'baseline'],
    [{ baseline: Number.NaN, mde: 0.01 }, 'baseline'],
    [{ baseline: 0.03, mde: 0 }, 'mde'],
    [{ baseline: 0.03, mde: -0.01 }, 'mde'],
    [{ baseline: 0.6, mde: 0.4 }, 'mde'],
    [{ baseline: 0.03, mde: 0.01, alpha: 0 }, 'alpha'],
    [{ baseline: 0.03, mde: 0.01, alpha: 0.6 }, 'alpha'],
    [{ baseline: 0.03, mde: 0.01, power: 1 }, 'power'],
    [{ baseline: 0.03, mde: 0.01, power: 0 }, 'power'],
    [{ baseline: 0.03, mde: 0.01, groups: 1 }, 'groups'],
    [{ baseline: 0.03, mde: 0.01, groups: 2.5 }, 'groups'],
  ])('refuses %o with a bad-input error on %s', (input, field) => {
    let error: unknown;
    try {
      sampleSizePerArm(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad-input');
    expect((error as AppError).details).toEqual({ field });
    expect((error as AppError).message.length).toBeGreaterThan(20);
  });

  it('accepts α 0.5, the edge of its range', () => {
    expect(() => sampleSizePerArm({ baseline: 0.03, mde: 0.01, alpha: 0.5 })).not.toThrow();
  });
});

describe('minimumDetectableEffect', () => {
  it('inverts sampleSizePerArm: 5,301 per arm detects just under one point over 3%', () => {
    const mde = minimumDetectableEffect({ baseline: 0.03, perArm: 5301 });
    expect(mde).not.toBeNull();
    const effect = mde as number;
    expect(effect).toBeCloseTo(0.01, 4);
    expect(sampleSizePerArm({ baseline: 0.03, mde: effect }).perArm).toBeLessThanOrEqual(5301);
    expect(sampleSizePerArm({ baseline: 0.03, mde: effect - 1e-7 }).perArm).toBeGreaterThan(5301);
  });

  it('follows every setting: groups, variance, α and power', () => {
    for (const settings of [
      { groups: 3 },
      { variance: 'unpooled' as const },
      { alpha: 0.1, power: 0.9 },
    ]) {
      const effect = minimumDetectableEffect({ baseline: 0.1, perArm: 2000, ...settings }) as number;
      expect(sampleSizePerArm({ baseline: 0.1, mde: effect, ...settings }).perArm).toBeLessThanOrEqual(2000);
      expect(sampleSizePerArm({ baseline: 0.1, mde: effect * (1 - 1e-6), ...settings }).perArm).toBeGreaterThan(2000);
    }
  });

  it('is null when even a jump to 100% could not be detected with so few recipients', () => {
    expect(minimumDetectableEffect({ baseline: 0.5, perArm: 3 })).toBeNull();
  });

  it('refuses a group size below one', () => {
    expect(() => minimumDetectableEffect({ baseline: 0.03, perArm: 0 })).toThrow(AppError);
  });
});
