import type { LossPoint } from '../../../shared/model-schemas';

/** One run of a training: a cross-validation fold (1..K) or the final fit on every row (null). */
export type LossRun = { fold: number | null; points: LossPoint[] };

const order = (fold: number | null): number => (fold === null ? Number.MAX_SAFE_INTEGER : fold);
const keyOf = (point: LossPoint): string => `${point.fold ?? 'final'}:${point.epoch}`;

/**
 * A curve's points without duplicates, in training order (fold 1, 2, …, then the final fit; by epoch). The curve
 * read from `jobs.get` and the `job.progress` events may overlap; a later copy of the same epoch wins.
 */
export function mergeLossPoints(current: readonly LossPoint[], incoming: readonly LossPoint[]): LossPoint[] {
  const byKey = new Map<string, LossPoint>();
  for (const point of [...current, ...incoming]) byKey.set(keyOf(point), point);
  return [...byKey.values()].sort((a, b) => order(a.fold) - order(b.fold) || a.epoch - b.epoch);
}

/** The points grouped by run, in training order. */
export function lossRuns(points: readonly LossPoint[]): LossRun[] {
  const runs: LossRun[] = [];
  for (const point of mergeLossPoints([], points)) {
    const last = runs[runs.length - 1];
    if (last && last.fold === point.fold) last.points.push(point);
    else runs.push({ fold: point.fold, points: [point] });
  }
  return runs;
}
