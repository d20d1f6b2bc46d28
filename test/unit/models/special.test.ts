import { describe, expect, it } from 'vitest';
import { digamma, gammaSign, logAddExp, logBeta, logGamma, logGammaDifferenceQuotient, logSubExp, oneMinusExpOverK } from '../../../src/engine/models/clv/special';

describe('logGamma', () => {
  it('matches factorials and Γ(½) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n + 1)).toBeCloseTo(Math.log((factorial *= n)), 10);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });

  it('matches reference values (mpmath, 40 digits) across the range, and reflects to negative arguments', () => {
    const reference: Array<[number, number]> = [
      [1e-8, 18.42068073818021],
      [0.243, 1.3180435846996699],
      [3.7446, 1.4804343309807273],
      [123.45, 469.57667630038191],
      [1e6, 12815504.569147613],
      [-0.5, 1.2655121234846454],
      [-2.3, 0.36956666345500805],
    ];
    for (const [x, want] of reference) expect(Math.abs(logGamma(x) - want) / Math.max(1, Math.abs(want))).toBeLessThan(1e-14);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-2.3)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('logBeta(a, b) = ln(Γ(a)Γ(b)/Γ(a+b))', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });
});

describe('digamma and the log-gamma difference quotient', () => {
  it('ψ matches reference values (mpmath)', () => {
    const reference: Array<[number, number]> = [
      [1, -0.5772156649015329],
      [0.5, -1.9635100260214235],
      [0.05, -20.497844991299868],
      [123.4, 4.8113737751162775],
      [-0.3, 2.113309779635399],
    ];
    for (const [x, want] of reference) expect(digamma(x)).toBeCloseTo(want, 12);
  });

  it('[lnΓ(x+ε) − lnΓ(x)]/ε keeps full accuracy when ε is tiny, where the naive difference loses it all', () => {
    const reference: Array<[number, number, number]> = [
      [0.3, 1e-9, -3.502524216077451],
      [2.5, 0.07, 0.7201294006641556],
      [15, -0.09, 2.671238008139932],
      [0.05, 0.03, -16.141957563782313],
      [100, 1e-12, 4.6001618527380925],
    ];
    for (const [x, eps, want] of reference) expect(Math.abs(logGammaDifferenceQuotient(x, eps) - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
    const naive = (logGamma(100 + 1e-12) - logGamma(100)) / 1e-12;
    expect(Math.abs(naive - 4.6001618527380925)).toBeGreaterThan(1e-4);
  });
});

describe('log-space helpers', () => {
  it('logAddExp and logSubExp do not overflow and handle −∞', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logSubExp(1000, 1000 + Math.log(0.5))).toBeCloseTo(1000 + Math.log(0.5), 12);
    expect(logSubExp(2, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSubExp(1, 2)).toBeNaN();
    expect(logSubExp(0, -40)).toBeCloseTo(Math.log1p(-Math.exp(-40)), 15);
  });

  it('(1 − q^k)/k has the right limit at k = 0 and agrees with the direct form elsewhere', () => {
    const logQ = Math.log(0.8);
    expect(oneMinusExpOverK(0, logQ)).toBeCloseTo(-logQ, 15);
    expect(oneMinusExpOverK(1e-12, logQ)).toBeCloseTo(-logQ, 12);
    expect(oneMinusExpOverK(-0.394, logQ)).toBeCloseTo((1 - 0.8 ** -0.394) / -0.394, 14);
  });
});
