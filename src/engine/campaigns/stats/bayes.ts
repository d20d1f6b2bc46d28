/** Bayesian read-outs of a conversion test: each arm's rate has a Beta(1 + conversions, 1 + non-conversions) posterior. */
import { AppError } from '../../../shared/errors';
import { beta as sampleBeta, createRng } from '../../kernel/random';
import { logBeta, standardNormalCdf } from './distributions';

export type ArmCounts = { successes: number; trials: number };

export type BestArmOptions = { draws?: number; seed: number };

export type BestArm = {
  /** Share of posterior draws in which each arm had the highest rate. */
  probabilityBest: number[];
  /** E[max_j p_j − p_k]: the rate given up, on average, by choosing arm k. */
  expectedLoss: number[];
};

/** Beyond this many terms the posteriors are so narrow that the normal approximation is exact to ~1e-4. */
const MAX_TERMS = 2_000_000;

/** Re-anchoring the term recurrence on an exact log-beta this often stops rounding drift over long sums. */
const REANCHOR_EVERY = 1024;

function checkArm(arm: ArmCounts, field: string): void {
  const { successes, trials } = arm;
  const whole = Number.isInteger(trials) && Number.isInteger(successes);
  if (!(whole && successes >= 0 && successes <= trials)) {
    const message = `Conversions must be a whole number from 0 to the recipients; got ${successes} of ${trials}.`;
    throw new AppError('bad-input', message, { field });
  }
}

/**
 * P(X2 > X1) for X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2) with whole a2: Evan Miller's sum of a2 terms. Successive
 * terms differ by a rational factor, so most are reached by one multiplication (in log space) instead of three
 * log-beta calls.
 */
function millerSum(a1: number, b1: number, a2: number, b2: number): number {
  const exactLogTerm = (i: number): number =>
    logBeta(a1 + i, b1 + b2) - Math.log(b2 + i) - logBeta(1 + i, b2) - logBeta(a1, b1);
  let total = 0;
  let logTerm = 0;
  for (let i = 0; i < a2; i++) {
    const ratio = ((a1 + i - 1) * (b2 + i - 1)) / ((a1 + b1 + b2 + i - 1) * i);
    logTerm = i % REANCHOR_EVERY === 0 ? exactLogTerm(i) : logTerm + Math.log(ratio);
    total += Math.exp(logTerm);
  }
  return total;
}

/** Normal approximation to P(X2 > X1) for two Beta posteriors: only used when they are extremely narrow. */
function normalApproximation(a1: number, b1: number, a2: number, b2: number): number {
  const moments = (a: number, b: number): [number, number] => [a / (a + b), (a * b) / ((a + b) ** 2 * (a + b + 1))];
  const [mean1, variance1] = moments(a1, b1);
  const [mean2, variance2] = moments(a2, b2);
  return standardNormalCdf((mean2 - mean1) / Math.sqrt(variance1 + variance2));
}

/** P(rate B > rate A) under Beta(1, 1) priors, in closed form (Evan Miller). */
export function probabilityBBeatsA(a: ArmCounts, b: ArmCounts): number {
  checkArm(a, 'a');
  checkArm(b, 'b');
  const alphaA = 1 + a.successes;
  const betaA = 1 + a.trials - a.successes;
  const alphaB = 1 + b.successes;
  const betaB = 1 + b.trials - b.successes;
  // Four equivalent sums (by B > A ⇔ not A > B, and p > q ⇔ 1 − p < 1 − q); the shortest is the cheapest.
  const forms: [number, () => number][] = [
    [alphaB, () => millerSum(alphaA, betaA, alphaB, betaB)],
    [alphaA, () => 1 - millerSum(alphaB, betaB, alphaA, betaA)],
    [betaA, () => millerSum(betaB, alphaB, betaA, alphaA)],
    [betaB, () => 1 - millerSum(betaA, alphaA, betaB, alphaB)],
  ];
  const [terms, compute] = forms.reduce((best, form) => (form[0] < best[0] ? form : best));
  const probability = terms > MAX_TERMS ? normalApproximation(alphaA, betaA, alphaB, betaB) : compute();
  return Math.min(1, Math.max(0, probability));
}

/** Chance that each arm has the highest rate, and the expected loss of choosing it, by seeded Monte Carlo. */
export function probabilityBest(arms: readonly ArmCounts[], options: BestArmOptions): BestArm {
  const { draws = 20_000, seed } = options;
  arms.forEach((arm, index) => checkArm(arm, `arms[${index}]`));
  if (arms.length === 0) throw new AppError('bad-input', 'There are no arms to compare.', { field: 'arms' });
  if (!(Number.isInteger(draws) && draws >= 1)) {
    throw new AppError('bad-input', `The number of draws must be a whole number ≥ 1; got ${draws}.`, { field: 'draws' });
  }
  // One stream per arm: an arm's draws do not shift when another arm is added or removed.
  const posteriors = arms.map((arm, index) => ({
    rng: createRng(seed, index),
    shape1: 1 + arm.successes,
    shape2: 1 + arm.trials - arm.successes,
  }));
  const wins = arms.map(() => 0);
  const loss = arms.map(() => 0);
  for (let draw = 0; draw < draws; draw++) {
    const rates = posteriors.map(({ rng, shape1, shape2 }) => sampleBeta(rng, shape1, shape2));
    const top = Math.max(...rates);
    const best = rates.indexOf(top);
    wins[best] = (wins[best] ?? 0) + 1;
    rates.forEach((rate, index) => {
      loss[index] = (loss[index] ?? 0) + (top - rate);
    });
  }
  return { probabilityBest: wins.map((count) => count / draws), expectedLoss: loss.map((total) => total / draws) };
}
