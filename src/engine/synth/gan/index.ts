import type { GanEpoch } from '../../../shared/synth-schemas';
import type { Tf } from '../../ml/backend';
import type { FitHooks, SynthData } from '../types';

/**
 * The conditional tabular GAN (CTGAN-like): mode-specific normalisation of numeric columns by a variational Gaussian
 * mixture per column, training-by-sampling of categories by log-frequency, a residual generator and a PacGAN
 * discriminator trained with the WGAN-GP loss; early stopping on the quality score of a validation sample.
 * SEAM: the GAN helper replaces these signatures' bodies (and may add options); the job calls only these two.
 */
export type GanOptions = {
  epochs: number;
  seed: number;
  /** Real rows never learned, to score a validation sample against for early stopping. */
  validation?: SynthData;
  /** DP-SGD on the discriminator (per-example clipping and Gaussian noise); ε reported. */
  dp?: { epsilon: number; delta: number };
};

/** A trained GAN as plain JSON (transformer, generator weights): everything needed to sample. */
export type GanArtefact = { version: 1; [key: string]: unknown };

export type GanFit = {
  artefact: GanArtefact;
  history: GanEpoch[];
  bestEpoch: number;
  epochs: number;
  dp: { epsilon: number; delta: number } | null;
};

export async function fitGan(_tf: Tf, _data: SynthData, _opts: GanOptions, _hooks: FitHooks): Promise<GanFit> {
  throw new Error('fitGan: not built yet (issue 14 seam)');
}

export async function sampleGan(_tf: Tf, _artefact: GanArtefact, _rows: number, _seed: number): Promise<SynthData> {
  throw new Error('sampleGan: not built yet (issue 14 seam)');
}
