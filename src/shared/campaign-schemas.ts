import { z } from 'zod';
import { archiveInput } from './security-schemas';
import { fileHandleSchema } from './file-schemas';
import { copyFieldsSchema, copyGoals } from './copy-schemas';
import { segmentRuleSchema } from './segment-schemas';

/**
 * The campaign builder (issue 11): a plan (goal, audience, channel and timing, content, experiment, forecast
 * inputs) saved as a draft at every change, frozen into a snapshot of who is in which arm at export, then measured
 * against imported results and the holdout's own orders.
 */

export const campaignChannels = ['email', 'sms', 'ads'] as const;
export type CampaignChannel = (typeof campaignChannels)[number];
export const campaignStatuses = ['draft', 'exported', 'results'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
/** Where a campaign came from: built here, imported with its results, or part of the demo shop. */
export const campaignSources = ['builder', 'imported', 'demo'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.int().min(1);
const share = z.number().finite().min(0).max(1);

export const HOLDOUT_ARM = 'holdout';
export const MAX_ARMS = 6;

/** Who is left out, applied in this order after the segments or rule chose the audience. */
export const exclusionsSchema = z.strictObject({
  /** Frequency cap: anyone sent any campaign (imported, demo or exported here) in the last N days before the send date. */
  contactedWithinDays: z.int().min(1).max(365).optional(),
  /** E-mail and SMS need consent; ads audiences usually too. */
  notAcceptingMarketing: z.boolean().default(true),
  /** Customers the lifetime-value model thinks have probably left. */
  pAliveBelow: z.number().finite().gt(0).lt(1).optional(),
  /** Already bought the promoted product (SKU) or category, within N days (all history when left out). */
  alreadyBought: z
    .strictObject({
      sku: text(120).optional(),
      category: text(120).optional(),
      withinDays: z.int().min(1).max(3650).optional(),
    })
    .optional(),
});
export type Exclusions = z.output<typeof exclusionsSchema>;

export const capScores = ['purchase', 'churn', 'uplift'] as const;
export type CapScore = (typeof capScores)[number];
/** Keep only the N customers with the highest predicted response. `auto`: churn-save score for win-back and
 * retention, purchase score otherwise, whichever model is active. */
export const audienceCapSchema = z.strictObject({
  size: z.int().min(1).max(10_000_000),
  by: z.enum(['auto', ...capScores]).default('auto'),
});

export const audienceSpecSchema = z
  .strictObject({
    segmentIds: z.array(id).max(20).default([]),
    /** The CLI's shorthand for one segment. */
    segmentId: id.optional(),
    rule: segmentRuleSchema.optional(),
    exclusions: exclusionsSchema.default({ notAcceptingMarketing: true }),
    cap: audienceCapSchema.optional(),
  })
  .transform(({ segmentId, ...rest }) => ({
    ...rest,
    segmentIds: segmentId !== undefined && !rest.segmentIds.includes(segmentId) ? [segmentId, ...rest.segmentIds] : rest.segmentIds,
  }));
export type AudienceSpec = z.output<typeof audienceSpecSchema>;
export type AudienceSpecInput = z.input<typeof audienceSpecSchema>;

/** An arm's content: a copy-library item chosen in the studio, or fields written here. */
export const armContentSchema = z.strictObject({
  libraryItemId: id.optional(),
  fields: copyFieldsSchema.optional(),
});
export const armSchema = z.strictObject({
  name: text(40).refine((name) => name.toLowerCase() !== HOLDOUT_ARM, { message: `"${HOLDOUT_ARM}" is the control group's name` }),
  /** Share of the contacted audience (the arms' shares are renormalised); equal when left out. */
  weight: z.number().finite().gt(0).max(100).optional(),
  content: armContentSchema.optional(),
});
export type ArmPlan = z.output<typeof armSchema>;

export const experimentPlanSchema = z.strictObject({
  /** Baseline conversion rate; from the workspace's history for this channel and goal when left out. */
  baseline: z.number().finite().gt(0).lt(1).optional(),
  /** Minimum detectable effect, absolute (0.01 = one percentage point). */
  mde: z.number().finite().gt(0).lt(1).default(0.01),
  alpha: z.number().finite().gt(0).max(0.5).default(0.05),
  power: z.number().finite().gt(0).lt(1).default(0.8),
  /** Days after the send in which an order counts as a response (also the holdout's window). */
  windowDays: z.int().min(1).max(90).default(7),
});

export const forecastInputsSchema = z.strictObject({
  costPerContact: z.number().finite().min(0).max(1000).default(0),
  budget: z.number().finite().min(0).max(1e12).optional(),
});

export const campaignPlanSchema = z.strictObject({
  name: text(120),
  goal: z.enum(copyGoals).default('promotion'),
  channel: z.enum(campaignChannels),
  audience: audienceSpecSchema,
  /** When it goes out; a week from today when left out. */
  sendDate: isoDate.optional(),
  arms: z.array(armSchema).min(1).max(MAX_ARMS).default([{ name: 'A' }]),
  /** Share of the audience kept as a control group that receives nothing. */
  holdout: share.max(0.9).default(0.1),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
  experiment: experimentPlanSchema.default({ mde: 0.01, alpha: 0.05, power: 0.8, windowDays: 7 }),
  forecast: forecastInputsSchema.default({ costPerContact: 0 }),
});
export type CampaignPlan = z.output<typeof campaignPlanSchema>;
export type CampaignPlanInput = z.input<typeof campaignPlanSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Lists, audiences, power and forecasts.

const groupSizeSchema = z.object({ name: z.string(), size: z.int(), holdout: z.boolean(), share: z.number() });

export const campaignSummarySchema = z.object({
  id: z.int(),
  name: z.string(),
  channel: z.string(),
  goal: z.string().nullable(),
  status: z.enum(campaignStatuses),
  source: z.enum(campaignSources),
  sendDate: isoDate,
  subject: z.string().nullable(),
  /** Everyone in the snapshot (arms and holdout), or null before export for built campaigns. */
  audience: z.int().nullable(),
  groups: z.array(groupSizeSchema),
  recipients: z.int(),
  opened: z.int(),
  clicked: z.int(),
  converted: z.int(),
  revenue: z.number(),
  updatedAt: z.string().nullable(),
});
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

export const exclusionCountSchema = z.object({ reason: z.string(), label: z.string(), removed: z.int() });

export const audienceResultSchema = z.object({
  /** Matched by the segments or rule, before exclusions. */
  matched: z.int(),
  exclusions: z.array(exclusionCountSchema),
  /** What is left after exclusions and the cap. */
  size: z.int(),
  cap: z
    .object({ size: z.int(), score: z.enum(capScores), label: z.string(), model: z.string().nullable(), available: z.boolean(), note: z.string() })
    .nullable(),
  /** Customers by the hour of day they usually order (0–23, local shop time); `unknown` have no orders. */
  sendHours: z.array(z.int()).length(24),
  sendHoursUnknown: z.int(),
  strata: z.array(z.object({ stratum: z.string(), size: z.int() })),
  groups: z.array(groupSizeSchema),
  /** A few members, for previews of personalised copy. */
  sampleCustomerIds: z.array(z.int()),
  /** True when the audience comes from the export's frozen snapshot, not from today's data. */
  frozen: z.boolean(),
});
export type AudienceResult = z.infer<typeof audienceResultSchema>;

export const powerInputSchema = z.strictObject({
  baseline: z.number().finite(),
  mde: z.number().finite(),
  alpha: z.number().finite().default(0.05),
  power: z.number().finite().default(0.8),
  /** Every group compared, the control included. */
  groups: z.int().min(2).max(MAX_ARMS + 1).default(2),
  variance: z.enum(['pooled', 'unpooled']).default('pooled'),
});
export const powerResultSchema = z.object({
  perArm: z.int(),
  total: z.int(),
  alphaPerComparison: z.number(),
  comparisons: z.int(),
  corrected: z.boolean(),
  note: z.string(),
});
export type PowerResult = z.infer<typeof powerResultSchema>;

export const experimentResultSchema = z.object({
  baseline: z.object({ rate: z.number(), source: z.enum(['history', 'plan', 'default']), text: z.string(), campaigns: z.int() }),
  power: powerResultSchema,
  /** The smallest group of the plan (the holdout or an arm), which limits the test. */
  smallestGroup: z.int(),
  /** With this audience and split: the smallest absolute effect the test can detect, or null when none. */
  detectableEffect: z.number().nullable(),
  enough: z.boolean(),
  warnings: z.array(z.string()),
  suggestions: z.array(z.string()),
  comparisonsText: z.string(),
});
export type ExperimentResult = z.infer<typeof experimentResultSchema>;

const interval = z.object({ mean: z.number(), low: z.number(), high: z.number() });
export const forecastResultSchema = z.object({
  source: z.enum(['model', 'history', 'none']),
  sourceText: z.string(),
  contacted: z.int(),
  holdout: z.int(),
  responseRate: interval,
  responders: interval,
  revenue: interval,
  incrementalRevenue: interval,
  cost: z.number(),
  /** (incremental revenue − cost) / cost; null without a cost. */
  roi: interval.nullable(),
  budget: z.object({ budget: z.number(), affordableContacts: z.int(), withinBudget: z.boolean() }).nullable(),
  currency: z.string(),
});
export type ForecastResult = z.infer<typeof forecastResultSchema>;

export const upliftResultSchema = z.object({
  campaignId: z.int(),
  trained: z.boolean(),
  text: z.string(),
  treated: z.int(),
  control: z.int(),
  deciles: z.array(z.object({ decile: z.int(), customers: z.int(), treatedRate: z.number().nullable(), controlRate: z.number().nullable(), uplift: z.number().nullable() })),
  qini: z.number().nullable(),
  /** Customers of the campaign's audience today whose predicted uplift is positive. */
  persuadable: z.int(),
});
export type UpliftResult = z.infer<typeof upliftResultSchema>;

export const campaignDetailSchema = campaignSummarySchema.extend({
  plan: campaignPlanSchema.nullable(),
  /** The last uplift model fitted on this campaign's results, if any. */
  uplift: upliftResultSchema.nullable(),
  exportedAt: z.string().nullable(),
  exportFolder: z.string().nullable(),
  hasResults: z.boolean(),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Export and results.

export const campaignExportInputSchema = z.strictObject({
  id,
  /** The folder the user chose (a handle from the desktop dialog or the command line); a new folder under exports/ when left out. */
  folder: fileHandleSchema.optional(),
  reveal: z.boolean().default(false),
  ...archiveInput,
});
export const campaignExportResultSchema = z.object({
  folder: z.string(),
  files: z.array(z.object({ name: z.string(), rows: z.int(), description: z.string() })),
  recipients: z.int(),
  holdout: z.int(),
  revealed: z.boolean(),
  /** True when this export froze the audience (the first one); later exports reuse the same snapshot. */
  froze: z.boolean(),
});
export type CampaignExportResult = z.infer<typeof campaignExportResultSchema>;

export const armReportSchema = z.object({
  name: z.string(),
  holdout: z.boolean(),
  plannedShare: z.number(),
  recipients: z.int(),
  delivered: z.int().nullable(),
  opened: z.int(),
  clicked: z.int(),
  conversions: z.int(),
  rate: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  revenue: z.number(),
  revenuePerRecipient: z.number(),
  rprLow: z.number(),
  rprHigh: z.number(),
  /** Holdout only: conversions counted from the order history (no rows in the results file). */
  fromOrders: z.boolean(),
  expectedLoss: z.number(),
  probabilityBest: z.number(),
});
export const comparisonSchema = z.object({
  arm: z.string(),
  against: z.string(),
  lift: z.number(),
  liftLow: z.number(),
  liftHigh: z.number(),
  relativeLift: z.number().nullable(),
  relativeLow: z.number().nullable(),
  relativeHigh: z.number().nullable(),
  pValue: z.number(),
  adjustedPValue: z.number(),
  probabilityBest: z.number(),
  revenuePerRecipientLift: z.number(),
  rprLiftLow: z.number(),
  rprLiftHigh: z.number(),
});
export const verdictOutcomes = ['winner', 'promising', 'no-difference', 'cant-tell', 'srm'] as const;
export const campaignReportSchema = z.object({
  campaignId: z.int(),
  name: z.string(),
  windowDays: z.int(),
  window: z.object({ from: isoDate, to: isoDate }),
  arms: z.array(armReportSchema),
  comparisons: z.array(comparisonSchema),
  srm: z.object({ chiSquare: z.number(), pValue: z.number(), mismatch: z.boolean() }),
  incremental: z
    .object({ orders: interval, revenue: interval, against: z.string() })
    .nullable(),
  verdict: z.object({ outcome: z.enum(verdictOutcomes), text: z.string() }),
  currency: z.string(),
  notes: z.array(z.string()),
});
export type CampaignReport = z.infer<typeof campaignReportSchema>;

export const compareRowSchema = z.object({
  id: z.int(),
  name: z.string(),
  channel: z.string(),
  sendDate: isoDate,
  recipients: z.int(),
  openRate: z.number().nullable(),
  clickRate: z.number().nullable(),
  conversionRate: z.number(),
  revenuePerRecipient: z.number(),
  /** Conversion rate and revenue per recipient by RFM segment (today's), for segments with recipients. */
  bySegment: z.array(z.object({ segment: z.string(), recipients: z.int(), conversionRate: z.number(), revenuePerRecipient: z.number() })),
});


export { campaignPlanSchema as campaignCreateInputSchema };
export const campaignUpdateInputSchema = z.strictObject({ id, plan: campaignPlanSchema });
export const campaignResultsInputSchema = z.strictObject({ id, file: fileHandleSchema });
export const campaignRefSchema = z.strictObject({ id });
export const campaignCompareInputSchema = z.strictObject({ ids: z.array(id).min(1).max(8) });
