import { z } from 'zod';

/** The copy studio's brief (issue 6): what the copy is for, about, for whom, and in which voice. */

export const copyChannels = ['email', 'sms', 'push', 'social', 'search_ad', 'display_ad', 'reply'] as const;
export const copyGoals = ['win_back', 'launch', 'promotion', 'cross_sell', 'upsell', 'retention', 'event'] as const;
export const copyTones = ['friendly', 'premium', 'playful', 'urgent', 'professional'] as const;
export const copyFrameworks = ['AIDA', 'PAS', 'BAB', 'FAB', '4U', 'auto'] as const;
export const socialNetworks = ['x', 'instagram', 'linkedin', 'facebook'] as const;
export type CopyChannel = (typeof copyChannels)[number];
export type CopyGoal = (typeof copyGoals)[number];
export type CopyTone = (typeof copyTones)[number];
export type CopyFramework = Exclude<(typeof copyFrameworks)[number], 'auto'>;
export type SocialNetwork = (typeof socialNetworks)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const briefSchema = z.strictObject({
  channel: z.enum(copyChannels),
  /** Social posts only: the network whose limits and habits apply. */
  network: z.enum(socialNetworks).default('x'),
  goal: z.enum(copyGoals),
  product: z.strictObject({
    name: text(120),
    description: text(1000).optional(),
    benefits: z.array(text(200)).max(12).default([]),
    price: z.number().finite().min(0).max(1e9).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO currency code').optional(),
  }),
  offer: z
    .strictObject({
      discountPercent: z.number().finite().gt(0).max(100).optional(),
      code: z.string().regex(/^[A-Za-z0-9_-]{2,32}$/, 'a code is 2–32 letters, digits, - or _').optional(),
      endsOn: isoDate.optional(),
      freeShipping: z.boolean().optional(),
    })
    .optional(),
  audience: z.strictObject({ segmentId: z.int().min(1).optional(), description: text(500).optional() }).optional(),
  tone: z.enum(copyTones),
  framework: z.enum(copyFrameworks).default('auto'),
  brand: z
    .strictObject({
      name: text(80),
      bannedWords: z.array(text(60)).max(100).default([]),
      preferredWords: z.array(text(60)).max(100).default([]),
      emoji: z.boolean().default(false),
      sampleCopy: z.array(text(2000)).max(20).default([]),
    })
    .optional(),
  replyTo: z.strictObject({ text: text(5000), rating: z.int().min(1).max(5).optional(), customerId: text(120).optional() }).optional(),
  language: z.literal('en').default('en'),
});
export type Brief = z.output<typeof briefSchema>;

export const copyCheckSchema = z.object({ name: z.string(), passed: z.boolean(), detail: z.string() });
export type CopyCheck = z.infer<typeof copyCheckSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Variants: what the generator and the language model produce, each with its checks, score and reasons.

const part = z.string().max(5000);
export const copyFieldsSchema = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), subject: part, preheader: part, body: part }),
  z.strictObject({ channel: z.literal('sms'), text: part }),
  z.strictObject({ channel: z.literal('push'), title: part, body: part }),
  z.strictObject({ channel: z.literal('social'), network: z.enum(socialNetworks), text: part }),
  z.strictObject({ channel: z.literal('search_ad'), headlines: z.array(part).max(15), descriptions: z.array(part).max(4) }),
  z.strictObject({ channel: z.literal('display_ad'), headline: part, description: part, cta: part }),
  z.strictObject({ channel: z.literal('reply'), text: part }),
]);
/** A variant's parts per channel, as the CLI prints them in `fields`. */
export type CopyFields = z.infer<typeof copyFieldsSchema>;

export const copyEngines = ['builtin', 'llm'] as const;
export type CopyEngine = (typeof copyEngines)[number];

export const variantSchema = z.object({
  /** Stable for the same brief, seed and engine: `v-<hash>`. */
  id: z.string(),
  channel: z.enum(copyChannels),
  framework: z.string(),
  /** The angle in plain words: "loss aversion", "social proof from reviews", … */
  angle: z.string(),
  fields: copyFieldsSchema,
  /** 0..100, higher is better; the reasons say what it is made of. */
  score: z.number(),
  reasons: z.array(z.string()),
  checks: z.array(copyCheckSchema),
  readingGrade: z.number(),
  engine: z.enum(copyEngines),
});
export type Variant = z.infer<typeof variantSchema>;

export const generateInputSchema = z.strictObject({
  brief: briefSchema,
  /** How many ranked variants to keep. */
  variants: z.int().min(1).max(20).default(5),
  /** How many candidates the built-in generator proposes before ranking. */
  candidates: z.int().min(1).max(500).default(50),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
  /** `llm` runs the model chosen in Settings, and only that one (its SHA-256 is checked again before it loads). */
  engine: z.enum(copyEngines).default('builtin'),
});
export type GenerateInput = z.output<typeof generateInputSchema>;

export const responseModelStatusSchema = z.object({
  status: z.enum(['trained', 'too-little-history']),
  /** Campaigns with copy and results the model could learn from. */
  campaigns: z.int(),
  needed: z.int(),
  target: z.enum(['clicked', 'converted']).nullable(),
  backend: z.string().nullable(),
  /** Leave-one-campaign-out error of the predicted rate against the history's mean rate, when trained. */
  detail: z.string(),
});
export type ResponseModelStatus = z.infer<typeof responseModelStatusSchema>;

export const audienceInsightSchema = z.object({
  segmentId: z.int().nullable(),
  segmentName: z.string().nullable(),
  customers: z.int(),
  description: z.string(),
  topCategories: z.array(z.string()),
  topProducts: z.array(z.string()),
  /** Short phrases customers used in 4–5 star reviews, most frequent first. */
  praise: z.array(z.string()),
  /** Short phrases from 1–2 star reviews. */
  complaints: z.array(z.string()),
  /** Whose reviews the phrases come from: the brief's product, or (when it has none) all the audience's reviews. */
  phrasesAbout: z.enum(['product', 'customers']),
  medianRecencyDays: z.number().nullable(),
});
export type AudienceInsight = z.infer<typeof audienceInsightSchema>;

export const generateResultSchema = z.object({
  variants: z.array(variantSchema),
  candidates: z.int(),
  seed: z.int(),
  engine: z.object({ kind: z.enum(copyEngines), model: z.string().nullable(), detail: z.string() }),
  responseModel: responseModelStatusSchema,
  audience: audienceInsightSchema.nullable(),
  elapsedMs: z.number(),
});
export type GenerateResult = z.infer<typeof generateResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Personalisation tokens: {{firstName}} or {{firstName|there}} (the fallback when the customer has no value).

export const personalisationTokens = {
  firstName: 'First name',
  city: 'City',
  country: 'Country',
  topCategory: 'Category they buy most',
  topProduct: 'Product they bought most often',
  lastProduct: 'Product of their latest order',
  recommended1: 'Recommended product 1',
  recommended2: 'Recommended product 2',
  recommended3: 'Recommended product 3',
} as const;
export type PersonalisationToken = keyof typeof personalisationTokens;

export const copyPreviewInputSchema = z.strictObject({
  fields: copyFieldsSchema,
  /** Customers to preview on; when left out, `count` customers of the segment (or of the whole workspace). */
  customerIds: z.array(z.int().min(1)).max(20).optional(),
  segmentId: z.int().min(1).optional(),
  count: z.int().min(1).max(20).default(3),
});
export const copyPreviewResultSchema = z.object({
  previews: z.array(
    z.object({
      customerId: z.int(),
      externalId: z.string(),
      fields: copyFieldsSchema,
      /** Tokens that fell back (the customer had no value). */
      fallbacks: z.array(z.string()),
    }),
  ),
  /** Tokens in the copy that are not known, e.g. a typo such as {{frstName}}. */
  unknownTokens: z.array(z.string()),
});

// ---------------------------------------------------------------------------------------------------------------
// The library: saved variants, grouped by campaign, with every edit kept.

export const libraryItemSchema = z.object({
  id: z.int(),
  campaign: z.string(),
  channel: z.enum(copyChannels),
  framework: z.string(),
  angle: z.string(),
  fields: copyFieldsSchema,
  brief: briefSchema,
  score: z.number().nullable(),
  checks: z.array(copyCheckSchema),
  starred: z.boolean(),
  note: z.string(),
  engine: z.enum(copyEngines),
  createdAt: z.string(),
  updatedAt: z.string(),
  revisions: z.int(),
});
export type LibraryItem = z.infer<typeof libraryItemSchema>;

const campaignName = z.string().trim().min(1).max(120);
export const librarySaveInputSchema = z.strictObject({ campaign: campaignName, brief: briefSchema, variant: variantSchema });
export const libraryListInputSchema = z.strictObject({ campaign: campaignName.optional(), starred: z.boolean().optional(), channel: z.enum(copyChannels).optional() });
export const libraryListResultSchema = z.object({
  items: z.array(libraryItemSchema),
  campaigns: z.array(z.object({ name: z.string(), items: z.int(), starred: z.int(), lastSavedAt: z.string() })),
});
export const libraryUpdateInputSchema = z.strictObject({
  id: z.int().min(1),
  /** An edit: checked again against the saved brief; the previous text is kept as a revision. */
  fields: copyFieldsSchema.optional(),
  starred: z.boolean().optional(),
  note: z.string().max(2000).optional(),
  campaign: campaignName.optional(),
});
export const libraryHistorySchema = z.object({
  revisions: z.array(z.object({ revision: z.int(), fields: copyFieldsSchema, savedAt: z.string(), checksPassed: z.boolean() })),
});
export const libraryExportInputSchema = z.strictObject({
  format: z.enum(['csv', 'json']),
  campaign: campaignName.optional(),
  ids: z.array(z.int().min(1)).max(10_000).optional(),
  starred: z.boolean().optional(),
});
export const libraryExportResultSchema = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string(), items: z.int() });

// ---------------------------------------------------------------------------------------------------------------
// The optional local language model (node-llama-cpp with a GGUF file the user picks on disk).

export const llmModelInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  architecture: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  contextLength: z.int().nullable(),
  parameters: z.string().nullable(),
});
export type LlmModelInfo = z.infer<typeof llmModelInfoSchema>;
export const llmStatusSchema = z.object({
  /** Whether node-llama-cpp could be loaded in this installation. */
  available: z.boolean(),
  detail: z.string(),
  model: llmModelInfoSchema.nullable(),
});
export type LlmStatus = z.infer<typeof llmStatusSchema>;

export const reviewPickSchema = z.object({
  id: z.int(),
  customerId: z.string().nullable(),
  product: z.string().nullable(),
  rating: z.int().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  reviewedAt: z.string(),
});
