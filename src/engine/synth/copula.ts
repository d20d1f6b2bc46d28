import type { SynthData } from './types';

/**
 * The Gaussian-copula synthesizer (the fast baseline): each column's marginal, the correlation of the normal scores,
 * sampling through the inverse marginals. SEAM: the reports helper replaces these bodies.
 */
export type CopulaArtefact = { version: 1; [key: string]: unknown };

export function fitCopula(_data: SynthData, _opts: { seed: number }): CopulaArtefact {
  throw new Error('fitCopula: not built yet (issue 14 seam)');
}

export function sampleCopula(_artefact: CopulaArtefact, _rows: number, _seed: number): SynthData {
  throw new Error('sampleCopula: not built yet (issue 14 seam)');
}
