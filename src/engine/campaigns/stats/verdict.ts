/**
 * The plain-language verdict of a campaign experiment. It never calls a difference real while the interval of
 * that difference still includes zero, and gives no verdict at all when the split itself went wrong.
 */
import { AppError } from '../../../shared/errors';
import { minimumDetectableEffect } from './power';
import type { SampleRatioCheck } from './srm';

export type VerdictComparison = {
  arm: string;
  against: string;
  /** Arm rate minus control rate, absolute. */
  lift: number;
  liftLow: number;
  liftHigh: number;
  /** Holm-adjusted when there is more than one comparison. */
  pValue: number;
  probabilityBest: number;
};

export type VerdictInput = {
  srm: SampleRatioCheck;
  comparisons: readonly VerdictComparison[];
  /** Recipients per group, the control included, by group name. */
  recipients: Readonly<Record<string, number>>;
  /** The control's conversion rate. */
  baselineRate: number;
  /** Recipients per arm needed to detect the planned (or observed) effect. */
  neededPerArm: number;
  alpha?: number;
  power?: number;
};

export type VerdictOutcome = 'winner' | 'promising' | 'no-difference' | 'cant-tell' | 'srm';

/** `arm` is the group the verdict names: the winner (the control when every arm did worse) or the promising arm. */
export type Verdict = { outcome: VerdictOutcome; arm: string | null; text: string };

/** P(best) at which a positive but uncertain lift is worth calling promising. */
const PROMISING_PROBABILITY = 0.8;
/** …or, for a reader who thinks in p-values, an adjusted p below this. */
const PROMISING_P_VALUE = 0.2;

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const signed = (rate: number): string => `${rate > 0 ? '+' : rate < 0 ? '−' : ''}${Math.abs(rate * 100).toFixed(2)}`;
const points = (rate: number): string => `${signed(rate)} percentage points`;
const interval = (c: VerdictComparison): string => `interval ${signed(c.liftLow)} to ${signed(c.liftHigh)}`;
const pText = (p: number): string => (p < 0.001 ? 'below 0.001' : p.toPrecision(2));

const isClearlyBetter = (c: VerdictComparison, alpha: number): boolean => c.liftLow > 0 && c.pValue < alpha;
const isClearlyWorse = (c: VerdictComparison, alpha: number): boolean => c.liftHigh < 0 && c.pValue < alpha;
const isPromising = (c: VerdictComparison): boolean =>
  c.lift > 0 && (c.probabilityBest >= PROMISING_PROBABILITY || c.pValue < PROMISING_P_VALUE);
const largestLift = (list: readonly VerdictComparison[]): VerdictComparison | undefined =>
  list.reduce<VerdictComparison | undefined>((top, c) => (top === undefined || c.lift > top.lift ? c : top), undefined);

function srmVerdict(srm: SampleRatioCheck): Verdict {
  return {
    outcome: 'srm',
    arm: null,
    text:
      'The split of recipients between the groups is not what was planned (a split this uneven happens by ' +
      `chance with probability ${pText(srm.pValue)}), so no verdict is given: the groups may not be comparable. ` +
      'Check how recipients were assigned to groups, whether every group’s messages were delivered, and whether ' +
      'a filter removed recipients from one group.',
  };
}

function worseSentences(worse: readonly VerdictComparison[], p: string): string[] {
  return worse.map(
    (c) => `${c.arm} did worse than ${c.against}: ${points(c.lift)} (${interval(c)}), ${p} ${pText(c.pValue)}.`,
  );
}

function sizeSentence(input: VerdictInput, current: number, alpha: number): string {
  const groups = Object.keys(input.recipients).length;
  const { baselineRate, power } = input;
  const usable = baselineRate > 0 && baselineRate < 1 && groups >= 2;
  const mde = usable ? minimumDetectableEffect({ baseline: baselineRate, perArm: current, alpha, power, groups }) : null;
  const size = `${wholeNumber.format(current)} recipients per arm`;
  if (mde === null) return `The groups were as large as planned (${size}).`;
  return (
    `With ${size} the test could reliably detect a lift of ${(mde * 100).toFixed(2)} percentage points, ` +
    'so any real effect is likely smaller than that.'
  );
}

function undecided(input: VerdictInput, remaining: readonly VerdictComparison[], alpha: number, p: string): Verdict {
  const current = Math.min(...Object.values(input.recipients));
  const needed = Math.ceil(input.neededPerArm);
  const shortBy = Math.max(0, needed - current);
  const more =
    `about ${wholeNumber.format(shortBy)} more recipients per arm ` +
    `(${wholeNumber.format(needed)} per arm in all) would be needed`;
  const top = largestLift(remaining);
  if (top !== undefined && isPromising(top)) {
    const chance = `${Math.round(top.probabilityBest * 100)}% chance of being the best`;
    // Interval and p-value come from different tests and can disagree at the margin: name the one that holds back.
    const reason =
      top.liftLow <= 0
        ? `the interval (${signed(top.liftLow)} to ${signed(top.liftHigh)}) still includes zero, so it could be ` +
          'no difference at all'
        : `its ${p} is not below ${alpha}, so the evidence is not strong enough`;
    const tail = shortBy > 0 ? ` To settle it, ${more}.` : '';
    return {
      outcome: 'promising',
      arm: top.arm,
      text:
        `${top.arm} looks better than ${top.against} (${points(top.lift)}, a ${chance}, ${p} ${pText(top.pValue)}), ` +
        `but ${reason}: not yet a result.${tail}`,
    };
  }
  if (shortBy > 0) {
    const tooFew = `${wholeNumber.format(current)} recipients per arm are too few to detect the planned effect`;
    return { outcome: 'cant-tell', arm: null, text: `Can’t tell yet: ${tooFew}; ${more}.` };
  }
  const shown = top === undefined ? '' : ` ${top.arm} against ${top.against}: ${points(top.lift)} (${interval(top)}).`;
  const text = `No clear difference.${shown} ${sizeSentence(input, current, alpha)}`;
  return { outcome: 'no-difference', arm: null, text };
}

/** The experiment's outcome in plain words: winner, promising, no difference, can’t tell, or a broken split. */
export function experimentVerdict(input: VerdictInput): Verdict {
  const { alpha = 0.05, comparisons } = input;
  if (input.srm.mismatch) return srmVerdict(input.srm);
  if (comparisons.length === 0) {
    throw new AppError('bad-input', 'There is nothing to compare: no arm besides the control.', { field: 'comparisons' });
  }
  if (Object.keys(input.recipients).length === 0) {
    throw new AppError('bad-input', 'The recipients per group are missing.', { field: 'recipients' });
  }
  const p = comparisons.length > 1 ? 'adjusted p' : 'p';
  const better = comparisons.filter((c) => isClearlyBetter(c, alpha)).sort((x, y) => y.lift - x.lift);
  const worse = comparisons.filter((c) => isClearlyWorse(c, alpha));
  const [winner, ...alsoBetter] = better;
  if (winner !== undefined) {
    const also = alsoBetter.map((c) => `${c.arm} also beat ${c.against}: ${points(c.lift)} (${interval(c)}).`);
    const lead =
      `${winner.arm} beat ${winner.against}: ${points(winner.lift)} (${interval(winner)}), ` +
      `${p} ${pText(winner.pValue)}.`;
    return { outcome: 'winner', arm: winner.arm, text: [lead, ...also, ...worseSentences(worse, p)].join(' ') };
  }
  // Control "wins" only when every arm is clearly worse; with one arm merely level, control is not shown the best.
  const control = comparisons[0]?.against ?? null;
  if (worse.length === comparisons.length) {
    return { outcome: 'winner', arm: control, text: [`${control} won.`, ...worseSentences(worse, p)].join(' ') };
  }
  const remaining = comparisons.filter((c) => !isClearlyWorse(c, alpha));
  const verdict = undecided(input, remaining, alpha, p);
  return { ...verdict, text: [verdict.text, ...worseSentences(worse, p)].join(' ') };
}
