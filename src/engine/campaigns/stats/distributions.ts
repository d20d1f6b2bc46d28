/**
 * The distribution functions the experiment statistics stand on, kept behind one small surface so that the
 * library underneath (stdlib's single-purpose packages: accurate in the far tails, typed) can change in one place.
 */
import betaln from '@stdlib/math-base-special-betaln';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** P(Z ≤ z) for a standard normal Z. */
export const standardNormalCdf = (z: number): number => normalCdf(z, 0, 1);

/** The z with P(Z ≤ z) = probability, for a standard normal Z. */
export const standardNormalQuantile = (probability: number): number => normalQuantile(probability, 0, 1);

function checkDegreesOfFreedom(df: number): void {
  if (!(Number.isInteger(df) && df >= 1)) throw new RangeError(`chi-square needs whole degrees of freedom ≥ 1, got ${df}`);
}

/** P(X ≤ x) for X chi-square with df degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  checkDegreesOfFreedom(df);
  return x <= 0 ? 0 : gammainc(x / 2, df / 2);
}

/** P(X > x) for X chi-square with df degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  checkDegreesOfFreedom(df);
  // The upper incomplete gamma directly, not 1 − CDF: a badly skewed split has p-values far below 1e-16.
  return x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true);
}

/** log B(a, b), the logarithm of the beta function. */
export const logBeta = (a: number, b: number): number => betaln(a, b);
