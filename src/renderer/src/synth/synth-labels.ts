import type { TFunction } from 'i18next';
import type { PrivacyReport, SynthMethod } from '../../../shared/synth-schemas';

/** "GAN" or "Gaussian copula", as the reports name the methods. */
export const methodName = (method: SynthMethod, t: TFunction): string => t(`synth.methods.${method}`);

/** A quality score's colour (a Mantine colour name): green from 0.8, yellow from 0.6, red below. */
export const scoreColor = (score: number): 'teal' | 'yellow' | 'red' => (score >= 0.8 ? 'teal' : score >= 0.6 ? 'yellow' : 'red');

export const VERDICT_COLOR: Record<PrivacyReport['verdict'], string> = { safe: 'teal', caution: 'yellow', unsafe: 'red' };
