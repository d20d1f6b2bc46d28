import { z } from 'zod';

/** The copy studio's brief (issue 6): what the copy is for, about, for whom, and in which voice. */

export const copyChannels = ['email', 'sms', 'push', 'social', 'search_ad', 'display_ad', 'reply'] as const;
export const copyGoals = ['win_back', 'launch', 'promotion', 'cross_sell', 'upsell', 'retention', 'event'] as const;
export const copyTones = ['friendly', 'premium', 'playful', 'urgent', 'professional'] as const;
export const copyFrameworks = ['AIDA', 'PAS', 'BAB', 'FAB', '4U', 'auto'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const briefSchema = z.strictObject({
  channel: z.enum(copyChannels),
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
