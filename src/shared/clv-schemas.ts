import { z } from 'zod';
import { fileHandleSchema } from './file-schemas';

/** Schemas of the customer-lifetime-value channels (clv.fit, clv.predict). */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const clvModelSchema = z.enum(['bgnbd', 'pareto']);
export type ClvModel = z.infer<typeof clvModelSchema>;

export const clvUnitSchema = z.enum(['days', 'weeks']);

/** Where the customer summary comes from: the workspace's sale orders up to the calibration end, or a summary file. */
const sourceFields = {
  model: clvModelSchema.default('bgnbd'),
  /** Last day of the calibration period; default the day of the latest sale order. */
  calibrationEnd: isoDate.optional(),
  unit: clvUnitSchema.default('weeks'),
  /** A ready-made summary CSV (x/frequency, t_x/recency, T, optional monetary_value) instead of the workspace. */
  summaryFile: fileHandleSchema.optional(),
};

export const clvFitInputSchema = z.strictObject(sourceFields);

export const bgNbdParamsSchema = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() });
export const paretoNbdParamsSchema = z.object({ r: z.number(), alpha: z.number(), s: z.number(), beta: z.number() });

export const spendCorrelationSchema = z.object({
  correlation: z.number().nullable(),
  customers: z.number().int(),
  verdict: z.enum(['independent', 'weak', 'dependent', 'unknown']),
  message: z.string(),
});

export const clvFitSchema = z.object({
  model: clvModelSchema,
  unit: clvUnitSchema,
  calibrationEnd: z.string().nullable(),
  /** Named as in the papers: BG/NBD r, alpha, a, b; Pareto/NBD r, alpha, s, beta. */
  params: z.union([bgNbdParamsSchema, paretoNbdParamsSchema]),
  logLikelihood: z.number(),
  converged: z.boolean(),
  iterations: z.number().int(),
  customers: z.number().int(),
  repeatCustomers: z.number().int(),
  /** Gamma-Gamma spend model; null when there is no spend data or too few repeat buyers to fit it. */
  spend: z.object({ p: z.number(), q: z.number(), v: z.number() }).nullable(),
  /** Why there is no spend model, in plain words; null when there is one. */
  spendNote: z.string().nullable(),
  correlation: spendCorrelationSchema.nullable(),
  /** Customers in the random sample the models were fitted on when there are very many; null when fitted on all. */
  fittedOn: z.number().int().nullable(),
  /** Signs of a degenerate or unreliable fit, in plain words (empty when the fit looks sound). */
  warnings: z.array(z.string()),
});
export type ClvFit = z.infer<typeof clvFitSchema>;

export const clvPredictInputSchema = z.strictObject({
  ...sourceFields,
  /** Horizon in months. */
  horizon: z.int().min(1).max(600).default(12),
  /** Discount rate per `discountPer` (0.01 = 1 %). */
  discountRate: z.number().min(0).max(10).default(0.01),
  discountPer: z.enum(['month', 'year']).default('month'),
});

export const clvPredictionSchema = z.object({
  id: z.string(),
  pAlive: z.number(),
  /** Expected purchases over the horizon. */
  expectedPurchases: z.number(),
  /** Expected spend per purchase (Gamma-Gamma); null without a spend model. */
  expectedSpend: z.number().nullable(),
  /** Discounted value over the horizon; null without a spend model. */
  clv: z.number().nullable(),
  /**
   * BG/NBD: the expected date of the next order if the customer is still active (the median waiting time from the
   * end of the data, given their history); null for Pareto/NBD, whose customers may leave before buying again.
   */
  nextOrderDate: z.string().nullable(),
});

export const clvPredictSchema = z.object({
  fit: clvFitSchema,
  horizon: z.number().int(),
  monthlyDiscountRate: z.number(),
  rows: z.array(clvPredictionSchema),
});
export type ClvPrediction = z.infer<typeof clvPredictionSchema>;
