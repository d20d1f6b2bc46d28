/** The frequentist tests of a campaign experiment: intervals for a rate, the two-proportion z-test, Holm's method. */
import { AppError } from '../../../shared/errors';
import { standardNormalCdf, standardNormalQuantile } from './distributions';

export type Interval = { low: number; high: number };

export type TwoProportionTest = {
  /** Treatment rate minus control rate. */
  diff: number;
  z: number;
  /** Two-sided, from the pooled standard error (the null hypothesis says both rates are one). */
  pValue: number;
  diffLow: number;
  diffHigh: number;
  /** Treatment rate / control rate − 1; null when the control converted nobody. */
  relativeLift: number | null;
  relativeLow: number | null;
  relativeHigh: number | null;
};

export type HolmResult = { rejected: boolean[]; adjusted: number[] };

function checkCounts(successes: number, trials: number, field: string): void {
  if (!(Number.isInteger(trials) && trials >= 0)) {
    throw new AppError('bad-input', `The number of recipients must be a whole number ≥ 0; got ${trials}.`, { field });
  }
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new AppError('bad-input', `Conversions must be a whole number from 0 to ${trials}; got ${successes}.`, { field });
  }
}

function twoSidedZ(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new AppError('bad-input', `The confidence must be between 0 and 1; got ${confidence}.`, { field: 'confidence' });
  }
  return standardNormalQuantile(1 - (1 - confidence) / 2);
}

/** Wilson score interval for a conversion rate; sound near 0% and 100%, where the plain Wald interval is not. */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  checkCounts(successes, n, 'successes');
  const z = twoSidedZ(confidence);
  if (n === 0) return { low: 0, high: 1 };
  const rate = successes / n;
  const z2n = (z * z) / n;
  const centre = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / n + (z * z) / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The log of the rate ratio has a near-normal sampling distribution; the ratio itself is skewed. */
function relativeInterval(rates: [number, number], counts: [number, number], z: number): Interval | null {
  const [controlRate, treatmentRate] = rates;
  const [controlSuccesses, treatmentSuccesses] = counts;
  if (controlSuccesses === 0 || treatmentSuccesses === 0) return null;
  const se = Math.sqrt((1 - controlRate) / controlSuccesses + (1 - treatmentRate) / treatmentSuccesses);
  const logRatio = Math.log(treatmentRate / controlRate);
  return { low: Math.exp(logRatio - z * se) - 1, high: Math.exp(logRatio + z * se) - 1 };
}

/**
 * Two-proportion z-test of treatment against control; arguments are (control, treatment). The relative interval is
 * null when either rate is 0 (its logarithm does not exist).
 */
export function twoProportionZTest(
  controlSuccesses: number,
  controlTrials: number,
  treatmentSuccesses: number,
  treatmentTrials: number,
  confidence = 0.95,
): TwoProportionTest {
  checkCounts(controlSuccesses, controlTrials, 'control');
  checkCounts(treatmentSuccesses, treatmentTrials, 'treatment');
  if (controlTrials === 0 || treatmentTrials === 0) {
    const field = controlTrials === 0 ? 'control' : 'treatment';
    throw new AppError('bad-input', 'Both groups need at least one recipient to compare them.', { field });
  }
  const zCritical = twoSidedZ(confidence);
  const controlRate = controlSuccesses / controlTrials;
  const treatmentRate = treatmentSuccesses / treatmentTrials;
  const diff = treatmentRate - controlRate;
  const pooled = (controlSuccesses + treatmentSuccesses) / (controlTrials + treatmentTrials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / controlTrials + 1 / treatmentTrials));
  // Both groups at 0% (or both at 100%): no spread at all, and no evidence of a difference.
  const z = pooledSe === 0 ? 0 : diff / pooledSe;
  const pValue = Math.min(1, 2 * standardNormalCdf(-Math.abs(z)));
  const waldSe = Math.sqrt(
    (controlRate * (1 - controlRate)) / controlTrials + (treatmentRate * (1 - treatmentRate)) / treatmentTrials,
  );
  const relative = relativeInterval([controlRate, treatmentRate], [controlSuccesses, treatmentSuccesses], zCritical);
  return {
    diff,
    z,
    pValue,
    diffLow: diff - zCritical * waldSe,
    diffHigh: diff + zCritical * waldSe,
    relativeLift: controlRate === 0 ? null : treatmentRate / controlRate - 1,
    relativeLow: relative?.low ?? null,
    relativeHigh: relative?.high ?? null,
  };
}

/** Holm's step-down method: which hypotheses are rejected at family-wise level alpha, and the adjusted p-values. */
export function holm(pValues: readonly number[], alpha = 0.05): HolmResult {
  pValues.forEach((p, index) => {
    if (!(p >= 0 && p <= 1)) {
      throw new AppError('bad-input', `A p-value must be between 0 and 1; got ${p}.`, { field: `pValues[${index}]` });
    }
  });
  const count = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(count).fill(1);
  // The running maximum keeps adjusted p-values in the same order as the raw ones, as the step-down requires.
  let runningMax = 0;
  order.forEach(({ p, index }, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (count - rank) * p));
    adjusted[index] = runningMax;
  });
  return { rejected: adjusted.map((p) => p <= alpha), adjusted };
}
