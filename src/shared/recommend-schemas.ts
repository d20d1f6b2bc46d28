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
