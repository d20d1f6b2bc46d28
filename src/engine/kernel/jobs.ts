import type { DemoInput, DemoResult, JobInfo, JobKind } from '../../shared/contract';
import type { CustomerColumn, CustomerView, ExportResult, HealthReport } from '../../shared/customer-schemas';
import type { ImportReport, ImportRequest } from '../../shared/import-schemas';
import type { TrainTableInput, TrainTableResult } from '../../shared/ml-schemas';
import type { SimulateInput, SimulateResult } from '../../shared/federate-schemas';
import type { TextTrainInput, TextTrainResult } from '../../shared/text-schemas';
import type { DiscoverResult } from '../../shared/segment-schemas';
import type { GenerateInput, GenerateResult } from '../../shared/copy-schemas';
import type { ClvTrainInput, LossPoint, ModelJobResult, PropensityTrainInput } from '../../shared/model-schemas';
import type { CampaignExportResult, UpliftResult } from '../../shared/campaign-schemas';
import type { RecommendTrainInput, RecommendTrainResult } from '../../shared/recommend-schemas';
import type { SynthSampleInput, SynthSampleResult, SynthTrainInput, SynthTrainResult, SynthWorkspaceInput, SynthWorkspaceResult } from '../../shared/synth-schemas';
import type { ReviewAnalyzeResult } from '../../shared/review-schemas';
import type { FederateJobResult, FederationProgress, FederationSpec } from '../../shared/federate-schemas';
import type { Db } from './workspace';

/** Job kinds, what each takes and gives, and what a running job and the code that starts jobs may do. */

export type ProgressUpdate = {
  /** 0..1 of the whole job. */
  fraction: number;
  stage: string;
  message: string;
  /** Rows handled so far in this stage, for throughput and time-left estimates. */
  rowsDone?: number;
  /** Training jobs: an epoch just finished (sent at once, never throttled; fraction < 0 keeps the last fraction). */
  point?: LossPoint;
  /** Streaming text generation: the text written so far. */
  preview?: string;
  /** Federation jobs: round, participants (names and row counts only) and, for the coordinator, its invitations. */
  federation?: FederationProgress;
};

/** What a running job may do besides its work: report progress and notice cancellation. */
export type JobControl = {
  progress(update: ProgressUpdate): void;
  /** Throws the `cancelled` AppError once the user has cancelled; call it often in loops. */
  checkCancelled(): void;
  /** Whether the user has agreed to what the job asked (a joining office's review of the proposed spec). */
  agreed?(): boolean;
};

// A job's input crosses to a worker thread as plain data: the engine's own job inputs are declared here, beside the
// contract's, so that the kernel (and the runner's type) need no domain module.
/** What the customers.export job receives: the handler has already chosen the absolute target file. */
export type ExportJobInput = { view: CustomerView; columns: CustomerColumn[]; reveal: boolean; file: string; archive?: ArchiveJob };
/** What the segments.export job receives: the handler has already chosen the absolute target file. */
export type SegmentExportJobInput = { segmentId: number; columns: CustomerColumn[]; reveal: boolean; file: string; archive?: ArchiveJob };
export type DiscoverInput = { k?: number | undefined; seed: number };
/** What an archived export's job needs to pack its plain output (export-archive.ts); the passphrase never reaches the workspace (jobs-repo drops it). */
export type ArchiveJob = { passphrase: string; zip: string; staging: string };
/** An export with `archive` writes its plain output into the archive's staging folder; the job packs and shreds it (export-archive.ts). */
export type CampaignExportJobInput = { campaignId: number; folder: string; reveal: boolean; archive?: ArchiveJob };
export type HealthJobInput = { today: string };
/** The coordinator's job: the spec the handler built, this office's name and the offices to invite. */
export type FederateCoordinateInput = { spec: FederationSpec; office: string; offices: string[]; host: string; port: number };
export type FederateParticipateInput = { code: string; office: string };

export type JobInputs = {
  'demo.generate': DemoInput;
  'import.run': ImportRequest;
  'customers.export': ExportJobInput;
  'model.train': PropensityTrainInput;
  'clv.train': ClvTrainInput;
  'model.score': { modelId: number };
  'model.trainTable': TrainTableInput;
  'text.trainTable': TextTrainInput;
  'segments.export': SegmentExportJobInput;
  'segments.discover': DiscoverInput;
  'segments.sizes': { reason: string };
  'copy.generate': GenerateInput;
  'campaigns.export': CampaignExportJobInput;
  'campaigns.uplift': { campaignId: number };
  'customers.health': HealthJobInput;
  'recommend.train': RecommendTrainInput;
  'reviews.analyze': Record<string, never>;
  /** A file source's handle resolved by the handler to the absolute path the worker reads (`file`). */
  'synth.train': SynthTrainInput & { file?: string };
  /** The handler has resolved the model id and the target file (absolute, from the user's choice or exports/). */
  'synth.sample': Omit<SynthSampleInput, 'archive'> & { modelId: number; target: string; archive?: ArchiveJob };
  /** The handler has resolved the model id and the new workspace's folder (absolute, in the workspaces home). */
  'synth.workspace': SynthWorkspaceInput & { modelId: number; folder: string };
  /** The handler has resolved the file handle to the absolute path the worker reads. */
  'federate.simulate': Omit<SimulateInput, 'file'> & { file: string };
  /** The keys reach the worker as JobExtras.secretInput, never in the stored input. */
  'workspace.encrypt': { direction: 'encrypt'; fromKey?: Uint8Array; toKey?: Uint8Array };
  'workspace.decrypt': { direction: 'decrypt'; fromKey?: Uint8Array; toKey?: Uint8Array };
  'federate.coordinate': FederateCoordinateInput;
  'federate.participate': FederateParticipateInput;
};

export type JobResults = {
  'demo.generate': DemoResult;
  'import.run': ImportReport;
  'customers.export': ExportResult;
  'model.train': ModelJobResult;
  'clv.train': ModelJobResult;
  'model.score': ModelJobResult;
  'model.trainTable': TrainTableResult;
  'text.trainTable': TextTrainResult;
  'segments.export': ExportResult;
  'segments.discover': DiscoverResult;
  'segments.sizes': { segments: number };
  'copy.generate': GenerateResult;
  'campaigns.export': CampaignExportResult;
  'campaigns.uplift': UpliftResult;
  'customers.health': HealthReport;
  'recommend.train': RecommendTrainResult;
  'reviews.analyze': ReviewAnalyzeResult;
  'synth.train': SynthTrainResult;
  'synth.sample': SynthSampleResult;
  'synth.workspace': SynthWorkspaceResult;
  'federate.simulate': SimulateResult;
  /** The worker's part; the engine's finalize step turns it into an EncryptResult / DecryptResult. */
  'workspace.encrypt': ConvertedFilesResult;
  'workspace.decrypt': ConvertedFilesResult;
  'federate.coordinate': FederateJobResult;
  'federate.participate': FederateJobResult;
};
export type ConvertedFilesResult = { direction: 'encrypt' | 'decrypt'; seconds: number; bytes: number; rows: number; backups: number };

/**
 * For the few jobs that carry a secret or replace the workspace itself (workspace.encrypt / decrypt): secrets go to
 * the worker in memory only; an ephemeral job is not recorded in the workspace (whose file it replaces, and which a
 * cancel must leave byte-identical); `finalize` runs in the engine's thread after the worker has exited.
 */
export type JobExtras = {
  secretInput?: Record<string, unknown>;
  ephemeral?: boolean;
  finalize?: (result: unknown) => Promise<unknown>;
  /** Called once the job has ended, whatever its end (done, failed, cancelled). */
  onEnd?: () => void;
};

/** The job runner as handlers and domains see it: start, follow and cancel jobs. */
export type JobQueue = {
  readonly activeCount: number;
  /** The kinds of the jobs running now. */
  activeKinds(): JobKind[];
  /** The live state of a running job (its progress is not in the workspace until it ends). */
  live(id: string): JobInfo | undefined;
  start<K extends JobKind>(kind: K, title: string, input: JobInputs[K], extras?: JobExtras): JobInfo;
  /** Asks a running job to stop; it rolls back and reports `cancelled`. */
  cancel(id: string): boolean;
  /** Tells a running job the user agreed to what it asked (see JobControl.agreed); false when it is not running. */
  agree?(id: string): boolean;
};

/**
 * Work a domain does after another's job has succeeded (retrain models after an import, record segment sizes):
 * each domain declares its own, the router gathers them, and the engine runs them without knowing the pairs.
 */
export type AfterJob<K extends JobKind> = (db: Db, jobs: JobQueue, result: JobResults[K]) => void;
export type AfterJobs = { [K in JobKind]?: AfterJob<K> };

/** Runs every domain's after-job work for a finished job, in the order the domains were listed. `result` is what the job's worker returned. */
export function runAfterJobs(registered: readonly AfterJobs[], kind: JobKind, db: Db, jobs: JobQueue, result: unknown): void {
  for (const domain of registered) (domain[kind] as AfterJob<JobKind> | undefined)?.(db, jobs, result as JobResults[JobKind]);
}
