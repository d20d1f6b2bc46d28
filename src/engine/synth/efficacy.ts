import type { EfficacyReport } from '../../shared/synth-schemas';
import type { Tf } from '../ml/backend';
import type { SynthData } from './types';

/**
 * Machine-learning efficacy with the app's own propensity trainer: train on the real training rows and on the
 * synthetic rows, test both on the real holdout. SEAM: the reports helper replaces this body.
 */
export async function efficacyReport(
  _tf: Tf,
  _train: SynthData,
  _synthetic: SynthData,
  _test: SynthData,
  _target: { column: string; positive?: string | undefined },
  _seed: number,
): Promise<EfficacyReport> {
  throw new Error('efficacyReport: not built yet (issue 14 seam)');
}
