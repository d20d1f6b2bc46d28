import { z } from 'zod';
import { customerColumnSchema } from './customer-schemas';

/**
 * The segment rule language (README: "Segment rules"). A rule is a group — `{"all":[…]}`, `{"any":[…]}`,
 * `{"not":RULE}` — or a condition on a field (`{"field","op","value"}`) or an event (`{"event":"purchased",…}`).
 * The engine compiles it to SQL with bound parameters only; field names never reach SQL text except through the
 * engine's whitelist. Limits keep a hostile or accidental rule from exhausting the machine.
 */

export const RULE_LIMITS = {
  depth: 8,
  children: 50,
  listItems: 1000,
  text: 200,
  /** Absolute value of any number in a rule. */
  number: 1e15,
  /** Conditions in a whole rule. */
  conditions: 200,
} as const;

/** Fields a condition can test: the explorer's columns except personal contact data, plus marketing consent. */
export const segmentFields = [
  'customerId',
  'country',
  'city',
  'signupDate',
  'acceptsMarketing',
  'firstOrderDate',
  'lastOrderDate',
  'recencyDays',
  'orders',
  'revenue',
  'avgOrderValue',
  'tenureDays',
  'returns',
  'topCategory',
  'rfmSegment',
  'churnRisk',
  'pAlive',
  'expectedPurchases',
  'clv',
] as const;
export const segmentFieldSchema = z.enum(segmentFields);
export type SegmentField = z.infer<typeof segmentFieldSchema>;

export type SegmentFieldKind = 'text' | 'number' | 'date' | 'boolean';
export const segmentFieldKinds: Record<SegmentField, SegmentFieldKind> = {
  customerId: 'text',
  country: 'text',
  city: 'text',
  signupDate: 'date',
  acceptsMarketing: 'boolean',
  firstOrderDate: 'date',
  lastOrderDate: 'date',
  recencyDays: 'number',
  orders: 'number',
  revenue: 'number',
  avgOrderValue: 'number',
  tenureDays: 'number',
  returns: 'number',
  topCategory: 'text',
  rfmSegment: 'text',
  churnRisk: 'number',
  pAlive: 'number',
  expectedPurchases: 'number',
  clv: 'number',
};

export const segmentOps = ['=', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'between', 'contains', 'isNull', 'notNull'] as const;
export const segmentOpSchema = z.enum(segmentOps);
export type SegmentOp = z.infer<typeof segmentOpSchema>;

/** Which operators apply to which kind of field. */
export const opsForKind: Record<SegmentFieldKind, readonly SegmentOp[]> = {
  text: ['=', '!=', 'in', 'notIn', 'contains', 'isNull', 'notNull'],
  number: ['=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'notIn', 'isNull', 'notNull'],
  date: ['=', '!=', '<', '<=', '>', '>=', 'between', 'isNull', 'notNull'],
  boolean: ['=', '!=', 'isNull', 'notNull'],
};

const text = z.string().max(RULE_LIMITS.text, `at most ${RULE_LIMITS.text} characters`);
const num = z.number().finite().min(-RULE_LIMITS.number).max(RULE_LIMITS.number);
const scalar = z.union([num, text, z.boolean()]);

export const fieldConditionSchema = z.strictObject({
  field: segmentFieldSchema,
  op: segmentOpSchema,
  /** A single value; a list for in/notIn; [low, high] for between; absent for isNull/notNull. */
  value: z.union([scalar, z.array(scalar).max(RULE_LIMITS.listItems, `at most ${RULE_LIMITS.listItems} values`)]).optional(),
});
export type FieldCondition = z.infer<typeof fieldConditionSchema>;

const withinDays = z.int().min(1).max(36_500);
const times = z.int().min(0).max(1_000_000);

/** Bought a category or product (at least / at most K times, within the last N days of the data). */
export const purchasedEventSchema = z.strictObject({
  event: z.literal('purchased'),
  category: text.optional(),
  /** A product's SKU or exact name. */
  product: text.optional(),
  withinDays: withinDays.optional(),
  minTimes: times.optional(),
  maxTimes: times.optional(),
});
/** Was sent a campaign (any, or one by its id or name). */
export const receivedEventSchema = z.strictObject({ event: z.literal('received'), campaign: text.optional(), withinDays: withinDays.optional() });
/** Opened, clicked or converted on a campaign. */
export const respondedEventSchema = z.strictObject({
  event: z.literal('responded'),
  campaign: text.optional(),
  response: z.enum(['opened', 'clicked', 'converted']).default('clicked'),
  withinDays: withinDays.optional(),
});
/**
 * Left a review: of a sentiment (from the text analysis where the reviews were analysed, else from the stars: 4–5
 * positive, 3 neutral, 1–2 negative), a star range, mentioning a theme (a phrase of the reviews view); and/or whose
 * reviews (those matching the other parts) average a sentiment score (0 negative … 1 positive) in a range.
 */
export const reviewedEventSchema = z.strictObject({
  event: z.literal('reviewed'),
  sentiment: z.enum(['positive', 'neutral', 'negative']).optional(),
  minRating: z.int().min(1).max(5).optional(),
  maxRating: z.int().min(1).max(5).optional(),
  theme: text.optional(),
  minAvgSentiment: z.number().min(0).max(1).optional(),
  maxAvgSentiment: z.number().min(0).max(1).optional(),
  withinDays: withinDays.optional(),
});
/** Has a product of the category among their recommendations from the active model (either list, or one of them). */
export const recommendedEventSchema = z.strictObject({
  event: z.literal('recommended'),
  category: text,
  list: z.enum(['any', 'buy-again', 'discover']).default('any'),
  /** Only the first N of the list (the products a message would show); all of them when left out. */
  withinTop: z.int().min(1).max(50).optional(),
});
export const eventConditionSchema = z.discriminatedUnion('event', [purchasedEventSchema, receivedEventSchema, respondedEventSchema, reviewedEventSchema, recommendedEventSchema]);
export type EventCondition = z.infer<typeof eventConditionSchema>;

export type SegmentRule = { all: SegmentRule[] } | { any: SegmentRule[] } | { not: SegmentRule } | FieldCondition | EventCondition;

/** The rule tree. Depth, size and value checks with plain messages happen in the engine (validateRule). */
export const segmentRuleSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(segmentRuleSchema).max(RULE_LIMITS.children, `a group holds at most ${RULE_LIMITS.children} rules`) }),
    z.strictObject({ any: z.array(segmentRuleSchema).max(RULE_LIMITS.children, `a group holds at most ${RULE_LIMITS.children} rules`) }),
    z.strictObject({ not: segmentRuleSchema }),
    fieldConditionSchema,
    eventConditionSchema,
  ]),
);

export const segmentCountSchema = z.object({
  count: z.number().int(),
  /** Share of all customers (0..1). */
  shareCustomers: z.number(),
  /** Share of all sales revenue (0..1). */
  shareRevenue: z.number(),
  revenue: z.number(),
  totalCustomers: z.number().int(),
});
export type SegmentCount = z.infer<typeof segmentCountSchema>;

/** For one customer: each condition of the rule, whether they meet it, and the group results. */
export type WhyNode = { label: string; met: boolean; children?: WhyNode[] };
export const whyNodeSchema: z.ZodType<WhyNode> = z.lazy(() => z.object({ label: z.string(), met: z.boolean(), children: z.array(whyNodeSchema).optional() }));

export const segmentKindSchema = z.enum(['dynamic', 'static']);
export const segmentSourceSchema = z.enum(['rules', 'discovered', 'rfm']);

export const segmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  kind: segmentKindSchema,
  source: segmentSourceSchema,
  rule: segmentRuleSchema,
  /** Members now (dynamic: re-evaluated; static: the snapshot). */
  count: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const segmentNameSchema = z.string().trim().min(1, 'a segment needs a name').max(120);

export const segmentCreateInputSchema = z.strictObject({
  name: segmentNameSchema,
  rule: segmentRuleSchema,
  description: z.string().max(1000).optional(),
  static: z.boolean().default(false),
  source: segmentSourceSchema.default('rules'),
});

export const segmentUpdateInputSchema = z.strictObject({
  id: z.int().min(1),
  name: segmentNameSchema.optional(),
  rule: segmentRuleSchema.optional(),
  description: z.string().max(1000).optional(),
});

/** A segment by id, or an unsaved rule (profile and compare work on both). */
export const segmentRefSchema = z.union([z.strictObject({ id: z.int().min(1) }), z.strictObject({ rule: segmentRuleSchema })]);

export const segmentColumnSchema = customerColumnSchema;

/** One value's share in the segment against the whole customer base; index 120 = 20 % above the base. */
export const shareRowSchema = z.object({ name: z.string(), segment: z.number(), base: z.number(), index: z.number().nullable() });

export const profileSchema = z.object({
  count: z.number().int(),
  shareCustomers: z.number(),
  shareRevenue: z.number(),
  revenue: z.number(),
  currency: z.string(),
  /** Means in the segment and in the whole base (customers with the figure), and the index. */
  metrics: z.array(z.object({ field: z.string(), label: z.string(), segment: z.number().nullable(), base: z.number().nullable(), index: z.number().nullable() })),
  /** Histograms on the same bins for segment and base (shares of each). */
  distributions: z.array(z.object({ field: z.string(), label: z.string(), bins: z.array(z.object({ label: z.string(), segment: z.number(), base: z.number() })) })),
  categories: z.array(shareRowSchema),
  products: z.array(shareRowSchema),
  countries: z.array(shareRowSchema),
  rfm: z.array(shareRowSchema),
  /** Review sentiment from stars (4–5 positive, 3 neutral, 1–2 negative) of the segment's and the base's reviews. */
  sentiment: z.array(shareRowSchema),
  /** Phrases describing what sets the segment apart ("spends 2.1× the average", "mostly Candles buyers"). */
  highlights: z.array(z.string()),
});
export type SegmentProfile = z.infer<typeof profileSchema>;

export const discoverInputSchema = z.strictObject({
  /** Number of clusters; omitted = chosen by the best silhouette over 2…8. */
  k: z.int().min(2).max(12).optional(),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
});

export const discoveredClusterSchema = z.object({
  index: z.number().int(),
  size: z.number().int(),
  share: z.number(),
  /** In words, from what sets it apart: "High-value, lapsed, gift buyers". */
  name: z.string(),
  description: z.string(),
  /** Standardised centre per feature (z-scores) and the cluster's mean in the feature's own unit. */
  centre: z.array(z.object({ feature: z.string(), label: z.string(), z: z.number(), mean: z.number() })),
  /** The cluster as an editable rule (ranges on its most distinctive features); `ruleMatches` customers meet it. */
  rule: segmentRuleSchema,
  ruleMatches: z.number().int(),
});

export const discoverResultSchema = z.object({
  k: z.number().int(),
  silhouettes: z.array(z.object({ k: z.number().int(), score: z.number() })),
  clusters: z.array(discoveredClusterSchema),
  features: z.array(z.object({ name: z.string(), label: z.string() })),
  customers: z.number().int(),
  /** Customers in the sample the silhouette was measured on. */
  silhouetteSample: z.number().int(),
  backend: z.string(),
  seconds: z.number(),
});
export type DiscoverResult = z.infer<typeof discoverResultSchema>;

export const fieldOptionsSchema = z.object({
  fields: z.array(z.object({ field: segmentFieldSchema, kind: z.enum(['text', 'number', 'date', 'boolean']), label: z.string(), unit: z.enum(['days', 'currency', 'probability', 'count', 'date', 'none']), ops: z.array(segmentOpSchema) })),
  countries: z.array(z.string()),
  categories: z.array(z.string()),
  rfmSegments: z.array(z.string()),
  campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Themes of the reviews analysis, most mentioned first (empty until the reviews are analysed). */
  themes: z.array(z.string()),
  currency: z.string(),
});
