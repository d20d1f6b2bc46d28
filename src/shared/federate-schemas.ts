import { z } from 'zod';
import { fileHandleSchema } from './file-schemas';

/**
 * Federated training across offices (issue 15): one protocol, carried by files or by a live WebSocket round.
 * No message ever holds a customer row: only a model spec, aggregate statistics (counts, sums, sums of squares,
 * category counts), row counts, weight vectors (masked when secure aggregation is on) and public keys.
 *
 * Message flow (coordinator C, offices O1..On):
 *   O → C  join      (invitation token, X25519 mask key, Ed25519 signing key)
 *   C → O  welcome   (the spec, the office's id, the coordinator's keys)
 *   O → C  stats     (aggregate statistics of the office's rows for the spec's features)
 *   C → O  plan      (agreed scaling and vocabularies, participants with row counts and mask keys, first weights)
 *   C → O  round     (round r, attempt a, who takes part, global weights)
 *   O → C  update    (round r, attempt a, rows, the weighted update vector, masked when secure)
 *   C → O  done      (final weights and figures)            C → O  failed (a plain reason)
 * An office that drops out mid-round: the round is restarted without it (a new attempt with fresh masks derived
 * for the new set of participants), so no mask is ever revealed.
 */

const b64 = z.string().max(64 * 1024 * 1024).regex(/^[A-Za-z0-9+/_-]*={0,2}$/);
const name = z.string().min(1).max(120);

export const federationModelSchema = z.strictObject({
  /** Hidden layer widths of the propensity network (the app's own trainer); [] is logistic regression. */
  hidden: z.array(z.number().int().min(1).max(512)).max(4).default([32]),
  /** Local epochs per round at each office. */
  localEpochs: z.number().int().min(1).max(50).default(2),
  learningRate: z.number().positive().max(1).default(0.002),
  batchSize: z.number().int().min(8).max(4096).default(64),
});

export const dpSchema = z.strictObject({
  /** The privacy budget for all rounds together, and δ. */
  epsilon: z.number().positive().max(100),
  delta: z.number().positive().max(0.01).default(1e-5),
  /** The L2 norm each office's update is clipped to. */
  clip: z.number().positive().max(100).default(1),
});

/** What one workspace proposes and the others agree to train. */
export const federationSpecSchema = z.strictObject({
  id: z.string().uuid(),
  name,
  /** Where each office takes its rows from: its customer table (churn or purchase over a horizon) or a CSV file. */
  source: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('customers'),
      label: z.enum(['churn', 'purchase']),
      horizonDays: z.number().int().min(7).max(730),
      /** Purchase models: the product category to predict a purchase of (each office uses its own rows of it). */
      category: z.string().min(1).max(200).optional(),
    }),
    z.strictObject({ kind: z.literal('file') }),
  ]),
  target: z.string().min(1).max(200),
  /** The value of `target` that counts as positive (files); customers' labels are 0/1 already. */
  positive: z.string().max(200).optional(),
  features: z.array(z.object({ name: z.string().min(1).max(200), type: z.enum(['numeric', 'categorical']) })).min(1).max(500),
  model: federationModelSchema,
  rounds: z.number().int().min(1).max(200).default(20),
  secure: z.boolean().default(true),
  dp: dpSchema.nullable().default(null),
  minOffices: z.number().int().min(2).max(50).default(2),
  seed: z.number().int().default(1),
});
export type FederationSpec = z.infer<typeof federationSpecSchema>;

/** Aggregate statistics of one office's rows: never a row. */
export const officeStatsSchema = z.strictObject({
  rows: z.number().int().min(0),
  positives: z.number().int().min(0),
  numeric: z.record(z.string(), z.object({ count: z.number().int(), sum: z.number(), sumSquares: z.number() })),
  categorical: z.record(z.string(), z.record(z.string(), z.number().int())),
});
export type OfficeStats = z.infer<typeof officeStatsSchema>;

/** The encoder every office uses, agreed from the summed statistics. */
export const agreedEncodingSchema = z.strictObject({
  /** `missing`: a 0/1 "was missing" column follows (some office had empty cells; they are imputed with the mean). */
  numeric: z.array(z.object({ name: z.string(), mean: z.number(), std: z.number(), missing: z.boolean().optional() })),
  categorical: z.array(z.object({ name: z.string(), levels: z.array(z.string()) })),
  width: z.number().int(),
});
export type AgreedEncoding = z.infer<typeof agreedEncodingSchema>;

export const participantSchema = z.strictObject({
  officeId: z.string().min(1).max(64),
  name,
  rows: z.number().int().min(0),
  /** X25519 public key (base64) for the pairwise masks. */
  maskKey: b64,
});

export const federationMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('join'), federationId: z.string().uuid(), office: name, token: z.string().min(16).max(200), maskKey: b64, signKey: b64 }),
  z.strictObject({ type: z.literal('welcome'), spec: federationSpecSchema, officeId: z.string().min(1).max(64), coordinatorBoxKey: b64, coordinatorSignKey: b64 }),
  z.strictObject({ type: z.literal('stats'), officeId: z.string().min(1).max(64), stats: officeStatsSchema }),
  z.strictObject({ type: z.literal('plan'), encoding: agreedEncodingSchema, participants: z.array(participantSchema), weights: b64, totalRows: z.number().int(),
    /** Positive rows of all offices together: every office weighs the classes as the pooled data would (balanced). */
    positives: z.number().int().min(0).optional(),
    /** The DP noise multiplier (σ / clip) every office uses, when the spec asks for differential privacy. */
    noiseMultiplier: z.number().positive().optional(),
  }),
  z.strictObject({ type: z.literal('round'), round: z.number().int().min(1), attempt: z.number().int().min(1), participants: z.array(z.string()), weights: b64 }),
  z.strictObject({
    type: z.literal('update'),
    officeId: z.string().min(1).max(64),
    round: z.number().int().min(1),
    attempt: z.number().int().min(1),
    rows: z.number().int().min(0),
    /** The office's weighted update; with secure aggregation, masked so that only the sum can be read. */
    vector: b64,
    masked: z.boolean(),
    trainLoss: z.number().nullable(),
  }),
  z.strictObject({ type: z.literal('done'), weights: b64, rounds: z.number().int(), epsilon: z.number().nullable() }),
  z.strictObject({ type: z.literal('failed'), message: z.string().max(2000) }),
]);
export type FederationMessage = z.infer<typeof federationMessageSchema>;

/** A message as a file an office e-mails: signed by its sender, encrypted to its recipient. */
export const federationPackageSchema = z.strictObject({
  format: z.literal('localyst-federation-package/1'),
  federationId: z.string().uuid(),
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  /** Sender's ephemeral X25519 key, 24-byte nonce and XChaCha20-Poly1305 ciphertext of the message's JSON (engine/federate/package.ts). */
  ephemeralKey: b64,
  nonce: b64,
  ciphertext: b64,
  /** Ed25519 signature over everything above. */
  signature: b64,
});
export type FederationPackage = z.infer<typeof federationPackageSchema>;

/** The federate.simulate channel: one CSV file split into offices by a column, the whole protocol run in-process. */
export const simulateInputSchema = z.strictObject({
  /** A CSV file with a header row (a handle to the user's choice); read in place, never copied. */
  file: fileHandleSchema,
  target: z.string().min(1).max(1000),
  positive: z.string().trim().min(1).max(1000).optional(),
  /** The column whose values make the offices (e.g. a contract type, a shop). */
  splitBy: z.string().min(1).max(1000),
  /** Columns left out of the features (ids, free text). */
  exclude: z.array(z.string().min(1).max(1000)).max(500).default([]),
  rounds: z.int().min(1).max(200).default(20),
  secure: z.boolean().default(true),
  /** A differential-privacy budget for all rounds (δ = 1e-5); the noise is solved for it. */
  dpEpsilon: z.number().positive().max(100).optional(),
  seed: z.int().min(0).max(2 ** 31 - 1).default(1),
});
export type SimulateInput = z.output<typeof simulateInputSchema>;

/** `localyst federate simulate --json` and the in-app simulation. */
export const simulateResultSchema = z.object({
  federated: z.object({ aucMean: z.number() }),
  central: z.object({ aucMean: z.number() }),
  offices: z.array(z.object({ name: z.string(), rows: z.number().int(), localAuc: z.number() })),
  rounds: z.number().int(),
  secure: z.boolean(),
  epsilon: z.number().nullable(),
  /** Rows of the held-out set every model is scored on. */
  heldOutRows: z.number().int(),
  seconds: z.number(),
  backend: z.string(),
  /** With DP: the same federation without noise, so the cost of privacy in AUC shows. */
  federatedWithoutDp: z.object({ aucMean: z.number() }).nullable().optional(),
  /** Rounds restarted because an office dropped out. */
  restarts: z.number().int().optional(),
  /** Per round: offices, rows and the row-weighted mean training loss they reported. */
  history: z.array(z.object({ round: z.number().int(), offices: z.number().int(), rows: z.number().int(), trainLoss: z.number().nullable() })).optional(),
  /** Encoded features of the agreed encoding. */
  features: z.number().int().optional(),
});
export type SimulateResult = z.infer<typeof simulateResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The federation in the app (issue 15, item 9): the Models tab "Train with other offices", its jobs and storage.

/** Where the coordinator listens: loopback by default; a LAN address only when the user chooses it. */
const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:]+\])$/, 'expected an IP address or a host name');

/** `federate.propose`: a federation over this workspace's customer table, with this workspace as one office. */
export const federateProposeInputSchema = z
  .strictObject({
    /** A name the offices see, e.g. "Churn in 90 days (group)". */
    name: name.optional(),
    label: z.enum(['churn', 'purchase']),
    category: z.string().min(1).max(200).optional(),
    horizonDays: z.number().int().min(7).max(730).default(90),
    /** Customer features (names from the propensity models' feature table) every office computes alike. */
    features: z.array(z.string().min(1).max(200)).min(1).max(100),
    hidden: z.array(z.number().int().min(1).max(512)).max(4).default([16]),
    localEpochs: z.number().int().min(1).max(50).default(2),
    rounds: z.number().int().min(1).max(200).default(10),
    secure: z.boolean().default(true),
    /** Differential privacy: the budget ε for all rounds together; null is off. */
    dpEpsilon: z.number().positive().max(100).nullable().default(null),
    /** This office's name (the proposer trains too) and the other offices to invite, one invitation code each. */
    office: name,
    offices: z.array(name).min(1).max(49),
    host: hostSchema.default('127.0.0.1'),
    /** 0 lets the system choose a free port. */
    port: z.number().int().min(0).max(65535).default(0),
  })
  .superRefine((input, ctx) => {
    if (input.label === 'purchase' && input.category === undefined) ctx.addIssue({ code: 'custom', path: ['category'], message: 'A purchase model needs the product category to predict.' });
    const names = [input.office, ...input.offices].map((n) => n.trim().toLowerCase());
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['offices'], message: 'Give every office its own name.' });
    if (new Set(input.features).size !== input.features.length) ctx.addIssue({ code: 'custom', path: ['features'], message: 'A feature is listed twice.' });
  });
export type FederateProposeInput = z.input<typeof federateProposeInputSchema>;

export const invitationSchema = z.object({ office: name, code: z.string().min(1).max(4000) });

export const federateProposeResultSchema = z.object({
  jobId: z.string(),
  /** Where the coordinator listens (the port the system chose when 0 was asked). */
  host: z.string(),
  port: z.number().int(),
  /** One code per invited office (not this one): shown once, never stored. */
  invitations: z.array(invitationSchema),
});

/** `federate.join`: an invitation code pasted from the coordinator's office. */
export const federateJoinInputSchema = z.strictObject({
  code: z.string().trim().min(8).max(4000),
  /** This office's name as the others will see it; the workspace's name when absent. */
  office: name.optional(),
});

/** `federate.accept`: the user agrees to the proposed spec a joining job is showing (nothing is sent before). */
export const federateAcceptInputSchema = z.strictObject({ jobId: z.string().min(1).max(64) });

/** What a federation job reports with its progress: counts and names only, never a row. */
export const federationProgressSchema = z.object({
  role: z.enum(['coordinator', 'office']),
  phase: z.enum(['starting', 'joining', 'approval', 'agreeing', 'training', 'scoring', 'done', 'failed']),
  round: z.number().int().min(0),
  rounds: z.number().int().min(0),
  participants: z.array(z.object({ name: z.string(), rows: z.number().int().nullable(), state: z.string() })),
  /** The proposed spec once known (a joining office reviews it before anything is sent). */
  spec: federationSpecSchema.nullable(),
  /** host:port of the coordinator. */
  coordinator: z.string().nullable(),
  /** The coordinator's job only, kept in memory while it runs: the codes to send. */
  invitations: z.array(invitationSchema).optional(),
});
export type FederationProgress = z.infer<typeof federationProgressSchema>;

export const federatedEvaluationSchema = z.object({
  /** This office's customers kept out of training, scored by both models. */
  heldOutRows: z.number().int(),
  heldOutPositives: z.number().int(),
  federatedAuc: z.number().nullable(),
  localAuc: z.number().nullable(),
  /** Rows this office trained on (its share of the federation, and all its local model saw). */
  trainRows: z.number().int(),
  cutoff: z.string(),
});

export const federatedModelSummarySchema = z.object({
  id: z.number().int(),
  federationId: z.string(),
  name: z.string(),
  role: z.enum(['coordinator', 'office']),
  label: z.enum(['churn', 'purchase']),
  category: z.string().nullable(),
  horizonDays: z.number().int(),
  rounds: z.number().int(),
  secure: z.boolean(),
  epsilon: z.number().nullable(),
  participants: z.array(z.object({ name: z.string(), rows: z.number().int().nullable() })),
  evaluation: federatedEvaluationSchema,
  createdAt: z.string(),
});
export type FederatedModelSummary = z.infer<typeof federatedModelSummarySchema>;

export const federatedModelSchema = federatedModelSummarySchema.extend({
  spec: federationSpecSchema,
  encoding: agreedEncodingSchema,
  /** Mean training loss the offices reported per round (the coordinator's view; an office's own otherwise). */
  history: z.array(z.object({ round: z.number().int(), trainLoss: z.number().nullable() })),
});
export type FederatedModel = z.infer<typeof federatedModelSchema>;

export const federatedModelIdSchema = z.strictObject({ id: z.number().int().min(1) });

/** What both federation jobs return when they end. */
export const federateJobResultSchema = z.object({
  modelId: z.number().int(),
  federatedAuc: z.number().nullable(),
  localAuc: z.number().nullable(),
  heldOutRows: z.number().int(),
  rounds: z.number().int(),
});
export type FederateJobResult = z.infer<typeof federateJobResultSchema>;

/** The customer features a federation can use: the propensity models' own, with the same meaning at every office. */
export const federateFeaturesSchema = z.object({
  features: z.array(z.object({ name: z.string(), label: z.string(), description: z.string(), type: z.enum(['numeric', 'categorical']) })),
  categories: z.array(z.string()),
  /** This workspace's customers with a sale order (what it would bring), or 0. */
  customers: z.number().int(),
});
