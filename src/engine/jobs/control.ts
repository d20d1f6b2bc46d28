import { AppError } from '../../shared/errors';
import type { JobControl, ProgressUpdate } from '../kernel/jobs';

/**
 * A job control that reads a shared cancel flag (so cancellation reaches a busy synchronous loop at once)
 * and throttles progress reports to about ten a second.
 */
export function createJobControl(
  cancelFlag: Int32Array,
  report: (update: ProgressUpdate) => void,
  minIntervalMs = 100,
  now: () => number = Date.now,
): JobControl {
  let last = -Infinity;
  return {
    progress(update) {
      if (update.point) {
        // Loss points are few (one per epoch) and each one matters for the curve: never throttled.
        report(update);
        return;
      }
      const t = now();
      // A federation's updates (an office joined, a round ended, the invitations) are few and each one matters.
      if (update.fraction < 1 && t - last < minIntervalMs && !update.federation) return;
      last = t;
      report({ ...update, fraction: Math.min(1, Math.max(0, update.fraction)) });
    },
    agreed() {
      return cancelFlag.length > 1 && Atomics.load(cancelFlag, 1) !== 0;
    },
    checkCancelled() {
      if (Atomics.load(cancelFlag, 0) !== 0) throw new AppError('cancelled', 'Cancelled. Nothing was changed.');
    },
  };
}
