import type { PrivacyReport } from '../../shared/synth-schemas';
import type { SynthData } from './types';

/**
 * The privacy report: distance to the closest training record for synthetic, holdout and random rows, exact copies,
 * a membership-inference test, and a plain verdict. SEAM: the reports helper replaces these bodies.
 */
export function dropExactCopies(_train: SynthData, _synthetic: SynthData): { data: SynthData; dropped: number } {
  throw new Error('dropExactCopies: not built yet (issue 14 seam)');
}

export function privacyReport(
  _train: SynthData,
  _holdout: SynthData,
  _synthetic: SynthData,
  _opts: { seed: number; exactCopies: number; dp: { epsilon: number; delta: number } | null },
): PrivacyReport {
  throw new Error('privacyReport: not built yet (issue 14 seam)');
}
