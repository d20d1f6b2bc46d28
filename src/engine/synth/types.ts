import type { GanEpoch } from '../../shared/synth-schemas';

/**
 * The synthetic twin's own table form: column by column, typed, learned columns only (ids, personal data and free
 * text never get here). Every synthesizer takes a SynthData and samples SynthData with the same columns (names,
 * kinds, levels in the same order), so the reports compare real and synthetic rows column by column.
 */
export type NumericColumnData = {
  name: string;
  /** `datetime` values are seconds since 1970-01-01 (UTC); `dateOnly` when every real value was a plain date. */
  kind: 'numeric' | 'datetime';
  /** NaN marks a missing value. */
  values: Float64Array;
  /** Every real value was a whole number: synthetic values are rounded. */
  integer: boolean;
  /** Decimal places to keep when writing synthetic values (the most the real values had, at most 6). */
  decimals: number;
  dateOnly?: boolean;
};

export type CategoricalColumnData = {
  name: string;
  kind: 'categorical';
  /** Index into `levels`; -1 marks a missing value. */
  codes: Int32Array;
  levels: string[];
};

export type SynthColumnData = NumericColumnData | CategoricalColumnData;

export type SynthData = { rows: number; columns: SynthColumnData[] };

export type FitProgress = { fraction: number; stage: string; message: string };

/** What a long fit reports and how it is stopped: the job's control, passed down. */
export type FitHooks = {
  checkCancelled(): void;
  onProgress(p: FitProgress): void;
  /** GAN only: called after each epoch with the losses (and validation quality when measured). */
  onEpoch?(epoch: GanEpoch): void;
};
