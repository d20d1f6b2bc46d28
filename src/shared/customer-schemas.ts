import { z } from 'zod';
import { archiveInput } from './security-schemas';
import { fileHandleSchema } from './file-schemas';
import { customerScoresSchema } from './model-schemas';

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
  'rfmSegment',
  'churnRisk',
  'pAlive',
  'expectedPurchases',
  'clv',
] as const;
export const customerColumnSchema = z.enum(customerColumns);
export type CustomerColumn = z.infer<typeof customerColumnSchema>;

/** How a column is compared: text case-insensitively (ASCII letters), numbers numerically, dates as ISO strings. */
export type ColumnKind = 'text' | 'number' | 'date';
export const columnKinds: Record<CustomerColumn, ColumnKind> = {
  customerId: 'text',
  name: 'text',
  email: 'text',
  phone: 'text',
  country: 'text',
  city: 'text',
  signupDate: 'date',
  firstOrderDate: 'date',
  lastOrderDate: 'date',
  orders: 'number',
  revenue: 'number',
  avgOrderValue: 'number',
  recencyDays: 'number',
  tenureDays: 'number',
  returns: 'number',
  topCategory: 'text',
  rfmSegment: 'text',
  churnRisk: 'number',
  pAlive: 'number',
  expectedPurchases: 'number',
  clv: 'number',
};

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
export type FilterOp = (typeof filterOps)[number];

/** Which operators each kind of column accepts (AG Grid's text, number and date filters). */
export const opsByKind: Record<ColumnKind, readonly FilterOp[]> = {
  text: ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'],
  number: ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'],
  date: ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'],
};

const ISO_DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A filter value as its column compares it, or undefined when it does not fit the column's kind. */
export function filterValueFor(kind: ColumnKind, value: string | number | undefined): string | number | undefined {
  if (value === undefined) return undefined;
  if (kind === 'text') return String(value);
  if (kind === 'number') {
    if (typeof value === 'number') return value;
    const n = DECIMAL.test(value) ? Number(value) : Number.NaN;
    return Number.isFinite(n) ? n : undefined;
  }
  // AG Grid's date filter sends 'YYYY-MM-DD hh:mm:ss'; the explorer compares calendar days.
  return typeof value === 'string' && ISO_DATE_PREFIX.test(value) ? value.slice(0, 10) : undefined;
}

/**
 * One column filter. Negative operators (notEqual, notContains) also match blank values; `inRange` is inclusive at
 * both ends (set AG Grid's `inRangeInclusive`). Several filters are combined with AND.
 */
export const columnFilterSchema = z
  .strictObject({
    field: customerColumnSchema,
    op: z.enum(filterOps),
    value: z.union([z.string().max(500), z.number().finite()]).optional(),
    valueTo: z.union([z.string().max(500), z.number().finite()]).optional(),
  })
  .superRefine((filter, ctx) => {
    const kind = columnKinds[filter.field];
    if (!opsByKind[kind].includes(filter.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `${filter.op} does not apply to ${filter.field} (a ${kind} column)` });
      return;
    }
    if (filter.op === 'blank' || filter.op === 'notBlank') return;
    const expected = kind === 'number' ? 'a number' : kind === 'date' ? 'a date as YYYY-MM-DD' : 'a text';
    if (filterValueFor(kind, filter.value) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${filter.field} ${filter.op} needs ${expected}` });
    }
    if (filter.op === 'inRange' && filterValueFor(kind, filter.valueTo) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['valueTo'], message: `${filter.field} inRange needs ${expected} as valueTo` });
    }
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
  /** Named RFM segment (Champions, At risk, …); null without sale orders. */
  rfmSegment: z.string().nullable(),
  /** Probability of no purchase within the active churn model's horizon; null until a churn model is trained. */
  churnRisk: z.number().nullable(),
  /** Lifetime-value scores of the active CLV model; null until one is fitted. */
  pAlive: z.number().nullable(),
  expectedPurchases: z.number().nullable(),
  clv: z.number().nullable(),
  pseudonymized: z.boolean(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const customerPageSchema = z.object({
  rows: z.array(customerRowSchema),
  total: z.number().int(),
  /** A quick search is counted up to a cap: true when more customers than `total` match ("10,000+"). */
  totalCapped: z.boolean(),
  asOf: z.string().nullable(),
  currency: z.string(),
});
export type CustomerPage = z.infer<typeof customerPageSchema>;

/** `customers.count`: the exact number of customers in a view (the explorer's "Count all" after a capped count). */
export const customerCountSchema = z.object({ total: z.number().int() });

export const timelineEventSchema = z.object({
  at: z.string(),
  type: z.enum(['order', 'return', 'review', 'campaign']),
  title: z.string(),
  detail: z.string().nullable(),
  amount: z.number().nullable(),
  rating: z.number().int().nullable(),
  /** Reviews: the text analysis's sentiment (0 negative … 1 positive), when the reviews have been analysed. */
  sentiment: z.object({ score: z.number().min(0).max(1), label: z.enum(['positive', 'neutral', 'negative']) }).optional(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const customer360Schema = z.object({
  customer: customerRowSchema,
  scores: customerScoresSchema,
  /** Newest first, at most TIMELINE_LIMIT events; `timelineTotal` counts them all. */
  timeline: z.array(timelineEventSchema),
  timelineTotal: z.number().int(),
  spendByMonth: z.array(z.object({ month: z.string(), revenue: z.number() })),
  categories: z.array(z.object({ category: z.string(), revenue: z.number(), share: z.number() })),
  /** `avgSentiment`: the mean sentiment of the analysed reviews (0 negative … 1 positive), when there are any. */
  reviews: z.object({ count: z.number().int(), avgRating: z.number().nullable(), avgSentiment: z.number().optional() }),
  campaigns: z.object({ sent: z.number().int(), opened: z.number().int(), clicked: z.number().int(), converted: z.number().int() }),
});
export type Customer360 = z.infer<typeof customer360Schema>;

export const TIMELINE_LIMIT = 200;

/** A customer by Localyst's internal id (the `id` of a row). */
export const customerIdInputSchema = z.strictObject({ id: z.int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const revealedSchema = z.object({
  id: z.number().int(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

/** A file of the workspace folder that still holds an erased person; `path` is relative to the workspace folder. */
export const eraseFileSchema = z.object({ path: z.string(), sizeBytes: z.number().int(), deletable: z.boolean() });
export type EraseFile = z.infer<typeof eraseFileSchema>;

/** Whether the write-ahead log was emptied after the erase, and if not, why and what to do. */
export const eraseLogSchema = z.object({ cleared: z.boolean(), message: z.string() });

export const eraseResultSchema = z.object({
  customerId: z.string(),
  orders: z.number().int(),
  orderLines: z.number().int(),
  reviews: z.number().int(),
  campaignResults: z.number().int(),
  /** Saved copy that quoted or named the person (deleted with its revisions). */
  savedCopy: z.number().int(),
  /** Past jobs whose request or result mentioned the person (an export's search text, a brief, an import's row errors). */
  jobs: z.number().int(),
  /** Values blanked to "[erased]" elsewhere (the audit log, saved views, segment rules, import history). */
  redacted: z.number().int(),
  freePagesZeroed: z.number().int(),
  /** The workspace file was rebuilt (VACUUM): unused space in it still held old versions of the person's rows. */
  rewritten: z.boolean(),
  /** Backups (taken before schema updates) the same erase was applied to. */
  backupsCleaned: z.array(z.string()),
  log: eraseLogSchema,
  /** Files that still hold the person after the erase: exports the user made, uploads not imported, anything else. */
  files: z.array(eraseFileSchema),
});
export type EraseResult = z.infer<typeof eraseResultSchema>;

/** After an erase: delete the files it reported (paths as it gave them) and try again to empty the write-ahead log. */
export const eraseLeftoversInputSchema = z.strictObject({
  files: z.array(z.string().min(1).max(1000)).max(1000).default([]),
});
export const eraseLeftoversResultSchema = z.object({
  deleted: z.array(z.string()),
  missing: z.array(z.string()),
  log: eraseLogSchema,
});
export type EraseLeftoversResult = z.infer<typeof eraseLeftoversResultSchema>;

const viewName = z.string().trim().min(1, 'a view needs a name').max(80);
const viewColumns = z.array(customerColumnSchema).min(1).max(customerColumns.length);

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

export const saveViewInputSchema = z.strictObject({ name: viewName, columns: viewColumns, view: customerViewSchema });
export const deleteViewInputSchema = z.strictObject({ name: viewName });

/** The columns an export writes when none are chosen. */
export const defaultExportColumns: readonly CustomerColumn[] = [
  'customerId',
  'name',
  'email',
  'country',
  'city',
  'signupDate',
  'firstOrderDate',
  'lastOrderDate',
  'orders',
  'revenue',
  'avgOrderValue',
  'recencyDays',
  'returns',
  'topCategory',
];

/**
 * Writes the explorer's current view as CSV. Without `file` it goes to `<workspace>/exports/customers-…csv`.
 * Names, e-mails and phones stay masked unless `reveal` (which is written to the audit log).
 */
export const exportInputSchema = z.strictObject({
  view: customerViewSchema.default({ sort: [], filters: [], quickSearch: '' }),
  columns: viewColumns.default([...defaultExportColumns]),
  reveal: z.boolean().default(false),
  /** Where the user chose to save (a handle from a save dialog or the command line); `exports/` when left out. */
  file: fileHandleSchema.optional(),
  ...archiveInput,
});
export type ExportInput = z.output<typeof exportInputSchema>;

export const exportResultSchema = z.object({ file: z.string(), fileName: z.string(), rows: z.number().int() });
export type ExportResult = z.infer<typeof exportResultSchema>;
