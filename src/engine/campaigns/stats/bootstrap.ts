/**
 * Percentile bootstrap of revenue per recipient. Most recipients spend nothing, so a resample is drawn in two
 * steps that give exactly the distribution of n draws with replacement: how many of the n picks land on a
 * spender (Binomial(n, k / n)), then which spenders (uniform among the k). That costs O(k) per resample, not O(n).
 */
import { AppError } from '../../../shared/errors';
import { createRng, normal, type Rng } from '../../kernel/random';

export type BootstrapOptions = { resamples?: number; confidence?: number; seed: number };

export type MeanInterval = { mean: number; low: number; high: number };

export type DifferenceInterval = { difference: number; low: number; high: number };

type Values = Float64Array | readonly number[];

/** Binomial(n, p) needs np(1 − p) at least this large before the normal shortcut is used. */
const NORMAL_BINOMIAL_FROM = 1000;

/**
 * Binomial(trials, p). Exact by geometric waiting times (O(np) steps) while np(1 − p) is small; above that a
 * rounded normal with the same mean and variance, so every resample mean still has the exact mean and variance
 * and only its skewness shifts, by under 1 / √1000 of the count's own.
 */
function binomial(rng: Rng, trials: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return trials;
  if (p > 0.5) return trials - binomial(rng, trials, 1 - p);
  const variance = trials * p * (1 - p);
  if (variance >= NORMAL_BINOMIAL_FROM) {
    return Math.min(trials, Math.max(0, Math.round(normal(rng, trials * p, Math.sqrt(variance)))));
  }
  const logFailure = Math.log1p(-p);
  let count = 0;
  let position = 0;
  for (;;) {
    position += Math.floor(Math.log(1 - rng()) / logFailure) + 1;
    if (position > trials) return count;
    count++;
  }
}

type Prepared = { count: number; total: number; nonZero: Float64Array };

function prepare(values: Values, field: string): Prepared {
  if (values.length === 0) throw new AppError('bad-input', 'There are no recipients to measure.', { field });
  const nonZero: number[] = [];
  let total = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      throw new AppError('bad-input', `Revenue must be a finite number; recipient ${index + 1} has ${value}.`, { field });
    }
    if (value !== 0) {
      nonZero.push(value);
      total += value;
    }
  }
  return { count: values.length, total, nonZero: Float64Array.from(nonZero) };
}

function checkOptions(options: BootstrapOptions): { resamples: number; confidence: number } {
  const { resamples = 2000, confidence = 0.95 } = options;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new AppError('bad-input', `Resamples must be a whole number ≥ 1; got ${resamples}.`, { field: 'resamples' });
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new AppError('bad-input', `The confidence must be between 0 and 1; got ${confidence}.`, { field: 'confidence' });
  }
  return { resamples, confidence };
}

/** The mean of each bootstrap resample of the data. */
function resampleMeans(data: Prepared, resamples: number, rng: Rng): Float64Array {
  const means = new Float64Array(resamples);
  const spenders = data.nonZero.length;
  if (spenders === 0) return means;
  for (let resample = 0; resample < resamples; resample++) {
    const picks = binomial(rng, data.count, spenders / data.count);
    let sum = 0;
    for (let pick = 0; pick < picks; pick++) sum += data.nonZero[Math.floor(rng() * spenders)] ?? 0;
    means[resample] = sum / data.count;
  }
  return means;
}

/** The interval between the (1 − c) / 2 and (1 + c) / 2 quantiles, interpolated as numpy and R's type 7 do. */
function percentileInterval(draws: Float64Array, confidence: number): { low: number; high: number } {
  const sorted = draws.slice().sort();
  const quantile = (q: number): number => {
    const position = (sorted.length - 1) * q;
    const below = Math.floor(position);
    const lower = sorted[below] ?? 0;
    const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
    return lower + (position - below) * (upper - lower);
  };
  return { low: quantile((1 - confidence) / 2), high: quantile((1 + confidence) / 2) };
}

/** Mean revenue per recipient with a percentile-bootstrap interval; O(resamples × spenders). */
export function bootstrapMeanInterval(values: Values, options: BootstrapOptions): MeanInterval {
  const { resamples, confidence } = checkOptions(options);
  const data = prepare(values, 'values');
  const means = resampleMeans(data, resamples, createRng(options.seed, 0));
  return { mean: data.total / data.count, ...percentileInterval(means, confidence) };
}

/** Treatment minus control revenue per recipient, with a percentile-bootstrap interval from independent resamples. */
export function bootstrapDifferenceInterval(
  control: Values,
  treatment: Values,
  options: BootstrapOptions,
): DifferenceInterval {
  const { resamples, confidence } = checkOptions(options);
  const controlData = prepare(control, 'control');
  const treatmentData = prepare(treatment, 'treatment');
  const controlMeans = resampleMeans(controlData, resamples, createRng(options.seed, 1));
  const treatmentMeans = resampleMeans(treatmentData, resamples, createRng(options.seed, 2));
  const differences = treatmentMeans.map((mean, index) => mean - (controlMeans[index] ?? 0));
  return {
    difference: treatmentData.total / treatmentData.count - controlData.total / controlData.count,
    ...percentileInterval(differences, confidence),
  };
}
