import { z } from 'zod';
import { archiveInput } from './security-schemas';
import { fileHandleSchema, workspaceNameSchema } from './file-schemas';

/**
 * The synthetic twin (issue 14): a generative model learns a table (an imported table, the customer feature table,
 * or a CSV file) and samples a new table with the same statistics and no real person in it. Two methods side by
 * side: a conditional tabular GAN (CTGAN-like, TensorFlow.js) and a Gaussian copula (the fast baseline). Every
 * trained model gets a quality report and a privacy report measured on rows it never saw (a holdout).
 */

export const synthMethodSchema = z.enum(['gan', 'copula']);
export type SynthMethod = z.infer<typeof synthMethodSchema>;

/** Where the rows come from: an imported table of the open workspace, the customer feature table, or a file. */
export const synthSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('table'), table: z.enum(['customers', 'orders', 'order_lines', 'products', 'reviews', 'campaign_results']) }),
  /** One row per customer: RFM, lifetime value, churn risk, top category, country… (the explorer's figures). */
  z.strictObject({ kind: z.literal('customer-features') }),
  z.strictObject({ kind: z.literal('file'), file: fileHandleSchema }),
]);
export type SynthSource = z.infer<typeof synthSourceSchema>;

/**
 * What a column is to the synthesizer. `numeric`, `categorical` and `datetime` are learned; `id`, `pii` (names,
 * e-mails, phones, addresses) and `text` (free text) are never learned: they are left out of the twin, or filled with
 * fake values when the user asks (`fill`).
 */
export const synthRoleSchema = z.enum(['numeric', 'categorical', 'datetime', 'id', 'pii', 'text']);
export type SynthRole = z.infer<typeof synthRoleSchema>;
export const LEARNED_ROLES: readonly SynthRole[] = ['numeric', 'categorical', 'datetime'];

export const synthColumnsInputSchema = z.strictObject({ source: synthSourceSchema });

/** A column as detected, before the user edits the roles. Samples are never shown for id/pii/text columns. */
export const synthColumnInfoSchema = z.object({
  name: z.string(),
  role: synthRoleSchema,
  /** Why this role was chosen, in plain words ("looks like e-mail addresses", "12 distinct values"). */
  reason: z.string(),
  distinct: z.number().int(),
  missing: z.number().int(),
  /** A few example values (only for learned roles). */
  examples: z.array(z.string()),
});
export type SynthColumnInfo = z.infer<typeof synthColumnInfoSchema>;

export const synthColumnsSchema = z.object({
  source: z.string(),
  rows: z.number().int(),
  columns: z.array(synthColumnInfoSchema),
});
export type SynthColumns = z.infer<typeof synthColumnsSchema>;

const seedSchema = z.int().min(0).max(2 ** 31 - 1);

/**
 * The GAN's epochs when none are asked for (the UI, the CLI and the engine share it). An epoch is one pass in batches
 * of 200 rows: 64 epochs of Adult (22,561 rows) are ~7,200 steps, about 9 minutes on two cores with WebAssembly. On Adult
 * three seeds kept epochs 48, 52 and 62 (early stopping ended two of them at 60 and 64), so 68, the old default, made
 * the same twins in more time.
 */
export const GAN_DEFAULT_EPOCHS = 64;

export const synthTrainInputSchema = z.strictObject({
  source: synthSourceSchema,
  /** Every column of the source with the role the user confirmed; columns not listed are left out. */
  columns: z.array(z.strictObject({ name: z.string().min(1).max(1000), role: synthRoleSchema })).min(1).max(500),
  /** The column machine-learning efficacy predicts (yes/no or a category); none: efficacy is not measured. */
  target: z.string().min(1).max(1000).optional(),
  /** The target value that counts as the outcome (">50K"); needed when the values do not say it. */
  positive: z.string().trim().min(1).max(1000).optional(),
  methods: z.array(synthMethodSchema).min(1).max(2).default(['gan', 'copula']),
  /** GAN epochs at most (early stopping may end sooner); see GAN_DEFAULT_EPOCHS. */
  epochs: z.int().min(1).max(2000).default(GAN_DEFAULT_EPOCHS),
  seed: seedSchema.default(1),
  /** Share of rows kept aside (never learned) to measure quality, efficacy and privacy against. */
  holdout: z.number().min(0.05).max(0.5).default(0.2),
  /** Differentially private training of the GAN's discriminator (DP-SGD); off by default. */
  dp: z.strictObject({ epsilon: z.number().min(0.1).max(100), delta: z.number().positive().max(0.01).optional() }).optional(),
});
export type SynthTrainInput = z.output<typeof synthTrainInputSchema>;

/** Shape similarity of one column: 1 − Kolmogorov–Smirnov statistic (numbers, dates) or 1 − total variation (categories). */
export const columnShapeSchema = z.object({
  column: z.string(),
  kind: z.enum(['numeric', 'categorical', 'datetime']),
  metric: z.enum(['ks-complement', 'tv-complement']),
  score: z.number().min(0).max(1),
  /** Real and synthetic distributions on the same bins (numbers) or levels (categories), as shares, for the chart. */
  bins: z.array(z.object({ label: z.string(), real: z.number(), synthetic: z.number() })),
});
export type ColumnShape = z.infer<typeof columnShapeSchema>;

/** Trend similarity of one pair: 1 − |Δ correlation| / 2 (numbers) or 1 − total variation of the contingency table. */
export const pairTrendSchema = z.object({
  a: z.string(),
  b: z.string(),
  metric: z.enum(['correlation-similarity', 'contingency-similarity']),
  score: z.number().min(0).max(1),
  real: z.number().nullable(),
  synthetic: z.number().nullable(),
});
export type PairTrend = z.infer<typeof pairTrendSchema>;

export const qualityReportSchema = z.object({
  /** Mean of columnShapes and pairTrends (SDMetrics' overall quality score), 0..1. */
  score: z.number().min(0).max(1),
  columnShapes: z.number().min(0).max(1),
  pairTrends: z.number().min(0).max(1),
  columns: z.array(columnShapeSchema),
  pairs: z.array(pairTrendSchema),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

export const efficacyScoresSchema = z.object({ accuracy: z.number(), f1: z.number(), auc: z.number().nullable() });
/** Machine-learning efficacy: the app's own propensity trainer trained on real rows and on synthetic rows, both tested on the real holdout. */
export const efficacyReportSchema = z.object({
  target: z.string(),
  positive: z.string(),
  testRows: z.number().int(),
  real: efficacyScoresSchema,
  synthetic: efficacyScoresSchema,
});
export type EfficacyReport = z.infer<typeof efficacyReportSchema>;

/**
 * Privacy: distance to the closest record (DCR) in the training rows, for each synthetic row and for each holdout
 * row (the anchor: a synthetic row should be no closer to training rows than an unseen real row is), and for random
 * rows drawn from the columns' ranges (the far anchor). Exact copies are dropped from the twin and counted here.
 */
export const privacyReportSchema = z.object({
  exactCopies: z.number().int(),
  /** Synthetic rows checked (after dropping exact copies). */
  rows: z.number().int(),
  dcr: z.object({
    syntheticMedian: z.number(),
    holdoutMedian: z.number(),
    randomMedian: z.number(),
    /** syntheticMedian / holdoutMedian: below 1 means the twin sits closer to training rows than unseen people do. */
    medianRatio: z.number(),
    /** Share of synthetic rows closer to a training row than to every holdout row (0.5 is ideal, SDMetrics' DCROverfittingProtection). */
    closerToTrain: z.number().min(0).max(1),
    /** Histogram of the three DCR distributions on shared bins, for the chart. */
    bins: z.array(z.object({ upTo: z.number(), synthetic: z.number(), holdout: z.number(), random: z.number() })),
  }),
  /** Membership inference: AUC of telling training rows from holdout rows by their distance to the twin (0.5 = no better than a coin). */
  membershipAuc: z.number().min(0).max(1),
  verdict: z.enum(['safe', 'caution', 'unsafe']),
  /** Plain reasons for the verdict, one sentence each. */
  reasons: z.array(z.string()),
  /** Differential privacy of the training, when it was asked for. */
  dp: z.object({ epsilon: z.number(), delta: z.number() }).nullable(),
});
export type PrivacyReport = z.infer<typeof privacyReportSchema>;

export const ganEpochSchema = z.object({
  epoch: z.number().int(),
  generator: z.number(),
  discriminator: z.number(),
  /** Quality score of a validation sample against the holdout, when measured at this epoch. */
  quality: z.number().nullable(),
});
export type GanEpoch = z.infer<typeof ganEpochSchema>;

export const synthModelSummarySchema = z.object({
  id: z.number().int(),
  method: synthMethodSchema,
  source: z.string(),
  createdAt: z.string(),
  /** Rows learned (the training part, after the holdout was set aside). */
  rows: z.number().int(),
  columns: z.number().int(),
  quality: z.number(),
  verdict: z.enum(['safe', 'caution', 'unsafe']),
  seed: z.number().int(),
  backend: z.string(),
  seconds: z.number(),
});
export type SynthModelSummary = z.infer<typeof synthModelSummarySchema>;

export const synthModelReportSchema = synthModelSummarySchema.extend({
  columnRoles: z.array(z.object({ name: z.string(), role: synthRoleSchema })),
  target: z.string().nullable(),
  quality: z.number(),
  qualityReport: qualityReportSchema,
  efficacy: efficacyReportSchema.nullable(),
  privacy: privacyReportSchema,
  /** GAN only: losses and validation quality per epoch, and the epoch whose generator was kept. */
  history: z.array(ganEpochSchema),
  bestEpoch: z.number().int().nullable(),
  epochs: z.number().int().nullable(),
});
export type SynthModelReport = z.infer<typeof synthModelReportSchema>;

export const synthTrainResultSchema = z.object({
  models: z.array(synthModelReportSchema),
  backend: z.string(),
  seconds: z.number(),
});
export type SynthTrainResult = z.infer<typeof synthTrainResultSchema>;

export const synthModelIdSchema = z.strictObject({ id: z.int().positive() });

export const synthSampleInputSchema = z.strictObject({
  /** The model to sample from; by default the last one trained in the workspace. */
  modelId: z.int().positive().optional(),
  rows: z.int().min(1).max(10_000_000),
  seed: seedSchema.default(1),
  /** Fill id and personal columns with fake values instead of leaving them out. */
  fill: z.boolean().default(false),
  /** Where to write the CSV: a save-dialog handle on the desktop or from the CLI; by default a file in exports/. */
  file: fileHandleSchema.optional(),
  ...archiveInput,
});
export type SynthSampleInput = z.output<typeof synthSampleInputSchema>;

export const synthSampleResultSchema = z.object({
  modelId: z.number().int(),
  /** The file's name (in exports/ unless the user chose where). */
  file: z.string(),
  rows: z.number().int(),
  /** Sampled rows that copied a real training row exactly and were dropped (and replaced). */
  droppedCopies: z.number().int(),
  seconds: z.number(),
  rowsPerSecond: z.number(),
  /** Plain CSVs are not encrypted (said where the file is offered); true when packed into an AES-256 archive. */
  encrypted: z.boolean(),
});
export type SynthSampleResult = z.infer<typeof synthSampleResultSchema>;

export const synthWorkspaceInputSchema = z.strictObject({
  modelId: z.int().positive().optional(),
  /** A new workspace's name, in the workspaces home; it must not exist. */
  name: workspaceNameSchema,
  rows: z.int().min(1).max(1_000_000),
  seed: seedSchema.default(1),
});
export type SynthWorkspaceInput = z.output<typeof synthWorkspaceInputSchema>;

export const synthWorkspaceResultSchema = z.object({
  modelId: z.number().int(),
  name: z.string(),
  customers: z.number().int(),
  orders: z.number().int(),
  /** What the new workspace holds and how it was made, in plain words. */
  summary: z.string(),
});
export type SynthWorkspaceResult = z.infer<typeof synthWorkspaceResultSchema>;
