import { z } from 'zod';
import { fileHandleSchema } from './file-schemas';

/** What a marketer can import, one kind per file. */
export const importKinds = ['customers', 'products', 'orders', 'reviews', 'campaign_results'] as const;
export const importKindSchema = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKindSchema>;

export const fieldTypes = ['text', 'number', 'integer', 'date', 'email', 'boolean'] as const;
export type FieldType = (typeof fieldTypes)[number];

export const importFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(fieldTypes),
  required: z.boolean(),
  description: z.string(),
  pii: z.enum(['email', 'phone', 'name']).nullable(),
});
export type ImportField = z.infer<typeof importFieldSchema>;

export const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const encodingSchema = z.enum(encodings);
export type Encoding = z.infer<typeof encodingSchema>;

export const fileFormatSchema = z.enum(['csv', 'xlsx', 'jsonl']);
export type FileFormat = z.infer<typeof fileFormatSchema>;

/** How the file was read; every part can be overridden by the user. */
export const detectedFormatSchema = z.object({
  format: fileFormatSchema,
  compressed: z.boolean(),
  encoding: encodingSchema,
  bom: z.boolean(),
  delimiter: z.string().nullable(),
  decimalComma: z.boolean(),
  dateFormat: z.string().nullable(),
  sheet: z.string().nullable(),
});
export type DetectedFormat = z.infer<typeof detectedFormatSchema>;

export const formatOverridesSchema = z.strictObject({
  encoding: encodingSchema.optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  decimalComma: z.boolean().optional(),
  dateFormat: z.string().min(1).max(40).optional(),
  sheet: z.string().min(1).max(200).optional(),
});
export type FormatOverrides = z.infer<typeof formatOverridesSchema>;

/** Source column → target field; columns not listed are ignored. */
export const mappingSchema = z.record(z.string().min(1).max(200), z.string().min(1).max(64)).refine(
  (m) => Object.keys(m).length <= 200,
  'a mapping has at most 200 columns',
);
export type Mapping = z.infer<typeof mappingSchema>;

export const piiKinds = ['email', 'phone', 'name'] as const;
export const piiKindSchema = z.enum(piiKinds);
export type PiiKind = z.infer<typeof piiKindSchema>;

const filePath = z.string().min(1).max(4096);

/** The file to read is a handle from the user's choice (file-schemas.ts); the engine resolves it. */
export const inspectInputSchema = z.strictObject({ file: fileHandleSchema, kind: importKindSchema.optional(), overrides: formatOverridesSchema.optional() });

export const inspectResultSchema = z.object({
  file: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  detected: detectedFormatSchema,
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  kind: importKindSchema,
  suggestedKind: importKindSchema,
  fields: z.array(importFieldSchema),
  mapping: z.record(z.string(), z.string()),
  preset: z.object({ id: z.string(), name: z.string() }).nullable(),
  savedMapping: z.string().nullable(),
  sheets: z.array(z.string()),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;

export const importRequestSchema = z.strictObject({
  file: fileHandleSchema,
  kind: importKindSchema,
  mapping: mappingSchema,
  onError: z.enum(['reject', 'skip']).default('reject'),
  dryRun: z.boolean().default(false),
  pseudonymize: z.array(piiKindSchema).max(3).default([]),
  overrides: formatOverridesSchema.default({}),
  saveMappingAs: z.string().trim().min(1).max(80).optional(),
  /** Campaign results only: every row belongs to this campaign (the file then needs no campaign column). */
  campaignId: z.int().min(1).optional(),
});
/** What the import job runs: the request with its handle resolved by the engine to the chosen file's path. */
export const importJobSchema = importRequestSchema.extend({ file: filePath });
export type ImportRequest = z.output<typeof importJobSchema>;

/** One rejected row: `row` is the spreadsheet row number (the header is row 1). */
export const rowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

export const previewResultSchema = z.object({
  fields: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  errors: z.array(rowErrorSchema),
  rowsRead: z.number().int(),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;

export const importReportSchema = z.object({
  importId: z.number().int().nullable(),
  kind: importKindSchema,
  file: z.string(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(rowErrorSchema),
  errorCounts: z.record(z.string(), z.number().int()),
  detected: detectedFormatSchema.extend({ mapping: z.record(z.string(), z.string()) }),
  dryRun: z.boolean(),
  alreadyImported: z.boolean(),
  outcome: z.enum(['imported', 'rejected', 'unchanged', 'dry-run']),
  message: z.string(),
  seconds: z.number(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importHistoryItemSchema = z.object({
  id: z.number().int(),
  kind: importKindSchema,
  fileName: z.string(),
  sha256: z.string().nullable(),
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  status: z.enum(['done', 'undone']),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  canUndo: z.boolean(),
});
export type ImportHistoryItem = z.infer<typeof importHistoryItemSchema>;

export const savedMappingSchema = z.object({
  name: z.string(),
  kind: importKindSchema,
  mapping: z.record(z.string(), z.string()),
  headersKey: z.string(),
  updatedAt: z.string(),
});
export type SavedMapping = z.infer<typeof savedMappingSchema>;
