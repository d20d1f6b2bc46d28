import { z } from 'zod';
import { fileHandleSchema } from './file-schemas';

/** Schemas of the table-training channel (model.trainTable): a propensity model cross-validated on a CSV file. */

export const trainTableInputSchema = z.strictObject({
  /** A CSV file with a header row, one row per customer (a handle to the user's choice); read in place, never copied. */
  file: fileHandleSchema,
  /** The yes/no column to predict (churned, bought, responded). */
  target: z.string().min(1).max(1000),
  /** The target value that is the outcome (">50K"), the others counting as "not"; needed when the values do not say it. */
  positive: z.string().trim().min(1).max(1000).optional(),
  /** The customer id column, left out of the features. */
  id: z.string().min(1).max(1000).optional(),
  folds: z.int().min(2).max(20).default(5),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
});
export type TrainTableInput = z.output<typeof trainTableInputSchema>;

/** What the model lab shows before training on a file: its columns and each column's most frequent values. */
export const tableColumnsSchema = z.object({
  name: z.string(),
  rows: z.number().int(),
  columns: z.array(
    z.object({
      name: z.string(),
      /** Distinct non-empty values in the column. */
      distinct: z.number().int(),
      /** The most frequent values (at most 20), with their counts, most frequent first. */
      values: z.array(z.object({ value: z.string(), count: z.number().int() })),
    }),
  ),
});
export type TableColumns = z.infer<typeof tableColumnsSchema>;

export const epochLogSchema = z.object({ epoch: z.number().int(), loss: z.number(), valLoss: z.number().nullable() });

export const liftRowSchema = z.object({
  decile: z.number().int(),
  customers: z.number().int(),
  positives: z.number().int(),
  rate: z.number(),
  lift: z.number(),
  predicted: z.number(),
});

export const calibrationBinSchema = z.object({ predicted: z.number(), observed: z.number(), count: z.number().int() });

/** What a finished model.trainTable job reports: cross-validated metrics only, no weights (nothing is stored). */
export const trainTableResultSchema = z.object({
  file: z.string(),
  target: z.string(),
  /** The outcome value named with `positive`, or null when the target's values said it. */
  positive: z.string().nullable(),
  /** Mean of the per-fold ROC AUCs on held-out rows. */
  aucMean: z.number(),
  aucFolds: z.array(z.number()),
  /** 95 % bootstrap interval of the AUC of all out-of-fold probabilities. */
  aucCi: z.object({ low: z.number(), high: z.number() }),
  prAuc: z.number(),
  logLoss: z.number(),
  brier: z.number(),
  lift: z.array(liftRowSchema),
  calibration: z.array(calibrationBinSchema),
  /** Mean drop in held-out AUC when the column is shuffled, largest first. */
  importance: z.array(z.object({ feature: z.string(), drop: z.number() })),
  rows: z.number().int(),
  positives: z.number().int(),
  features: z.number().int(),
  dropped: z.array(z.object({ column: z.string(), reason: z.string() })),
  /** The final fit on all rows, epoch by epoch (no validation loss: every row is used). */
  history: z.array(epochLogSchema),
  /** The epoch kept in each fold (lowest validation loss). */
  bestEpochs: z.array(z.number().int()),
  backend: z.string(),
  seconds: z.number(),
});
export type TrainTableResult = z.infer<typeof trainTableResultSchema>;
