import { z } from 'zod';
import { clvModelSchema } from './clv-schemas';
import { recommendTrainResultSchema } from './recommend-schemas';

/**
 * Schemas of the model lab: propensity models (churn, purchase of a category) trained with TensorFlow.js on the
 * workspace, lifetime-value fits, their stored versions (model cards) and activation.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

/**
 * churn: no sale order in the H days after the cutoff. purchase: buys from `category` in those H days. clv: BG/NBD or
 * Pareto/NBD + Gamma-Gamma. recommend: per-customer product recommendations (issue 13). sentiment: a text classifier
 * of reviews learned from their star ratings.
 */
export const modelKindSchema = z.enum(['churn', 'purchase', 'clv', 'recommend', 'sentiment']);
export type ModelKind = z.infer<typeof modelKindSchema>;

const categoryName = z.string().trim().min(1).max(200);

export const propensityTrainInputSchema = z
  .strictObject({
    target: z.enum(['churn', 'purchase']),
    /** Days after the cutoff in which the label is observed (and, when scoring, the horizon of the prediction). */
    horizonDays: z.int().min(7).max(365).default(90),
    /** The category a purchase model predicts; required for `purchase`, refused for `churn`. */
    category: categoryName.optional(),
    /** Last day of the feature window; default: the latest sale day minus the horizon, so every label is observed. */
    cutoff: isoDate.optional(),
    folds: z.int().min(2).max(10).default(5),
    seed: z.int().min(0).max(2 ** 31 - 1).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.target === 'purchase' && v.category === undefined) ctx.addIssue({ code: 'custom', path: ['category'], message: 'a purchase model needs the category it predicts' });
    if (v.target === 'churn' && v.category !== undefined) ctx.addIssue({ code: 'custom', path: ['category'], message: 'a churn model takes no category' });
  });
export type PropensityTrainInput = z.output<typeof propensityTrainInputSchema>;

export const clvTrainInputSchema = z.strictObject({
  model: clvModelSchema.default('bgnbd'),
  /** Horizon of the expected purchases and CLV, in months. */
  horizonMonths: z.int().min(1).max(120).default(12),
  discountRate: z.number().min(0).max(1).default(0.01),
  discountPer: z.enum(['month', 'year']).default('month'),
});
export type ClvTrainInput = z.output<typeof clvTrainInputSchema>;

export const lossPointSchema = z.object({
  /** 1-based cross-validation fold, or null for the final fit on all rows. */
  fold: z.number().int().nullable(),
  epoch: z.number().int(),
  loss: z.number(),
  valLoss: z.number().nullable(),
  /** GAN training (synthetic twin): both losses of the epoch and the validation quality when measured (loss is the generator's). */
  gan: z.object({ generator: z.number(), discriminator: z.number(), quality: z.number().nullable() }).optional(),
});
export type LossPoint = z.infer<typeof lossPointSchema>;

export const featureInfoSchema = z.object({ name: z.string(), label: z.string(), description: z.string() });

export const propensityMetricsSchema = z.object({
  aucMean: z.number(),
  aucFolds: z.array(z.number()),
  aucCi: z.object({ low: z.number(), high: z.number() }),
  prAuc: z.number(),
  logLoss: z.number(),
  brier: z.number(),
  /** Share of positives in the training rows (the base rate lift is measured against). */
  baseRate: z.number(),
  lift: z.array(z.object({ decile: z.number().int(), customers: z.number().int(), positives: z.number().int(), rate: z.number(), lift: z.number() })),
  calibration: z.array(z.object({ predicted: z.number(), observed: z.number(), count: z.number().int() })),
  importance: z.array(z.object({ feature: z.string(), label: z.string(), drop: z.number() })),
});
export type PropensityMetrics = z.infer<typeof propensityMetricsSchema>;

export const clvMetricsSchema = z.object({
  params: z.record(z.string(), z.number()),
  logLikelihood: z.number(),
  converged: z.boolean(),
  repeatCustomers: z.number().int(),
  spend: z.object({ p: z.number(), q: z.number(), v: z.number() }).nullable(),
  spendNote: z.string().nullable(),
  horizonMonths: z.number().int(),
  totalClv: z.number().nullable(),
  meanPAlive: z.number(),
  /**
   * The literature's validation: fitted again on a calibration period, compared with the holdout after it
   * (cumulative repeat purchases week by week, and mean holdout purchases by calibration frequency). Null when the
   * history is too short to hold any out.
   */
  validation: z
    .object({
      calibrationEnd: z.string(),
      observationEnd: z.string(),
      tracking: z.array(z.object({ periodEnd: z.string(), holdout: z.boolean(), actual: z.number(), expected: z.number(), conditionalExpected: z.number().nullable() })),
      conditional: z.array(z.object({ frequency: z.string(), customers: z.number().int(), actual: z.number(), predicted: z.number() })),
      /** Repeat purchases in the holdout: what happened and what the calibration fit predicted for the same customers. */
      holdoutActual: z.number(),
      holdoutPredicted: z.number(),
    })
    .nullable(),
});

/** A review sentiment model's cross-validation: the model kept, its held-out accuracy and AUC, and the word list's on the same reviews. */
export const textMetricsSchema = z.object({
  /** nb-logistic: logistic regression on naive-Bayes-weighted n-grams; tfidf-logistic: on TF-IDF-weighted n-grams. */
  model: z.enum(['nb-logistic', 'tfidf-logistic']),
  accuracyMean: z.number(),
  aucMean: z.number(),
  folds: z.array(z.object({ fold: z.number().int(), rows: z.number().int(), accuracy: z.number(), auc: z.number() })),
  candidates: z.array(z.object({ model: z.enum(['nb-logistic', 'tfidf-logistic']), accuracyMean: z.number(), aucMean: z.number() })),
  /** Words, word pairs and character n-grams in the vocabulary. */
  terms: z.number().int(),
  /** Accuracy of the VADER word list on the same rated reviews (the fallback the model must beat). */
  lexiconAccuracy: z.number(),
});
export type TextMetrics = z.infer<typeof textMetricsSchema>;

export const dataWindowSchema = z.object({
  /** First and last day of the orders the features were computed from. */
  from: z.string().nullable(),
  cutoff: z.string(),
  /** Last day of the label window (cutoff + horizon); null for lifetime-value fits. */
  labelEnd: z.string().nullable(),
  horizonDays: z.number().int().nullable(),
  category: z.string().nullable(),
});

export const modelSummarySchema = z.object({
  id: z.number().int(),
  kind: modelKindSchema,
  category: z.string().nullable(),
  version: z.number().int(),
  active: z.boolean(),
  backend: z.string(),
  createdAt: z.string(),
  /** Rows (customers) the model was trained or fitted on. */
  rows: z.number().int(),
  /** The headline quality figure: cross-validated AUC for propensity models, log-likelihood for lifetime value. */
  headline: z.object({ name: z.string(), value: z.number() }),
  warnings: z.array(z.string()),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const modelCardSchema = modelSummarySchema.extend({
  dataWindow: dataWindowSchema,
  features: z.array(featureInfoSchema),
  positives: z.number().int().nullable(),
  seconds: z.number(),
  propensity: propensityMetricsSchema.nullable(),
  clv: clvMetricsSchema.nullable(),
  /** A recommendation version's evaluation (its training result without the id and version, which the card has). */
  recommend: recommendTrainResultSchema.omit({ modelId: true, version: true }).nullable().optional(),
  /** Present on review sentiment models only. */
  text: textMetricsSchema.optional(),
  history: z.array(lossPointSchema),
  /** Customers scored when this version was last activated. */
  scored: z.number().int().nullable(),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

/** What the model lab offers before training: categories to predict and whether the data is enough. */
export const modelOptionsSchema = z.object({
  firstOrderDate: z.string().nullable(),
  lastOrderDate: z.string().nullable(),
  historyDays: z.number().int(),
  customersWithOrders: z.number().int(),
  categories: z.array(z.object({ name: z.string(), customers: z.number().int() })),
  defaultHorizonDays: z.number().int(),
  /** Null when there is enough history to train; else what is missing, in plain words. */
  notEnough: z.string().nullable(),
  retrainAfterImport: z.boolean(),
});
export type ModelOptions = z.infer<typeof modelOptionsSchema>;

/** What a model.train / clv.train / model.score job reports when done. */
export const modelJobResultSchema = z.object({ modelId: z.number().int(), version: z.number().int(), scored: z.number().int(), card: modelCardSchema });
export type ModelJobResult = z.infer<typeof modelJobResultSchema>;

/** A customer's scores and the reasons behind their churn risk, for the customer 360. */
export const customerScoresSchema = z.object({
  churnRisk: z.number().nullable(),
  churnHorizonDays: z.number().int().nullable(),
  reasons: z.array(z.object({ feature: z.string(), text: z.string(), direction: z.enum(['raises', 'lowers']), effect: z.number() })),
  pAlive: z.number().nullable(),
  expectedPurchases: z.number().nullable(),
  clv: z.number().nullable(),
  /** BG/NBD: the expected date of the next order if the customer is still active. */
  nextOrderDate: z.string().nullable(),
  clvHorizonMonths: z.number().int().nullable(),
  rfmSegment: z.string().nullable(),
  purchase: z.array(z.object({ category: z.string(), probability: z.number() })),
});
export type CustomerScores = z.infer<typeof customerScoresSchema>;
