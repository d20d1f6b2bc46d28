import { z } from 'zod';

/** Schemas of the descriptive-analytics channels: analytics.rfm, analytics.cohorts and analytics.trends. */

const money = z.number();
const share = z.number().min(0).max(1);

/** The eleven named RFM segments (the map from R × FM scores to a segment is in src/engine/analytics/rfm.ts). */
export const rfmSegmentIds = [
  'champions',
  'loyal',
  'potential-loyalists',
  'new',
  'promising',
  'need-attention',
  'about-to-sleep',
  'at-risk',
  'cant-lose',
  'hibernating',
  'lost',
] as const;
export const rfmSegmentSchema = z.enum(rfmSegmentIds);
export type RfmSegment = z.infer<typeof rfmSegmentSchema>;

const score = z.number().int().min(1).max(5);

/** One cell of the R × FM grid (FM = (F + M) / 2, rounded half up). */
export const rfmCellSchema = z.object({
  r: score,
  fm: score,
  segment: rfmSegmentSchema,
  customers: z.number().int(),
  share,
  revenue: money,
  revenueShare: share,
});
export type RfmCell = z.infer<typeof rfmCellSchema>;

export const rfmSegmentSummarySchema = z.object({
  segment: rfmSegmentSchema,
  customers: z.number().int(),
  share,
  revenue: money,
  revenueShare: share,
  avgRecencyDays: z.number().nullable(),
  avgOrders: z.number().nullable(),
  avgRevenue: money.nullable(),
});
export type RfmSegmentSummary = z.infer<typeof rfmSegmentSummarySchema>;

/** What each score of one dimension covers in this workspace: customers and the range of values. */
export const rfmScoreRangeSchema = z.object({
  score,
  customers: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const rfmSummarySchema = z.object({
  /** The day recency is counted from: the latest sale in the workspace. Null without sales. */
  asOf: z.string().nullable(),
  currency: z.string(),
  /** Customers with at least one sale order (the ones scored). */
  customers: z.number().int(),
  revenue: money,
  grid: z.array(rfmCellSchema),
  segments: z.array(rfmSegmentSummarySchema),
  scores: z.object({
    recency: z.array(rfmScoreRangeSchema),
    frequency: z.array(rfmScoreRangeSchema),
    monetary: z.array(rfmScoreRangeSchema),
  }),
});
export type RfmSummary = z.infer<typeof rfmSummarySchema>;

export const cohortMetricSchema = z.enum(['retention', 'revenue', 'revenuePerCustomer']);
export type CohortMetric = z.infer<typeof cohortMetricSchema>;

export const cohortsInputSchema = z.strictObject({
  metric: cohortMetricSchema.default('retention'),
  /** The last month after acquisition shown (columns 0…maxMonths). */
  maxMonths: z.int().min(1).max(120).default(24),
});

export const cohortRowSchema = z.object({
  /** Month of the customers' first sale order, YYYY-MM. */
  cohort: z.string(),
  size: z.number().int(),
  /** Per month since acquisition (index k = 0…), up to the latest sale month or maxMonths. */
  active: z.array(z.number().int()),
  retention: z.array(share),
  revenue: z.array(money),
  revenuePerCustomer: z.array(money),
  /** The chosen metric's row (one of the three above). */
  values: z.array(z.number()),
});
export type CohortRow = z.infer<typeof cohortRowSchema>;

export const cohortsSchema = z.object({
  metric: cohortMetricSchema,
  asOf: z.string().nullable(),
  currency: z.string(),
  maxMonths: z.number().int(),
  /** Columns of the matrix: months since acquisition 0…columns − 1. */
  columns: z.number().int(),
  /** The latest sale month is not over yet: each cohort's last cell covers part of a month. */
  lastMonthPartial: z.boolean(),
  cohorts: z.array(cohortRowSchema),
  /** Customer-weighted average over the cohorts that reached each month (revenue: mean per cohort). */
  average: z.array(z.number().nullable()),
});
export type Cohorts = z.infer<typeof cohortsSchema>;

export const trendGrainSchema = z.enum(['week', 'month']);
export type TrendGrain = z.infer<typeof trendGrainSchema>;

export const trendsInputSchema = z.strictObject({ grain: trendGrainSchema.default('week') });

export const trendPeriodSchema = z.object({
  /** A week's Monday (YYYY-MM-DD, ISO weeks) or a month (YYYY-MM). */
  period: z.string(),
  revenue: money,
  orders: z.number().int(),
  activeCustomers: z.number().int(),
  avgOrderValue: money.nullable(),
  /** The sales data covers only part of this period (the first or the latest one). */
  partial: z.boolean(),
});
export type TrendPeriod = z.infer<typeof trendPeriodSchema>;

export const forecastPointSchema = z.object({
  period: z.string(),
  mean: z.number(),
  lo80: z.number(),
  hi80: z.number(),
  lo95: z.number(),
  hi95: z.number(),
});
export type ForecastPoint = z.infer<typeof forecastPointSchema>;

export const forecastModelSchema = z.object({
  kind: z.enum(['holt-winters', 'damped-trend']),
  seasonality: z.enum(['additive', 'multiplicative']).nullable(),
  /** Seasonal period in periods (52 weeks, 12 months); null without seasonality. */
  period: z.number().int().nullable(),
  alpha: z.number(),
  beta: z.number(),
  gamma: z.number().nullable(),
  phi: z.number(),
  /** Standard deviation of the one-step errors. */
  sigma: z.number(),
  trainingPeriods: z.number().int(),
  /** The model in plain words, including why it was chosen. */
  description: z.string(),
});
export type ForecastModel = z.infer<typeof forecastModelSchema>;

export const forecastErrorsSchema = z.object({
  mae: z.number(),
  rmse: z.number(),
  /** Mean absolute percentage error as a fraction, over periods with non-zero actuals; null when all were zero. */
  mape: z.number().nullable(),
  /** Symmetric MAPE as a fraction (0…2). */
  smape: z.number(),
});
export type ForecastErrors = z.infer<typeof forecastErrorsSchema>;

export const backtestSchema = z.object({
  horizon: z.number().int(),
  /** First held-out period of each rolling origin, oldest first, with the model fitted there. */
  origins: z.array(z.object({ period: z.string(), model: z.enum(['holt-winters', 'damped-trend']) })),
  /** Held-out periods scored (origins × horizon). */
  points: z.number().int(),
  ours: forecastErrorsSchema,
  baseline: forecastErrorsSchema,
  baselineKind: z.enum(['seasonal-naive', 'naive']),
});
export type Backtest = z.infer<typeof backtestSchema>;

export const forecastSchema = z.object({
  metric: z.enum(['revenue', 'orders']),
  /** Why there is no forecast (or no backtest), in plain words; null when there is nothing to say. */
  message: z.string().nullable(),
  model: forecastModelSchema.nullable(),
  points: z.array(forecastPointSchema),
  backtest: backtestSchema.nullable(),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const trendsSchema = z.object({
  grain: trendGrainSchema,
  asOf: z.string().nullable(),
  currency: z.string(),
  periods: z.array(trendPeriodSchema),
  /** Periods ahead that are forecast (13 weeks or 3 months). */
  horizon: z.number().int(),
  forecasts: z.object({ revenue: forecastSchema, orders: forecastSchema }),
});
export type Trends = z.infer<typeof trendsSchema>;
