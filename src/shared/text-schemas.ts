import { z } from 'zod';
import { fileHandleSchema } from './file-schemas';

/** Schemas of the text-training channel (text.trainTable): a positive/negative text classifier cross-validated on a CSV file. */

export const textModelKindSchema = z.enum(['nb-logistic', 'tfidf-logistic']);

export const textTrainInputSchema = z.strictObject({
  /** A CSV file with a header row, one text per row (a handle to the user's choice); read in place, never copied. */
  file: fileHandleSchema,
  /** The column holding the text (a review, a comment, an answer). */
  textColumn: z.string().min(1).max(1000),
  /** The column holding each text's label. */
  target: z.string().min(1).max(1000),
  /** The target value that counts as positive, the others as negative; needed when the values do not say it. */
  positive: z.string().trim().min(1).max(1000).optional(),
  folds: z.int().min(2).max(20).default(5),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
});
export type TextTrainInput = z.output<typeof textTrainInputSchema>;

const foldSchema = z.object({ fold: z.number().int(), rows: z.number().int(), accuracy: z.number(), auc: z.number() });

/** What a finished text.trainTable job reports: cross-validated metrics only (nothing is stored). */
export const textTrainResultSchema = z.object({
  file: z.string(),
  textColumn: z.string(),
  target: z.string(),
  positive: z.string().nullable(),
  /** The model kept: the more accurate of the two in cross-validation. */
  model: textModelKindSchema,
  /** Mean of the per-fold accuracies on held-out rows. */
  accuracyMean: z.number(),
  /** Mean of the per-fold ROC AUCs on held-out rows. */
  aucMean: z.number(),
  folds: z.array(foldSchema),
  /** Every model that competed, on the same folds. */
  candidates: z.array(z.object({ model: textModelKindSchema, accuracyMean: z.number(), aucMean: z.number() })),
  rows: z.number().int(),
  positives: z.number().int(),
  /** Words, word pairs and character n-grams in the final model's vocabulary. */
  terms: z.number().int(),
  backend: z.string(),
  seconds: z.number(),
});
export type TextTrainResult = z.infer<typeof textTrainResultSchema>;
