import { z } from 'zod';

/**
 * What a recommendation training reports (issue 13, items 8–9): the model and the popularity baseline ranked the
 * same way in the same run. `full` is the honest protocol: a time split (train on everything before `cutoff`, test on
 * each customer's purchases after it), every product the customer had not bought before the cutoff ranked.
 * `sampled99` is leave-last-out against 99 sampled products, labelled as such, only for comparison with papers.
 */
export const rankingMetricsSchema = z.object({
  hitRate10: z.number().min(0).max(1),
  recall10: z.number().min(0).max(1),
  ndcg10: z.number().min(0).max(1),
});
export type RankingMetrics = z.infer<typeof rankingMetricsSchema>;

export const recommendTrainInputSchema = z.strictObject({
  /** The split date (YYYY-MM-DD); by default the date that leaves the last tenth of orders for testing. */
  cutoff: z.iso.date().optional(),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
});
export type RecommendTrainInput = z.output<typeof recommendTrainInputSchema>;

export const recommendTrainResultSchema = z.object({
  modelId: z.number().int(),
  version: z.number().int(),
  /** Which model was kept (e.g. 'ials', 'ease') and the candidates it was chosen from, with their figures. */
  algorithm: z.string(),
  candidates: z.array(z.object({ algorithm: z.string(), metrics: rankingMetricsSchema })),
  model: rankingMetricsSchema,
  popularity: rankingMetricsSchema,
  sampled99: z.object({ model: rankingMetricsSchema, popularity: rankingMetricsSchema }),
  cutoff: z.iso.date(),
  /** Customers and products in the training data; customers with purchases after the cutoff that were tested. */
  customers: z.number().int(),
  products: z.number().int(),
  testedCustomers: z.number().int(),
  seconds: z.number(),
  backend: z.string(),
  /** Customers given recommendations, similar-product lists and bought-together rules written. */
  scored: z.number().int(),
  rules: z.number().int(),
});
export type RecommendTrainResult = z.infer<typeof recommendTrainResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Reading what the active recommendation model wrote (the customer 360, the product view, the CLI, the model lab).

const sku = z.string().trim().min(1).max(200);

/** A product as the recommendation views show it. */
export const recommendProductSchema = z.object({
  productId: z.number().int(),
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  price: z.number().nullable(),
});
export type RecommendProduct = z.infer<typeof recommendProductSchema>;

/** One recommended product: its place in the list, the model's score, and whether the model or popularity chose it. */
export const recommendedItemSchema = recommendProductSchema.extend({
  rank: z.number().int(),
  score: z.number(),
  source: z.enum(['model', 'popular']),
});
export type RecommendedItem = z.infer<typeof recommendedItemSchema>;

/** The active model version in brief (null: nothing trained or activated yet). */
export const recommendModelRefSchema = z.object({ id: z.number().int(), version: z.number().int(), createdAt: z.string(), algorithm: z.string() });
export type RecommendModelRef = z.infer<typeof recommendModelRefSchema>;

/** A customer by Localyst's id (the 360) or by the shop's own customer id (the CLI). */
export const recommendForInputSchema = z
  .strictObject({
    customerId: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
    n: z.int().min(1).max(50).default(10),
  })
  .refine((v) => (v.customerId === undefined) !== (v.externalId === undefined), { message: 'name the customer by customerId or by externalId (one of them)', path: ['customerId'] });

export const customerRecommendationsSchema = z.object({
  customerId: z.number().int(),
  externalId: z.string(),
  model: recommendModelRefSchema.nullable(),
  /** Products the customer has bought before, most likely to be bought again first. */
  buyAgain: z.array(recommendedItemSchema),
  /** Products new to the customer. */
  discover: z.array(recommendedItemSchema),
});
export type CustomerRecommendations = z.infer<typeof customerRecommendationsSchema>;

/** A product by Localyst's id (the views) or by its SKU (the CLI). */
export const recommendProductInputSchema = z
  .strictObject({
    productId: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    sku: sku.optional(),
    n: z.int().min(1).max(50).default(10),
  })
  .refine((v) => (v.productId === undefined) !== (v.sku === undefined), { message: 'name the product by productId or by sku (one of them)', path: ['productId'] });

/** "Bought X, also bought Y": in `baskets` orders together; support, confidence (P(Y | X)) and lift (against chance). */
export const togetherItemSchema = recommendProductSchema.extend({
  baskets: z.number().int(),
  support: z.number(),
  confidence: z.number(),
  lift: z.number(),
});
export type TogetherItem = z.infer<typeof togetherItemSchema>;

export const productViewSchema = z.object({
  product: recommendProductSchema,
  model: recommendModelRefSchema.nullable(),
  /** Customers who bought it (sale orders) and in how many orders. */
  buyers: z.number().int(),
  orders: z.number().int(),
  /** Customers whose recommendations hold it (either list). */
  recommendedTo: z.number().int(),
  similar: z.array(recommendProductSchema.extend({ rank: z.number().int(), score: z.number() })),
  together: z.array(togetherItemSchema),
});
export type ProductView = z.infer<typeof productViewSchema>;

/** One stored version of the recommendation model, with the evaluation it was trained with. */
export const recommendVersionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  result: recommendTrainResultSchema,
});
export type RecommendVersion = z.infer<typeof recommendVersionSchema>;

export const recommendStatusSchema = z.object({
  /** The active version (null: none), then every version, newest first. */
  active: recommendVersionSchema.nullable(),
  versions: z.array(recommendVersionSchema),
  /** What the active model wrote: customers with recommendations, products with similar products, bought-together rules. */
  customers: z.number().int(),
  similarProducts: z.number().int(),
  rules: z.number().int(),
});
export type RecommendStatus = z.infer<typeof recommendStatusSchema>;

/** Products by name or SKU, for reaching a product's view from a search box. */
export const productSearchInputSchema = z.strictObject({ search: z.string().trim().max(200).default(''), limit: z.int().min(1).max(100).default(20) });
export const productSearchResultSchema = z.object({ products: z.array(recommendProductSchema.extend({ buyers: z.number().int() })) });
