import type { QualityReport } from '../../shared/synth-schemas';
import type { SynthData } from './types';

/**
 * The quality report (SDMetrics' QualityReport in spirit): column shapes (KS complement, TV complement) and pair
 * trends (correlation similarity, contingency similarity), with the bins the charts draw.
 * SEAM: the reports helper replaces these bodies.
 */
export function qualityReport(_real: SynthData, _synthetic: SynthData, _opts: { seed: number; maxPairs?: number } = { seed: 1 }): QualityReport {
  throw new Error('qualityReport: not built yet (issue 14 seam)');
}

/** The overall score alone, cheap enough to run every few epochs for early stopping (may subsample rows and pairs). */
export function qualityScore(_real: SynthData, _synthetic: SynthData, _seed = 1): number {
  throw new Error('qualityScore: not built yet (issue 14 seam)');
}
