import { z } from 'zod';

/** The customer explorer's columns (camelCase, the same names segments and exports use). */
export const customerColumns = [
  'customerId',
  'name',
  'email',
  'phone',
  'country',
  'city',
  'signupDate',
  'firstOrderDate',
  'lastOrderDate',
  'orders',
  'revenue',
  'avgOrderValue',
  'recencyDays',
  'tenureDays',
  'returns',
  'topCategory',
] as const;
export const customerColumnSchema = z.enum(customerColumns);
export type CustomerColumn = z.infer<typeof customerColumnSchema>;

export const filterOps = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  'blank',
  'notBlank',
] as const;

export const columnFilterSchema = z.strictObject({
  field: customerColumnSchema,
  op: z.enum(filterOps),
  value: z.union([z.string().max(500), z.number().finite()]).optional(),
  valueTo: z.union([z.string().max(500), z.number().finite()]).optional(),
});
export type ColumnFilter = z.infer<typeof columnFilterSchema>;

export const customerViewSchema = z.strictObject({
  sort: z.array(z.strictObject({ field: customerColumnSchema, dir: z.enum(['asc', 'desc']) })).max(3).default([]),
  filters: z.array(columnFilterSchema).max(20).default([]),
  quickSearch: z.string().max(200).default(''),
});
export type CustomerView = z.output<typeof customerViewSchema>;

export const customerPageInputSchema = customerViewSchema.extend({
  offset: z.int().min(0).max(100_000_000),
  limit: z.int().min(1).max(1000),
});

export const customerRowSchema = z.object({
  id: z.number().int(),
  customerId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  signupDate: z.string().nullable(),
  firstOrderDate: z.string().nullable(),
  lastOrderDate: z.string().nullable(),
  orders: z.number().int(),
  revenue: z.number(),
  avgOrderValue: z.number().nullable(),
  recencyDays: z.number().int().nullable(),
  tenureDays: z.number().int().nullable(),
  returns: z.number().int(),
  topCategory: z.string().nullable(),
  pseudonymized: z.boolean(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const customerPageSchema = z.object({
  rows: z.array(customerRowSchema),
  total: z.number().int(),
  asOf: z.string().nullable(),
  currency: z.string(),
});
export type CustomerPage = z.infer<typeof customerPageSchema>;

export const timelineEventSchema = z.object({
  at: z.string(),
  type: z.enum(['order', 'return', 'review', 'campaign']),
  title: z.string(),
  detail: z.string().nullable(),
  amount: z.number().nullable(),
  rating: z.number().int().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const customer360Schema = z.object({
  customer: customerRowSchema,
  timeline: z.array(timelineEventSchema),
  spendByMonth: z.array(z.object({ month: z.string(), revenue: z.number() })),
  categories: z.array(z.object({ category: z.string(), revenue: z.number(), share: z.number() })),
  reviews: z.object({ count: z.number().int(), avgRating: z.number().nullable() }),
  campaigns: z.object({ sent: z.number().int(), opened: z.number().int(), clicked: z.number().int(), converted: z.number().int() }),
});
export type Customer360 = z.infer<typeof customer360Schema>;

export const revealedSchema = z.object({
  id: z.number().int(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const eraseResultSchema = z.object({
  customerId: z.string(),
  orders: z.number().int(),
  orderLines: z.number().int(),
  reviews: z.number().int(),
  campaignResults: z.number().int(),
});

export const savedViewSchema = z.object({
  name: z.string(),
  columns: z.array(customerColumnSchema),
  view: customerViewSchema,
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const healthCheckSchema = z.object({
  id: z.string(),
  severity: z.enum(['ok', 'info', 'warning', 'problem']),
  title: z.string(),
  count: z.number().int(),
  detail: z.string(),
  action: z.string().nullable(),
});

export const tableHealthSchema = z.object({
  table: z.string(),
  label: z.string(),
  rows: z.number().int(),
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  missing: z.array(z.object({ column: z.string(), count: z.number().int(), share: z.number() })),
  duplicates: z.number().int(),
  outliers: z.array(z.object({ column: z.string(), count: z.number().int(), rule: z.string() })),
});

export const healthReportSchema = z.object({
  tables: z.array(tableHealthSchema),
  checks: z.array(healthCheckSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
