import type { DemoInput, DemoResult, JobKind } from '../../shared/contract';
import type { ExportResult } from '../../shared/customer-schemas';
import type { ImportReport, ImportRequest } from '../../shared/import-schemas';
import type { ExportJobInput } from '../customers/export';
import type { Db } from '../db/open-workspace';

export type ProgressUpdate = {
  /** 0..1 of the whole job. */
  fraction: number;
  stage: string;
  message: string;
  /** Rows handled so far in this stage, for throughput and time-left estimates. */
  rowsDone?: number;
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
};

export type JobResults = {
  'demo.generate': DemoResult;
  'import.run': ImportReport;
  'customers.export': ExportResult;
};

export type JobFunction<K extends JobKind> = (db: Db, input: JobInputs[K], control: JobControl) => JobResults[K] | Promise<JobResults[K]>;

export type JobFunctions = { [K in JobKind]: JobFunction<K> };
