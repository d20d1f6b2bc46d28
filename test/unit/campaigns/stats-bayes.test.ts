import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { probabilityBBeatsA, probabilityBest } from '../../../src/engine/campaigns/stats';

// References from Debian's python3 on this machine (scipy 1.10.1): P(B > A) = ∫ pdf_B(x)·cdf_A(x) dx, with
//   from scipy import stats, integrate
//   def pbeats(sa, na, sb, nb):
//       A = stats.beta(1+sa, 1+na-sa); B = stats.beta(1+sb, 1+nb-sb)
//       lo = min(A.ppf(1e-12), B.ppf(1e-12)); hi = max(A.isf(1e-12), B.isf(1e-12))
//       return integrate.quad(lambda x: B.pdf(x)*A.cdf(x), lo, hi, epsabs=1e-13, epsrel=1e-12, limit=500)[0]
// and the expected loss of choosing A, E[(p_B − p_A)+] = ∫ pdf_A(a)·(E[B]·sf_{Beta(αB+1, βB)}(a) − a·sf_B(a)) da:
//   def loss(sa, na, sb, nb):
//       A = stats.beta(1+sa, 1+na-sa); B = stats.beta(1+sb, 1+nb-sb); Bp = stats.beta(2+sb, 1+nb-sb)
//       return integrate.quad(lambda a: A.pdf(a)*(B.mean()*Bp.sf(a) - a*B.sf(a)), A.ppf(1e-13), A.isf(1e-13),
//                             epsabs=1e-14, epsrel=1e-12, limit=500)[0]

const arm = (successes: number, trials: number) => ({ successes, trials });

const cases: [string, [number, number, number, number], number][] = [
  ['2.0% vs 2.4% of 10,000', [200, 10_000, 240, 10_000], 0.9730138504765645], // pbeats(200, 10000, 240, 10000)
  ['3% vs 3% of 1,000', [30, 1000, 30, 1000], 0.5], // pbeats(30, 1000, 30, 1000) → 0.499999999999001
  ['1 of 50 vs 5 of 50', [1, 50, 5, 50], 0.9439941416812094], // pbeats(1, 50, 5, 50)
  ['nobody converted, 10 vs 3 recipients', [0, 10, 0, 3], 11 / 15], // pbeats(0, 10, 0, 3) → 0.7333333333323333
];

describe('probabilityBBeatsA (closed form)', () => {
  it.each(cases)('%s agrees with the numeric integral', (_name, [sa, na, sb, nb], reference) => {
    expect(probabilityBBeatsA(arm(sa, na), arm(sb, nb))).toBeCloseTo(reference, 10);
  });

  it('stays accurate over a sum of 1.9 million terms', () => {
    // pbeats(1900000, 4000000, 1902000, 4000000) → 0.9216048076118138
    expect(probabilityBBeatsA(arm(1_900_000, 4_000_000), arm(1_902_000, 4_000_000))).toBeCloseTo(0.9216048076118138, 9);
  });

  it('falls back to the normal approximation for enormous counts, still within 1e-6', () => {
    // pbeats(2500000, 5000000, 2503000, 5000000) → 0.9711102271534326
    expect(probabilityBBeatsA(arm(2_500_000, 5_000_000), arm(2_503_000, 5_000_000))).toBeCloseTo(0.9711102271534326, 6);
  });

  it('gives the same answer whichever of its four equivalent sums it runs', () => {
    // Lopsided counts make each of the four parameters the smallest in turn.
    for (const [sa, na, sb, nb] of [
      [3, 400, 9, 500],
      [9, 500, 3, 400],
      [397, 400, 491, 500],
      [491, 500, 397, 400],
    ] as const) {
      const forward = probabilityBBeatsA(arm(sa, na), arm(sb, nb));
      expect(forward + probabilityBBeatsA(arm(sb, nb), arm(sa, na))).toBeCloseTo(1, 12);
      // Counting non-conversions instead of conversions turns "B beats A" into "A beats B".
      expect(probabilityBBeatsA(arm(nb - sb, nb), arm(na - sa, na))).toBeCloseTo(forward, 12);
    }
  });

  it('refuses more conversions than recipients', () => {
    expect(() => probabilityBBeatsA(arm(5, 4), arm(1, 4))).toThrow(AppError);
  });
});

describe('probabilityBest (Monte Carlo)', () => {
  it.each(cases)('%s: two arms agree with the closed form within 0.005', (_name, [sa, na, sb, nb]) => {
    const closed = probabilityBBeatsA(arm(sa, na), arm(sb, nb));
    const result = probabilityBest([arm(sa, na), arm(sb, nb)], { draws: 100_000, seed: 11 });
    expect(Math.abs((result.probabilityBest[1] as number) - closed)).toBeLessThan(0.005);
    expect((result.probabilityBest[0] as number) + (result.probabilityBest[1] as number)).toBeCloseTo(1, 12);
  });

  it.each([
    // loss(200, 10000, 240, 10000) → 0.004020624298050739; loss(240, 10000, 200, 10000) → 2.1424138083433847e-05
    [[200, 10_000, 240, 10_000], 0.004020624298050739, 2.1424138083433847e-5],
    // loss(1, 50, 5, 50) → 0.07818661573277198; loss(5, 50, 1, 50) → 0.0012635388097027875
    [[1, 50, 5, 50], 0.07818661573277198, 0.0012635388097027875],
  ] as const)('expected loss of %o agrees with the numeric integral', ([sa, na, sb, nb], lossA, lossB) => {
    const { expectedLoss } = probabilityBest([arm(sa, na), arm(sb, nb)], { draws: 100_000, seed: 11 });
    expect(Math.abs((expectedLoss[0] as number) / lossA - 1)).toBeLessThan(0.02);
    // B's loss comes from the few draws where A came out ahead, so its Monte Carlo error is several per cent.
    expect(Math.abs((expectedLoss[1] as number) / lossB - 1)).toBeLessThan(0.1);
    // Loss(A) − loss(B) = E[p_B] − E[p_A] draw by draw, so it is estimated much more tightly.
    const meanGap = (1 + sb) / (2 + nb) - (1 + sa) / (2 + na);
    expect(((expectedLoss[0] as number) - (expectedLoss[1] as number)) / meanGap).toBeCloseTo(1, 1);
  });

  it('splits evenly between identical arms and picks the clearly better of three', () => {
    const even = probabilityBest([arm(50, 1000), arm(50, 1000), arm(50, 1000)], { seed: 3 });
    even.probabilityBest.forEach((p) => expect(p).toBeCloseTo(1 / 3, 1));
    const clear = probabilityBest([arm(50, 1000), arm(52, 1000), arm(120, 1000)], { seed: 3 });
    expect(clear.probabilityBest[2]).toBeGreaterThan(0.999);
    expect(clear.expectedLoss[2]).toBeLessThan(1e-5);
    expect(clear.expectedLoss[0]).toBeGreaterThan(0.06);
  });

  it('is deterministic by seed', () => {
    const arms = [arm(20, 300), arm(25, 310)];
    expect(probabilityBest(arms, { seed: 5 })).toEqual(probabilityBest(arms, { seed: 5 }));
    expect(probabilityBest(arms, { seed: 5 })).not.toEqual(probabilityBest(arms, { seed: 6 }));
  });

  it('refuses no arms and a fractional number of draws', () => {
    expect(() => probabilityBest([], { seed: 1 })).toThrow(AppError);
    expect(() => probabilityBest([arm(1, 2)], { seed: 1, draws: 0.5 })).toThrow(AppError);
  });
});
