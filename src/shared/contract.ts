import { z } from 'zod';
import { cohortsInputSchema, cohortsSchema, rfmSummarySchema, trendsInputSchema, trendsSchema } from './analytics-schemas';
import { clvFitInputSchema, clvFitSchema, clvPredictInputSchema, clvPredictSchema } from './clv-schemas';
import {
  customer360Schema,
  customerIdInputSchema,
  customerPageInputSchema,
  customerPageSchema,
  customerCountSchema,
  customerViewSchema,
  deleteViewInputSchema,
  eraseLeftoversInputSchema,
  eraseLeftoversResultSchema,
  eraseResultSchema,
  exportInputSchema,
  exportResultSchema,
  revealedSchema,
  savedViewSchema,
  saveViewInputSchema,
} from './customer-schemas';
import { appErrorSchema } from './error-schemas';
import {
  changePassphraseInputSchema,
  decryptInputSchema,
  encryptInputSchema,
  unlockInputSchema,
  workspaceSecuritySchema,
} from './security-schemas';
import { fileHandleSchema, workspaceNameSchema } from './file-schemas';
import {
  clvTrainInputSchema,
  lossPointSchema,
  modelCardSchema,
  modelOptionsSchema,
  modelSummarySchema,
  propensityTrainInputSchema,
} from './model-schemas';
import {
  discoverInputSchema,
  fieldOptionsSchema,
  profileSchema,
  segmentColumnSchema,
  segmentCountSchema,
  segmentCreateInputSchema,
  segmentRefSchema,
  segmentRuleSchema,
  segmentSchema,
  segmentUpdateInputSchema,
  whyNodeSchema,
} from './segment-schemas';
import {
  audienceInsightSchema,
  briefSchema,
  copyCheckSchema,
  copyFieldsSchema,
  generateInputSchema,
  libraryExportInputSchema,
  libraryExportResultSchema,
  libraryHistorySchema,
  libraryItemSchema,
  libraryListInputSchema,
  libraryListResultSchema,
  librarySaveInputSchema,
  libraryUpdateInputSchema,
  llmStatusSchema,
  copyPreviewInputSchema,
  copyPreviewResultSchema,
  reviewPickSchema,
} from './copy-schemas';
import { tableColumnsSchema, trainTableInputSchema } from './ml-schemas';
import { simulateInputSchema } from './federate-schemas';
import { textTrainInputSchema } from './text-schemas';
import {
  customerRecommendationsSchema,
  productSearchInputSchema,
  productSearchResultSchema,
  productViewSchema,
  recommendForInputSchema,
  recommendProductInputSchema,
  recommendStatusSchema,
  recommendTrainInputSchema,
} from './recommend-schemas';
import {
  synthColumnsInputSchema,
  synthColumnsSchema,
  synthModelIdSchema,
  synthModelReportSchema,
  synthModelSummarySchema,
  synthSampleInputSchema,
  synthTrainInputSchema,
  synthWorkspaceInputSchema,
} from './synth-schemas';
import {
  federateAcceptInputSchema,
  federatedModelIdSchema,
  federatedModelSchema,
  federatedModelSummarySchema,
  federateFeaturesSchema,
  federateJoinInputSchema,
  federateProposeInputSchema,
  federateProposeResultSchema,
  federationProgressSchema,
} from './federate-schemas';
import { reviewFilterSchema, reviewsOverviewSchema, reviewThemesInputSchema, reviewThemesSchema, themeQuotesInputSchema, themeQuotesSchema } from './review-schemas';
import {
  audienceResultSchema,
  campaignCompareInputSchema,
  campaignCreateInputSchema,
  campaignDetailSchema,
  campaignExportInputSchema,
  campaignRefSchema,
  campaignReportSchema,
  campaignResultsInputSchema,
  campaignSummarySchema,
  campaignUpdateInputSchema,
  compareRowSchema,
  experimentResultSchema,
  forecastResultSchema,
  powerInputSchema,
  powerResultSchema,
} from './campaign-schemas';
import {
  importHistoryItemSchema,
  importKindSchema,
  importReportSchema,
  importRequestSchema,
  inspectInputSchema,
  inspectResultSchema,
  previewResultSchema,
  savedMappingSchema,
} from './import-schemas';

/**
 * The contract: one zod schema per channel (input and output) and per event. Every door (IPC, loopback
 * host, CLI) carries exactly these and nothing else; the engine parses every input again.
 */

const empty = z.strictObject({});
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const isoTimestamp = z.string();

export const backendSchema = z.enum(['tensorflow', 'wasm', 'cpu']);
export type Backend = z.infer<typeof backendSchema>;

export const tfInfoSchema = z.object({
  backend: backendSchema,
  version: z.string(),
  simd: z.boolean().nullable(),
  threads: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type TfInfo = z.infer<typeof tfInfoSchema>;

export const workspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  dbFile: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  currency: z.string(),
  isEmpty: z.boolean(),
  /** The database, its WAL and backups are encrypted at rest (issue 15). */
  encrypted: z.boolean(),
  /** Only when a workspace was just created encrypted: its recovery key, shown this once and never stored. */
  recoveryKey: z.string().optional(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const statsSchema = z.object({
  customers: z.number().int(),
  products: z.number().int(),
  orders: z.number().int(),
  orderLines: z.number().int(),
  returns: z.number().int(),
  linesWithoutCustomer: z.number().int(),
  reviews: z.number().int(),
  campaigns: z.number().int(),
  campaignResults: z.number().int(),
  revenue: z.number(),
  currency: z.string(),
});
export type WorkspaceStats = z.infer<typeof statsSchema>;

export const jobStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobKindSchema = z.enum(['demo.generate', 'import.run', 'customers.export', 'model.train', 'clv.train', 'model.score', 'segments.discover', 'segments.export', 'segments.sizes', 'model.trainTable', 'text.trainTable', 'copy.generate', 'campaigns.export', 'campaigns.uplift', 'customers.health', 'recommend.train', 'reviews.analyze', 'synth.train', 'synth.sample', 'synth.workspace', 'federate.simulate', 'workspace.encrypt', 'workspace.decrypt', 'federate.coordinate', 'federate.participate']);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobInfoSchema = z.object({
  id: z.string(),
  kind: jobKindSchema,
  title: z.string(),
  status: jobStatusSchema,
  fraction: z.number().min(0).max(1),
  stage: z.string(),
  message: z.string(),
  createdAt: isoTimestamp,
  finishedAt: isoTimestamp.nullable(),
  error: appErrorSchema.nullable(),
  result: z.unknown().optional(),
  /** A running training job's loss curve so far (a view opened mid-training draws it from here). */
  points: z.array(lossPointSchema).optional(),
  /** A running federation job's round, participants (names and row counts) and, for the coordinator, invitations. */
  federation: federationProgressSchema.optional(),
});
export type JobInfo = z.infer<typeof jobInfoSchema>;

export const monthlyRevenueSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  revenue: z.number(),
  orders: z.number().int(),
  customers: z.number().int(),
});

export const dashboardSummarySchema = z.object({
  customers: z.number().int(),
  orders: z.number().int(),
  revenue: z.number(),
  avgOrderValue: z.number().nullable(),
  returns: z.number().int(),
  currency: z.string(),
  firstOrderDate: isoDate.nullable(),
  lastOrderDate: isoDate.nullable(),
  revenueByMonth: z.array(monthlyRevenueSchema),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;

export const demoResultSchema = z.object({
  customers: z.number().int(),
  products: z.number().int(),
  orders: z.number().int(),
  orderLines: z.number().int(),
  returns: z.number().int(),
  reviews: z.number().int(),
  campaigns: z.number().int(),
  campaignResults: z.number().int(),
  seconds: z.number(),
});
export type DemoResult = z.infer<typeof demoResultSchema>;

export const demoInputSchema = z.strictObject({
  customers: z.int().min(1).max(2_000_000),
  seed: z.int().min(0).max(2 ** 31 - 1),
});
export type DemoInput = z.infer<typeof demoInputSchema>;

export const settingsSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO currency code such as EUR'),
  /** Retrain the active churn, purchase and lifetime-value models after each import that changed data. */
  retrainAfterImport: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const channels = {
  'app.info': {
    input: empty,
    output: z.object({
      appVersion: z.string(),
      node: z.string(),
      electron: z.string().nullable(),
      sqlite: z.string(),
      platform: z.string(),
      tf: tfInfoSchema,
      workspace: workspaceInfoSchema,
    }),
  },
  'workspace.current': { input: empty, output: workspaceInfoSchema },
  'workspace.list': {
    input: empty,
    output: z.object({
      current: z.string(),
      recent: z.array(z.object({ path: z.string(), name: z.string(), lastOpenedAt: isoTimestamp })),
      /** Where `workspace.open` by name finds and makes workspaces. */
      home: z.string(),
    }),
  },
  'workspace.open': {
    /**
     * A folder the user chose in a dialog (a handle), one of `workspace.list`'s recent workspaces, or a workspace
     * by name in the workspaces home (created there with `create`). Never a path typed into a request.
     */
    input: z.union([
      z.strictObject({ handle: fileHandleSchema }),
      z.strictObject({ recent: z.string().min(1).max(4096) }),
      z.strictObject({ name: workspaceNameSchema, create: z.boolean().default(false), encrypt: encryptInputSchema.optional() }),
    ]),
    output: workspaceInfoSchema,
  },
  /** Encryption state of the open workspace (Settings → Security). */
  'workspace.security': { input: empty, output: workspaceSecuritySchema },
  /** Opens the encrypted workspace the engine holds locked (every other channel answers `workspace-encrypted`). */
  'workspace.unlock': { input: unlockInputSchema, output: workspaceInfoSchema },
  /** Starts the `workspace.encrypt` job; its result is an EncryptResult (the recovery key, shown once). */
  'workspace.encrypt': { input: encryptInputSchema, output: z.object({ jobId: z.string() }) },
  /** Starts the `workspace.decrypt` job; its result is a DecryptResult. */
  'workspace.decrypt': { input: decryptInputSchema, output: z.object({ jobId: z.string() }) },
  /** Re-wraps the data key with a new passphrase; the data is not re-encrypted. */
  'workspace.passphrase': { input: changePassphraseInputSchema, output: z.object({ changed: z.literal(true) }) },
  'workspace.stats': { input: empty, output: statsSchema },
  'dashboard.summary': { input: empty, output: dashboardSummarySchema },
  'analytics.rfm': { input: empty, output: rfmSummarySchema },
  'analytics.cohorts': { input: cohortsInputSchema, output: cohortsSchema },
  'analytics.trends': { input: trendsInputSchema, output: trendsSchema },
  'demo.generate': { input: demoInputSchema, output: z.object({ jobId: z.string() }) },
  'jobs.list': { input: empty, output: z.object({ jobs: z.array(jobInfoSchema) }) },
  'jobs.get': { input: z.strictObject({ jobId: z.string().min(1).max(64) }), output: jobInfoSchema },
  'jobs.cancel': {
    input: z.strictObject({ jobId: z.string().min(1).max(64) }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'settings.get': { input: empty, output: settingsSchema },
  'settings.update': { input: settingsSchema.partial().strict(), output: settingsSchema },
  'import.inspect': { input: inspectInputSchema, output: inspectResultSchema },
  'import.preview': {
    input: importRequestSchema.pick({ file: true, kind: true, mapping: true, pseudonymize: true, overrides: true }),
    output: previewResultSchema,
  },
  'import.start': { input: importRequestSchema, output: z.object({ jobId: z.string() }) },
  'import.history': { input: empty, output: z.object({ imports: z.array(importHistoryItemSchema) }) },
  'import.undo': {
    input: z.strictObject({ importId: z.int().min(1) }),
    output: z.object({ importId: z.number().int(), removed: z.number().int(), restored: z.number().int() }),
  },
  'mappings.list': {
    input: z.strictObject({ kind: importKindSchema.optional() }),
    output: z.object({ mappings: z.array(savedMappingSchema) }),
  },
  'mappings.delete': { input: z.strictObject({ name: z.string().min(1).max(80) }), output: z.object({ deleted: z.boolean() }) },
  'customers.page': { input: customerPageInputSchema, output: customerPageSchema },
  /** The exact count of a view whose page was counted only up to the cap (reads every match: slower). */
  'customers.count': { input: z.strictObject({ view: customerViewSchema }), output: customerCountSchema },
  'customers.get': { input: customerIdInputSchema, output: customer360Schema },
  'customers.reveal': { input: customerIdInputSchema, output: revealedSchema },
  'customers.erase': { input: customerIdInputSchema, output: eraseResultSchema },
  'customers.eraseLeftovers': { input: eraseLeftoversInputSchema, output: eraseLeftoversResultSchema },
  'customers.export': { input: exportInputSchema, output: z.object({ jobId: z.string() }) },
  'views.list': { input: empty, output: z.object({ views: z.array(savedViewSchema) }) },
  'views.save': { input: saveViewInputSchema, output: savedViewSchema },
  'views.delete': { input: deleteViewInputSchema, output: z.object({ deleted: z.boolean() }) },
  /** The data-health report, as a job: its result is a HealthReport (healthReportSchema). */
  'customers.health': { input: empty, output: z.object({ jobId: z.string() }) },
  'clv.fit': { input: clvFitInputSchema, output: clvFitSchema },
  'clv.predict': { input: clvPredictInputSchema, output: clvPredictSchema },
  'models.options': { input: empty, output: modelOptionsSchema },
  'models.list': { input: empty, output: z.object({ models: z.array(modelSummarySchema) }) },
  'models.get': { input: z.strictObject({ id: z.int().min(1) }), output: modelCardSchema },
  'models.activate': { input: z.strictObject({ id: z.int().min(1) }), output: z.object({ jobId: z.string() }) },
  'models.train': { input: propensityTrainInputSchema, output: z.object({ jobId: z.string() }) },
  'models.trainClv': { input: clvTrainInputSchema, output: z.object({ jobId: z.string() }) },
  /** Starts the `recommend.train` job: its result is a RecommendTrainResult (recommendTrainResultSchema). */
  'recommend.train': { input: recommendTrainInputSchema, output: z.object({ jobId: z.string() }) },
  'segments.fields': { input: empty, output: fieldOptionsSchema },
  'segments.count': { input: z.strictObject({ rule: segmentRuleSchema }), output: segmentCountSchema },
  'segments.why': { input: z.strictObject({ rule: segmentRuleSchema, customerId: z.int().min(1) }), output: whyNodeSchema },
  'segments.list': { input: empty, output: z.object({ segments: z.array(segmentSchema) }) },
  'segments.get': {
    input: z.strictObject({ id: z.int().min(1) }),
    output: segmentSchema.extend({ sizeHistory: z.array(z.object({ at: z.string(), count: z.number().int(), reason: z.string() })) }),
  },
  'segments.create': { input: segmentCreateInputSchema, output: segmentSchema },
  'segments.update': { input: segmentUpdateInputSchema, output: segmentSchema },
  'segments.delete': { input: z.strictObject({ id: z.int().min(1) }), output: z.object({ deleted: z.boolean() }) },
  'segments.profile': { input: segmentRefSchema, output: profileSchema },
  'segments.compare': { input: z.strictObject({ a: segmentRefSchema, b: segmentRefSchema }), output: z.object({ a: profileSchema, b: profileSchema }) },
  'segments.discover': { input: discoverInputSchema, output: z.object({ jobId: z.string() }) },
  'segments.export': {
    input: z.strictObject({ id: z.int().min(1), columns: z.array(segmentColumnSchema).min(1).max(40), reveal: z.boolean().default(false), file: exportInputSchema.shape.file, archive: exportInputSchema.shape.archive }),
    output: z.object({ jobId: z.string() }),
  },
  'model.trainTable': { input: trainTableInputSchema, output: z.object({ jobId: z.string() }) },
  'model.tableColumns': { input: z.strictObject({ file: fileHandleSchema }), output: tableColumnsSchema },
  'text.trainTable': { input: textTrainInputSchema, output: z.object({ jobId: z.string() }) },
  /** Starts the `federate.simulate` job: its result is a SimulateResult (simulateResultSchema). */
  'federate.simulate': { input: simulateInputSchema, output: z.object({ jobId: z.string() }) },
  'copy.generate': { input: generateInputSchema, output: z.object({ jobId: z.string() }) },
  'copy.check': {
    input: z.strictObject({ brief: briefSchema, fields: copyFieldsSchema }),
    output: z.object({ checks: z.array(copyCheckSchema), readingGrade: z.number() }),
  },
  'copy.audience': {
    input: z.strictObject({ segmentId: z.int().min(1).optional(), product: z.string().trim().min(1).max(120).optional() }),
    output: audienceInsightSchema,
  },
  'copy.reviews': {
    input: z.strictObject({
      search: z.string().trim().max(200).optional(),
      sentiment: z.enum(['any', 'praise', 'complaint']).default('any'),
      limit: z.int().min(1).max(200).default(50),
    }),
    output: z.object({ reviews: z.array(reviewPickSchema) }),
  },
  'copy.preview': { input: copyPreviewInputSchema, output: copyPreviewResultSchema },
  'copy.libraryList': { input: libraryListInputSchema, output: libraryListResultSchema },
  'copy.librarySave': { input: librarySaveInputSchema, output: libraryItemSchema },
  'copy.libraryUpdate': { input: libraryUpdateInputSchema, output: libraryItemSchema },
  'copy.libraryDelete': { input: z.strictObject({ id: z.int().min(1) }), output: z.object({ deleted: z.boolean() }) },
  'copy.libraryHistory': { input: z.strictObject({ id: z.int().min(1) }), output: libraryHistorySchema },
  'copy.libraryExport': { input: libraryExportInputSchema, output: libraryExportResultSchema },
  'copy.llmStatus': { input: empty, output: llmStatusSchema },
  /** Picks (or with null, forgets) the GGUF file; its header is read and checked before anything loads it. */
  'copy.llmChoose': { input: z.strictObject({ file: fileHandleSchema.nullable() }), output: llmStatusSchema },
  'campaigns.list': { input: empty, output: z.object({ campaigns: z.array(campaignSummarySchema) }) },
  'campaigns.get': { input: campaignRefSchema, output: campaignDetailSchema },
  'campaigns.create': { input: campaignCreateInputSchema, output: campaignDetailSchema },
  /** Saves the whole plan (a draft is saved at every change); an exported campaign's audience and arms are frozen. */
  'campaigns.update': { input: campaignUpdateInputSchema, output: campaignDetailSchema },
  'campaigns.delete': { input: campaignRefSchema, output: z.object({ deleted: z.boolean() }) },
  'campaigns.audience': { input: campaignRefSchema, output: audienceResultSchema },
  'campaigns.power': { input: powerInputSchema, output: powerResultSchema },
  'campaigns.experiment': { input: campaignRefSchema, output: experimentResultSchema },
  'campaigns.forecast': { input: campaignRefSchema, output: forecastResultSchema },
  'campaigns.export': { input: campaignExportInputSchema, output: z.object({ jobId: z.string() }) },
  /** Imports a per-customer results file for this campaign (the campaign-results import kind, attached to it). */
  'campaigns.importResults': { input: campaignResultsInputSchema, output: z.object({ jobId: z.string() }) },
  'campaigns.report': { input: campaignRefSchema, output: campaignReportSchema },
  'campaigns.compare': { input: campaignCompareInputSchema, output: z.object({ campaigns: z.array(compareRowSchema) }) },
  'campaigns.uplift': { input: campaignRefSchema, output: z.object({ jobId: z.string() }) },
  /** A customer's recommendations from the active model ("buy again" and "discover"); no model: empty lists, model null. */
  'recommend.forCustomer': { input: recommendForInputSchema, output: customerRecommendationsSchema },
  /** A product with its buyers, similar products and what is bought together with it. */
  'recommend.product': { input: recommendProductInputSchema, output: productViewSchema },
  'recommend.status': { input: empty, output: recommendStatusSchema },
  'recommend.products': { input: productSearchInputSchema, output: productSearchResultSchema },
  /** Scores every review's sentiment and finds the themes, as a job: its result is a ReviewAnalyzeResult. */
  'reviews.analyze': { input: empty, output: z.object({ jobId: z.string() }) },
  'reviews.overview': { input: z.strictObject({ filter: reviewFilterSchema.default({}) }), output: reviewsOverviewSchema },
  'reviews.themes': { input: reviewThemesInputSchema, output: reviewThemesSchema },
  'reviews.quotes': { input: themeQuotesInputSchema, output: themeQuotesSchema },
  /** The columns of a source with the role each would have in a synthetic twin (learned, left out, or personal). */
  'synth.columns': { input: synthColumnsInputSchema, output: synthColumnsSchema },
  /** Starts the `synth.train` job: its result is a SynthTrainResult (synthTrainResultSchema). */
  'synth.train': { input: synthTrainInputSchema, output: z.object({ jobId: z.string() }) },
  'synth.list': { input: empty, output: z.object({ models: z.array(synthModelSummarySchema) }) },
  'synth.get': { input: synthModelIdSchema, output: synthModelReportSchema },
  'synth.delete': { input: synthModelIdSchema, output: z.object({ deleted: z.boolean() }) },
  /** Starts the `synth.sample` job (a CSV of synthetic rows): its result is a SynthSampleResult. */
  'synth.sample': { input: synthSampleInputSchema, output: z.object({ jobId: z.string() }) },
  /** Starts the `synth.workspace` job (a new workspace built from the twin): its result is a SynthWorkspaceResult. */
  'synth.workspace': { input: synthWorkspaceInputSchema, output: z.object({ jobId: z.string() }) },
  /** The customer features a federation can use, this workspace's product categories and customer count. */
  'federate.features': { input: empty, output: federateFeaturesSchema },
  /** Starts the `federate.coordinate` job (coordinator + this office) and returns the invitation codes, shown once. */
  'federate.propose': { input: federateProposeInputSchema, output: federateProposeResultSchema },
  /** Starts the `federate.participate` job with an invitation code; it waits for `federate.accept` before sending anything. */
  'federate.join': { input: federateJoinInputSchema, output: z.object({ jobId: z.string() }) },
  'federate.accept': { input: federateAcceptInputSchema, output: z.object({ accepted: z.boolean() }) },
  'federate.list': { input: empty, output: z.object({ models: z.array(federatedModelSummarySchema) }) },
  'federate.get': { input: federatedModelIdSchema, output: federatedModelSchema },
  'federate.delete': { input: federatedModelIdSchema, output: z.object({ deleted: z.boolean() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Channels = typeof channels;

/** What a finished import job reports (its `job.done` result). */
export { importReportSchema };
/** What a finished customers.export job reports (its `job.done` result). */
export { exportResultSchema };
export type Channel = keyof Channels;
export type ChannelInput<K extends Channel> = z.input<Channels[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends Channel> = z.output<Channels[K]['output']>;

export const channelNames = Object.keys(channels) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

export const events = {
  'job.started': jobInfoSchema,
  'job.progress': z.object({
    jobId: z.string(),
    kind: jobKindSchema,
    fraction: z.number().min(0).max(1),
    stage: z.string(),
    message: z.string(),
    rowsPerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
    /** Training jobs: the epoch just finished, for a live loss curve. */
    point: lossPointSchema.optional(),
    /** Copy generation with the language model: the text of the variant being written so far (streaming). */
    preview: z.string().max(20_000).optional(),
    /** Federation jobs: round r of R, participants with row counts only, the proposed spec. */
    federation: federationProgressSchema.optional(),
  }),
  'job.done': z.object({ jobId: z.string(), kind: jobKindSchema, result: z.unknown() }),
  'job.failed': z.object({ jobId: z.string(), kind: jobKindSchema, error: appErrorSchema }),
  'workspace.changed': z.object({ path: z.string(), reason: z.enum(['opened', 'data']) }),
  'engine.status': z.object({ state: z.enum(['up', 'restarting', 'restarted', 'down']), message: z.string() }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);

/** The transport-agnostic client every door's renderer side implements. */
export type Api = {
  invoke<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
