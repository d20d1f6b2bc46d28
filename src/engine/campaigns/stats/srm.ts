/** Sample ratio mismatch: did the groups receive the shares of recipients they were planned to? */
import { AppError } from '../../../shared/errors';
import { chiSquareSurvival } from './distributions';

export type SampleRatioCheck = { chiSquare: number; df: number; pValue: number; mismatch: boolean };

/** So strict because a false alarm withholds a verdict, and a real mismatch is usually far below it. */
const MISMATCH_BELOW = 0.001;

/** Chi-square goodness of fit of the recipients per group against the planned shares (renormalised). */
export function sampleRatioMismatch(observed: readonly number[], plannedShares: readonly number[]): SampleRatioCheck {
  if (observed.length !== plannedShares.length) {
    const message = `There are ${observed.length} group counts but ${plannedShares.length} planned shares.`;
    throw new AppError('bad-input', message, { field: 'plannedShares' });
  }
  observed.forEach((count, index) => {
    if (!(Number.isInteger(count) && count >= 0)) {
      throw new AppError('bad-input', `A group's recipients must be a whole number ≥ 0; got ${count}.`, {
        field: `observed[${index}]`,
      });
    }
  });
  plannedShares.forEach((share, index) => {
    if (!(share >= 0 && Number.isFinite(share))) {
      const field = `plannedShares[${index}]`;
      throw new AppError('bad-input', `A planned share must be 0 or more; got ${share}.`, { field });
    }
  });
  // A group planned at 0% (a paused arm) expects nobody and cannot enter the statistic.
  const groups = observed
    .map((count, index) => ({ count, share: plannedShares[index] ?? 0 }))
    .filter((group) => group.share > 0);
  if (groups.length < 2) {
    throw new AppError('bad-input', 'At least two groups need a planned share above 0.', { field: 'plannedShares' });
  }
  const totalShare = groups.reduce((sum, group) => sum + group.share, 0);
  const recipients = groups.reduce((sum, group) => sum + group.count, 0);
  const df = groups.length - 1;
  if (recipients === 0) return { chiSquare: 0, df, pValue: 1, mismatch: false };
  const chiSquare = groups.reduce((sum, group) => {
    const expected = (recipients * group.share) / totalShare;
    return sum + (group.count - expected) ** 2 / expected;
  }, 0);
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < MISMATCH_BELOW };
}
