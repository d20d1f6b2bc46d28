import { z } from 'zod';

/**
 * The reviews view (README: "Reviews"): sentiment of every review and the themes customers write about, read with
 * the same filters everywhere (product, category, segment, stars, sentiment, dates).
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const sentimentLabelSchema = z.enum(['positive', 'neutral', 'negative']);

export const reviewFilterSchema = z.strictObject({
  productId: z.int().min(1).optional(),
  category: z.string().trim().min(1).max(200).optional(),
  /** A saved segment: reviews written by its members. */
  segmentId: z.int().min(1).optional(),
  stars: z.array(z.int().min(1).max(5)).min(1).max(5).optional(),
  /** The review's label from the analysis (reviews not analysed yet match no label). */
  sentiment: sentimentLabelSchema.optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

const counts = z.object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() });

export const reviewAnalysisSchema = z.object({
  /** 'model': the trained text classifier; 'lexicon': the word list (too few star ratings to learn from). */
  source: z.enum(['model', 'lexicon', 'mixed']),
  modelId: z.number().int().nullable(),
  modelVersion: z.number().int().nullable(),
  analysed: z.number().int(),
  themes: z.number().int(),
  themesAt: z.string().nullable(),
});
export type ReviewAnalysis = z.infer<typeof reviewAnalysisSchema>;

export const reviewsOverviewSchema = z.object({
  /** Reviews matching the filter, and of those how many carry text. */
  reviews: z.number().int(),
  /** Every review in the workspace (the empty state needs to know whether there are any at all). */
  totalReviews: z.number().int(),
  analysis: reviewAnalysisSchema.nullable(),
  bySentiment: counts,
  /** Mean score (0..1, P(positive)) of the matching analysed reviews; null without any. */
  meanScore: z.number().nullable(),
  byMonth: z.array(counts.extend({ month: z.string(), reviews: z.number().int(), meanScore: z.number().nullable(), meanStars: z.number().nullable() })),
  stars: z.array(z.object({ stars: z.number().int(), reviews: z.number().int() })),
  /** Filter pickers: the most reviewed products, categories, saved segments. */
  products: z.array(z.object({ id: z.number().int(), name: z.string(), reviews: z.number().int() })),
  categories: z.array(z.string()),
  segments: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type ReviewsOverview = z.infer<typeof reviewsOverviewSchema>;

export const reviewThemesInputSchema = z.strictObject({
  filter: reviewFilterSchema.default({}),
  limit: z.int().min(1).max(200).default(40),
});

export const reviewThemeSchema = z.object({
  id: z.number().int(),
  phrase: z.string(),
  kind: z.enum(['aspect', 'phrase']),
  /** Reviews (matching the filter) that mention it. */
  mentions: z.number().int(),
  /** Share of the matching reviews that mention it (0..1). */
  share: z.number(),
  /** Mean sentiment of the mentions (0..1) and its label. */
  sentiment: z.number().nullable(),
  label: sentimentLabelSchema.nullable(),
  positive: z.number().int(),
  negative: z.number().int(),
  trend: z.array(z.object({ month: z.string(), mentions: z.number().int(), sentiment: z.number().nullable() })),
});
export type ReviewTheme = z.infer<typeof reviewThemeSchema>;

export const reviewThemesSchema = z.object({ reviews: z.number().int(), themes: z.array(reviewThemeSchema) });
export type ReviewThemes = z.infer<typeof reviewThemesSchema>;

export const themeQuotesInputSchema = z.strictObject({
  themeId: z.int().min(1),
  filter: reviewFilterSchema.default({}),
  /** Most negative first, most positive first, or newest first. */
  order: z.enum(['newest', 'negative', 'positive']).default('newest'),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(200).default(20),
});

export const themeQuoteSchema = z.object({
  reviewId: z.number().int(),
  quote: z.string(),
  score: z.number().nullable(),
  label: sentimentLabelSchema.nullable(),
  rating: z.number().int().nullable(),
  reviewedAt: z.string(),
  product: z.string().nullable(),
  customerId: z.string().nullable(),
});
export const themeQuotesSchema = z.object({
  theme: z.object({ id: z.number().int(), phrase: z.string() }),
  total: z.number().int(),
  quotes: z.array(themeQuoteSchema),
});
export type ThemeQuotes = z.infer<typeof themeQuotesSchema>;

/** What the reviews.analyze job reports when done (and `localyst reviews analyze --json` prints). */
export const reviewAnalyzeResultSchema = z.object({
  reviews: z.number().int(),
  bySentiment: counts,
  source: z.enum(['model', 'lexicon']),
  modelId: z.number().int().nullable(),
  /** Why this source (e.g. too few star ratings to train on). */
  reason: z.string(),
  themes: z.number().int(),
  mentions: z.number().int(),
  topThemes: z.array(z.object({ phrase: z.string(), mentions: z.number().int(), sentiment: z.number().nullable(), label: sentimentLabelSchema.nullable() })),
  seconds: z.number(),
});
export type ReviewAnalyzeResult = z.infer<typeof reviewAnalyzeResultSchema>;
