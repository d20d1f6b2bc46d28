import type { DemoInput, DemoResult, JobKind } from '../../shared/contract';
import type { ExportResult, HealthReport } from '../../shared/customer-schemas';
import type { ImportReport, ImportRequest } from '../../shared/import-schemas';
import type { TrainTableInput, TrainTableResult } from '../../shared/ml-schemas';
import type { ExportJobInput } from '../customers/export';
import type { HealthJobInput } from '../customers/health';
import type { SegmentExportJobInput } from '../segments/export';
import type { DiscoverInput } from '../segments/discover';
import type { DiscoverResult } from '../../shared/segment-schemas';
import type { GenerateInput, GenerateResult } from '../../shared/copy-schemas';
import type { ClvTrainInput, LossPoint, ModelJobResult, PropensityTrainInput } from '../../shared/model-schemas';
import type { Db } from '../db/open-workspace';
import type { CampaignExportResult, UpliftResult } from '../../shared/campaign-schemas';
import type { CampaignExportJobInput } from '../campaigns/export';

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
};

/** What a running job may do besides its work: report progress and notice cancellation. */
export type JobControl = {
  progress(update: ProgressUpdate): void;
  /** Throws the `cancelled` AppError once the user has cancelled; call it often in loops. */
  checkCancelled(): void;
};

export type JobInputs = {
  'demo.generate': DemoInput;
  'import.run': ImportRequest;
  'customers.export': ExportJobInput;
  'model.train': PropensityTrainInput;
  'clv.train': ClvTrainInput;
  'model.score': { modelId: number };
  'model.trainTable': TrainTableInput;
  'segments.export': SegmentExportJobInput;
  'segments.discover': DiscoverInput;
  'segments.sizes': { reason: string };
  'copy.generate': GenerateInput;
  'campaigns.export': CampaignExportJobInput;
  'campaigns.uplift': { campaignId: number };
  'customers.health': HealthJobInput;
};

export type JobResults = {
  'demo.generate': DemoResult;
  'import.run': ImportReport;
  'customers.export': ExportResult;
  'model.train': ModelJobResult;
  'clv.train': ModelJobResult;
  'model.score': ModelJobResult;
  'model.trainTable': TrainTableResult;
  'segments.export': ExportResult;
  'segments.discover': DiscoverResult;
  'segments.sizes': { segments: number };
  'copy.generate': GenerateResult;
  'campaigns.export': CampaignExportResult;
  'campaigns.uplift': UpliftResult;
  'customers.health': HealthReport;
};

export type JobFunction<K extends JobKind> = (db: Db, input: JobInputs[K], control: JobControl) => JobResults[K] | Promise<JobResults[K]>;

export type JobFunctions = { [K in JobKind]: JobFunction<K> };
