import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import {
  chiSquareCdf,
  chiSquareSurvival,
  holm,
  logBeta,
  standardNormalCdf,
  standardNormalQuantile,
  twoProportionZTest,
  wilsonInterval,
} from '../../../src/engine/campaigns/stats';

// Reference numbers from Debian's python3 on this machine (scipy 1.10.1, statsmodels 0.13.5), each with its call.

describe('distributions', () => {
  it('agree with scipy', () => {
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12); // norm.ppf(0.975)
    expect(standardNormalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12); // norm.ppf(0.8)
    expect(standardNormalCdf(-1.5)).toBeCloseTo(0.06680720126885807, 12); // norm.cdf(-1.5)
    expect(chiSquareCdf(3.2, 4)).toBeCloseTo(0.47506905321389586, 12); // chi2.cdf(3.2, 4)
    expect(chiSquareSurvival(30, 5) / 1.4748581038443073e-5).toBeCloseTo(1, 10); // chi2.sf(30, 5)
    // Far in the tail, where 1 − CDF would round to 0. chi2.sf(100, 1) → 1.5239706048320995e-23
    expect(chiSquareSurvival(100, 1) / 1.5239706048320995e-23).toBeCloseTo(1, 10);
    expect(logBeta(3, 4)).toBeCloseTo(Math.log(1 / 60), 12); // B(3, 4) = 2!·3!/6! = 1/60
  });

  it('refuses chi-square degrees of freedom below 1', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it.each([
    // proportion_confint(30, 1000, alpha=0.05, method='wilson')
    [30, 1000, 0.95, 0.021093738828834696, 0.042503414147587126],
    // proportion_confint(0, 50, alpha=0.05, method='wilson')
    [0, 50, 0.95, 0, 0.07134759913335874],
    // proportion_confint(50, 50, alpha=0.05, method='wilson')
    [50, 50, 0.95, 0.9286524008666412, 1],
    // proportion_confint(7, 20, alpha=0.05, method='wilson')
    [7, 20, 0.95, 0.18119182410108203, 0.5671457233147638],
    // proportion_confint(7, 20, alpha=0.10, method='wilson')
    [7, 20, 0.9, 0.202260040056761, 0.5334873111515284],
  ])('%i of %i at %f: statsmodels gives [%f, %f]', (successes, n, confidence, low, high) => {
    const interval = wilsonInterval(successes, n, confidence);
    expect(interval.low).toBeCloseTo(low, 10);
    expect(interval.high).toBeCloseTo(high, 10);
  });

  it('knows nothing about a rate with no recipients', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('refuses more conversions than recipients', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(AppError);
  });
});

describe('twoProportionZTest (control first, treatment second)', () => {
  it('2.0% vs 2.4% of 10,000 each: z 1.93, p 0.054, and intervals that just include zero', () => {
    // proportions_ztest([240, 200], [10000, 10000]) → (1.928253932283215, 0.053823548844750255)
    // confint_proportions_2indep(240, 10000, 200, 10000, method='wald', compare='diff')
    //   → (-6.540187806253726e-05, 0.008065401878062537)
    // confint_proportions_2indep(240, 10000, 200, 10000, method='log', compare='ratio') minus 1
    //   → (-0.0032669547595378656, 0.44471983433899265)
    const test = twoProportionZTest(200, 10_000, 240, 10_000);
    expect(test.diff).toBeCloseTo(0.004, 12);
    expect(test.z).toBeCloseTo(1.928253932283215, 9);
    expect(test.pValue).toBeCloseTo(0.053823548844750255, 9);
    expect(test.diffLow).toBeCloseTo(-6.540187806253726e-5, 9);
    expect(test.diffHigh).toBeCloseTo(0.008065401878062537, 9);
    expect(test.relativeLift).toBeCloseTo(0.2, 12);
    expect(test.relativeLow).toBeCloseTo(-0.0032669547595378656, 9);
    expect(test.relativeHigh).toBeCloseTo(0.44471983433899265, 9);
  });

  it('unequal groups: 30 of 1,000 vs 45 of 1,200', () => {
    // proportions_ztest([45, 30], [1200, 1000]) → (0.9652795998478124, 0.3344047868222223)
    // confint_proportions_2indep(45, 1200, 30, 1000, method='wald', compare='diff')
    //   → (-0.00757747758324945, 0.022577477583249447)
    // confint_proportions_2indep(45, 1200, 30, 1000, method='log', compare='ratio') minus 1
    //   → (-0.206370041977191, 0.9688016867365958)
    const test = twoProportionZTest(30, 1000, 45, 1200);
    expect(test.z).toBeCloseTo(0.9652795998478124, 9);
    expect(test.pValue).toBeCloseTo(0.3344047868222223, 9);
    expect(test.diffLow).toBeCloseTo(-0.00757747758324945, 9);
    expect(test.diffHigh).toBeCloseTo(0.022577477583249447, 9);
    expect(test.relativeLift).toBeCloseTo(0.25, 12);
    expect(test.relativeLow).toBeCloseTo(-0.206370041977191, 9);
    expect(test.relativeHigh).toBeCloseTo(0.9688016867365958, 9);
  });

  it('swapping the groups flips the sign of the difference but not the p-value', () => {
    const forward = twoProportionZTest(200, 10_000, 240, 10_000);
    const backward = twoProportionZTest(240, 10_000, 200, 10_000);
    expect(backward.diff).toBeCloseTo(-forward.diff, 15);
    expect(backward.z).toBeCloseTo(-forward.z, 12);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
  });

  it('has no relative lift when the control converted nobody, and no relative interval when either did', () => {
    const noControl = twoProportionZTest(0, 500, 5, 500);
    expect(noControl.relativeLift).toBeNull();
    expect(noControl.relativeLow).toBeNull();
    expect(noControl.relativeHigh).toBeNull();
    const noTreatment = twoProportionZTest(5, 500, 0, 500);
    expect(noTreatment.relativeLift).toBe(-1);
    expect(noTreatment.relativeLow).toBeNull();
  });

  it('sees no evidence when nobody converted anywhere', () => {
    const test = twoProportionZTest(0, 100, 0, 100);
    expect(test.z).toBe(0);
    expect(test.pValue).toBe(1);
  });

  it('refuses an empty group', () => {
    expect(() => twoProportionZTest(0, 0, 1, 10)).toThrow(AppError);
  });
});

describe('holm', () => {
  it('matches statsmodels multipletests', () => {
    // multipletests([0.01, 0.04, 0.03, 0.005], alpha=0.05, method='holm')
    //   → reject [True, False, False, True], adjusted [0.03, 0.06, 0.06, 0.02]
    const result = holm([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(result.rejected).toEqual([true, false, false, true]);
    result.adjusted.forEach((p, index) => expect(p).toBeCloseTo([0.03, 0.06, 0.06, 0.02][index] as number, 12));
    // multipletests([0.02, 0.03, 0.5], alpha=0.05, method='holm') → reject none, adjusted [0.06, 0.06, 0.5]
    const none = holm([0.02, 0.03, 0.5], 0.05);
    expect(none.rejected).toEqual([false, false, false]);
    none.adjusted.forEach((p, index) => expect(p).toBeCloseTo([0.06, 0.06, 0.5][index] as number, 12));
  });

  it('changes nothing for a single comparison and caps adjusted p at 1', () => {
    expect(holm([0.03])).toEqual({ rejected: [true], adjusted: [0.03] });
    expect(holm([0.6, 0.7]).adjusted).toEqual([1, 1]);
  });

  it('refuses a p-value outside [0, 1]', () => {
    expect(() => holm([0.5, 1.2])).toThrow(AppError);
  });
});
