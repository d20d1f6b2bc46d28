/**
 * How many recipients an A/B(/n) test of a conversion rate needs: the two-sided two-proportion z-test of Fleiss
 * (variance pooled under the null, unpooled under the alternative), with Holm's correction when several arms are
 * each compared with the control.
 */
import { AppError } from '../../../shared/errors';
import { standardNormalQuantile } from './distributions';

export type VarianceKind = 'pooled' | 'unpooled';

export type SampleSizeInput = {
  /** The control's conversion rate, in (0, 1). */
  baseline: number;
  /** The smallest lift worth detecting, absolute (0.01 = one percentage point). */
  mde: number;
  alpha?: number;
  power?: number;
  /** Every group, the control included. */
  groups?: number;
  variance?: VarianceKind;
};

export type SampleSize = {
  perArm: number;
  total: number;
  alphaPerComparison: number;
  comparisons: number;
  corrected: boolean;
  note: string;
};

export type DetectableEffectInput = Omit<SampleSizeInput, 'mde'> & { perArm: number };

type Settings = { alpha: number; power: number; groups: number; variance: VarianceKind };

function badInput(field: string, message: string): AppError {
  return new AppError('bad-input', message, { field });
}

function checkSettings(input: Omit<SampleSizeInput, 'mde'>): Settings {
  const { baseline, alpha = 0.05, power = 0.8, groups = 2, variance = 'pooled' } = input;
  if (!(baseline > 0 && baseline < 1)) {
    throw badInput('baseline', `The baseline conversion rate must be between 0 and 1 (exclusive); got ${baseline}.`);
  }
  if (!(alpha > 0 && alpha <= 0.5)) {
    throw badInput('alpha', `The significance level must be above 0 and at most 0.5; got ${alpha}.`);
  }
  if (!(power > 0 && power < 1)) throw badInput('power', `The power must be between 0 and 1 (exclusive); got ${power}.`);
  if (!(Number.isInteger(groups) && groups >= 2)) {
    throw badInput('groups', `A test needs at least two groups (the control and one variant); got ${groups}.`);
  }
  return { alpha, power, groups, variance };
}

function checkEffect(baseline: number, mde: number): void {
  if (!(mde > 0)) throw badInput('mde', `The minimum detectable effect must be above 0; got ${mde}.`);
  if (!(baseline + mde < 1)) {
    throw badInput('mde', `Baseline plus effect must stay below 100%; ${baseline} + ${mde} does not.`);
  }
}

/** Holm's first, most demanding step tests the smallest p-value at α / m: sizing for it covers every later step. */
const perComparisonAlpha = (alpha: number, comparisons: number): number => alpha / comparisons;

const short = (x: number): string => String(Number(x.toPrecision(3)));

/** The unrounded per-arm size; continuous so that bisection on the effect has a smooth target. */
function exactPerArm(baseline: number, mde: number, settings: Settings): number {
  const comparisons = settings.groups - 1;
  const zAlpha = standardNormalQuantile(1 - perComparisonAlpha(settings.alpha, comparisons) / 2);
  const zBeta = standardNormalQuantile(settings.power);
  const p1 = baseline;
  const p2 = baseline + mde;
  const alternativeVariance = p1 * (1 - p1) + p2 * (1 - p2);
  if (settings.variance === 'unpooled') return ((zAlpha + zBeta) ** 2 * alternativeVariance) / mde ** 2;
  const mean = (p1 + p2) / 2;
  const spread = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(alternativeVariance);
  return spread ** 2 / mde ** 2;
}

/** Recipients needed per arm to detect an absolute lift of `mde` over `baseline` (two-sided z-test). */
export function sampleSizePerArm(input: SampleSizeInput): SampleSize {
  const settings = checkSettings(input);
  checkEffect(input.baseline, input.mde);
  const perArm = Math.ceil(exactPerArm(input.baseline, input.mde, settings));
  const comparisons = settings.groups - 1;
  const alphaPerComparison = perComparisonAlpha(settings.alpha, comparisons);
  const corrected = comparisons > 1;
  const alphaText = short(settings.alpha);
  const note = corrected
    ? `Holm-corrected: α ${alphaText} split over ${comparisons} comparisons → ${short(alphaPerComparison)} for the first`
    : `One comparison with the control: no correction, α ${alphaText}`;
  return { perArm, total: perArm * settings.groups, alphaPerComparison, comparisons, corrected, note };
}

/**
 * The smallest absolute lift that `perArm` recipients per arm can detect, or null when even the largest possible
 * lift (up to a 100% rate) needs more.
 */
export function minimumDetectableEffect(input: DetectableEffectInput): number | null {
  const settings = checkSettings(input);
  const { baseline } = input;
  // sampleSizePerArm rounds up, so "needs at most perArm" is "the exact size is at most its whole part".
  const perArm = Math.floor(input.perArm);
  if (!(perArm >= 1)) throw badInput('perArm', `The group size must be at least 1; got ${input.perArm}.`);
  // The needed size falls strictly as the effect grows (the spread is concave in the effect and positive at 0),
  // so bisection finds the one crossing point.
  let low = 0;
  let high = (1 - baseline) * (1 - 1e-9);
  if (exactPerArm(baseline, high, settings) > perArm) return null;
  for (let step = 0; step < 200 && high - low > 1e-12; step++) {
    const mid = (low + high) / 2;
    if (exactPerArm(baseline, mid, settings) > perArm) low = mid;
    else high = mid;
  }
  return high;
}
