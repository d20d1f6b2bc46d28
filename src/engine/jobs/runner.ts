import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { EventName, EventPayload, JobInfo, JobKind } from '../../shared/contract';
import { AppError, type AppErrorData, errorCodes, type ErrorCode } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { finishJob, getJob, insertJob } from '../db/jobs-repo';
import type { LossPoint } from '../../shared/model-schemas';
import type { FederationProgress } from '../../shared/federate-schemas';
import type { WorkerInput, WorkerMessage } from './job-worker';
import type { JobExtras, JobInputs, JobQueue } from '../kernel/jobs';
import { spawnEngineWorker } from './spawn';
import { attachedPseudonymKey } from '../ingest/pseudonyms';

/**
 * Jobs that only read the workspace. Their end is not a data change: a screen that re-runs such a job when the data
 * changes (the data health tab) would otherwise start it again for ever.
 */
export const READ_ONLY_JOBS: ReadonlySet<JobKind> = new Set<JobKind>(['customers.health']);

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

type Running = {
  info: JobInfo;
  worker: Worker;
  cancel: Int32Array;
  startedAt: number;
  stageStartedAt: number;
  stage: string;
  points: LossPoint[];
  extras: JobExtras;
  finalizing?: boolean;
  exited?: boolean;
  federation?: FederationProgress;
};


export type JobRunnerOptions = {
  db: () => Db;
  dbFile: () => string;
  /** An encrypted workspace's data key, for each job's own connection (in memory). */
  dataKey?: () => Uint8Array | null;
  emit: Emit;
  nativeBinding?: string;
  /** Called after a job that changed data finishes, so the doors can refresh. */
  onDataChanged?: () => void;
  /** Called after any job finishes successfully, with its kind and result (after onDataChanged). */
  onJobDone?: (kind: JobKind, result: unknown) => void;
};

/** Runs long work in worker threads with their own database connection; keeps status in the workspace. */
export class JobRunner implements JobQueue {
  private readonly running = new Map<string, Running>();
  /** Ephemeral jobs that ended (not recorded in the workspace): kept here so jobs.get can still answer. */
  private readonly ended = new Map<string, JobInfo>();
  constructor(private readonly options: JobRunnerOptions) {}

  get activeCount(): number {
    return this.running.size;
  }

  activeKinds(): JobKind[] {
    return [...this.running.values()].map((entry) => entry.info.kind);
  }

  /** The live state of a running job (its progress is not in the workspace until it ends). */
  live(id: string): JobInfo | undefined {
    const entry = this.running.get(id);
    if (!entry) return this.ended.get(id);
    return { ...entry.info, ...(entry.points.length ? { points: entry.points } : {}), ...(entry.federation ? { federation: entry.federation } : {}) };
  }

  start<K extends JobKind>(kind: K, title: string, input: JobInputs[K], extras: JobExtras = {}): JobInfo {
    const id = randomUUID();
    const info: JobInfo = extras.ephemeral
      ? { id, kind, title, status: 'running', fraction: 0, stage: '', message: '', createdAt: new Date().toISOString(), finishedAt: null, error: null }
      : insertJob(this.options.db(), { id, kind, title, input });
    const dataKey = this.options.dataKey?.() ?? null;
    // Two flags: [0] cancel, [1] the user agreed to what the job asked.
    const cancel = new SharedArrayBuffer(8);
    const key = attachedPseudonymKey(this.options.db());
    const workerInput: WorkerInput = {
      ...(key ? { pseudonymKey: key instanceof AppError ? key.toData() : new Uint8Array(key) } : {}),
      kind,
      input,
      dbFile: this.options.dbFile(),
      cancel,
      ...(dataKey ? { dataKey: new Uint8Array(dataKey) } : {}),
      ...(extras.secretInput ? { secretInput: extras.secretInput } : {}),
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    };
    const worker = spawnEngineWorker('./job-worker.js', './job-worker.ts', workerInput);
    const now = Date.now();
    const entry: Running = { info, worker, cancel: new Int32Array(cancel), startedAt: now, stageStartedAt: now, stage: '', points: [], extras };
    this.running.set(id, entry);
    worker.on('message', (message: WorkerMessage) => this.onMessage(entry, message));
    worker.on('error', (error) => this.finish(entry, 'failed', { error: { code: 'job-failed', message: error.message } }));
    worker.on('exit', (code) => {
      entry.exited = true;
      if (this.running.has(id) && !entry.finalizing) {
        this.finish(entry, 'failed', { error: { code: 'job-failed', message: `The job stopped unexpectedly (exit ${code}).` } });
      }
    });
    this.options.emit('job.started', info);
    return info;
  }

  /** Asks a running job to stop; it rolls back and reports `cancelled`. */
  cancel(id: string): boolean {
    const entry = this.running.get(id);
    if (!entry) {
      if (!getJob(this.options.db(), id)) throw new AppError('not-found', `There is no job ${id}.`, { field: 'jobId' });
      return false;
    }
    Atomics.store(entry.cancel, 0, 1);
    return true;
  }

  /** Tells a running job the user agreed to what it asked (a joining office accepting the proposed spec). */
  agree(id: string): boolean {
    const entry = this.running.get(id);
    if (!entry) return false;
    Atomics.store(entry.cancel, 1, 1);
    return true;
  }

  /** Stops every job (used when switching workspace or shutting down); each rolls back its transaction. */
  async stopAll(): Promise<void> {
    const waits = [...this.running.values()].map(
      (entry) =>
        new Promise<void>((resolve) => {
          entry.worker.once('exit', () => resolve());
          Atomics.store(entry.cancel, 0, 1);
        }),
    );
    await Promise.all(waits);
  }

  private onMessage(entry: Running, message: WorkerMessage): void {
    if (message.type === 'progress' && message.update.point) {
      const { point } = message.update;
      entry.points.push(point);
      const { info } = entry;
      this.options.emit('job.progress', {
        jobId: info.id,
        kind: info.kind,
        fraction: info.fraction,
        stage: info.stage,
        message: info.message,
        rowsPerSecond: null,
        etaSeconds: null,
        point,
      });
    } else if (message.type === 'progress') {
      const { update } = message;
      const now = Date.now();
      if (update.stage !== entry.stage) {
        entry.stage = update.stage;
        entry.stageStartedAt = now;
      }
      const elapsed = (now - entry.startedAt) / 1000;
      const stageElapsed = (now - entry.stageStartedAt) / 1000;
      const rowsPerSecond = update.rowsDone && stageElapsed > 0.2 ? update.rowsDone / stageElapsed : null;
      const etaSeconds = update.fraction > 0.02 && elapsed > 0.5 ? (elapsed * (1 - update.fraction)) / update.fraction : null;
      // Kept in memory while running: the worker holds the write lock, so the workspace row is written at the end.
      entry.info = { ...entry.info, fraction: update.fraction, stage: update.stage, message: update.message };
      if (update.federation) entry.federation = update.federation;
      // Invitation codes stay in the live job state (asked for by jobs.get): they are not broadcast with every event.
      const federation = update.federation ? { ...update.federation, invitations: undefined } : undefined;
      this.options.emit('job.progress', {
        jobId: entry.info.id,
        kind: entry.info.kind,
        fraction: update.fraction,
        stage: update.stage,
        message: update.message,
        rowsPerSecond,
        etaSeconds,
        ...(update.preview !== undefined ? { preview: update.preview } : {}),
        ...(federation ? { federation } : {}),
      });
    } else if (message.type === 'done' && entry.extras.finalize) {
      const finalize = entry.extras.finalize;
      entry.finalizing = true;
      // The worker's connection must be closed before the engine swaps files: wait for it to exit.
      new Promise<void>((resolve) => {
        if (entry.exited) resolve();
        else entry.worker.once('exit', () => resolve());
      })
        .then(() => finalize(message.result))
        .then(
          (result) => this.finish(entry, 'done', { result }),
          (error: unknown) =>
            this.finish(entry, 'failed', {
              error: error instanceof AppError ? error.toData() : { code: 'job-failed', message: error instanceof Error ? error.message : String(error) },
            }),
        );
    } else if (message.type === 'done') {
      this.finish(entry, 'done', { result: message.result });
    } else {
      const code = (errorCodes as readonly string[]).includes(message.error.code)
        ? (message.error.code as ErrorCode)
        : 'job-failed';
      const error: AppErrorData = { ...message.error, code };
      this.finish(entry, code === 'cancelled' ? 'cancelled' : 'failed', { error });
    }
  }

  private finish(entry: Running, status: 'done' | 'failed' | 'cancelled', outcome: { result?: unknown; error?: AppErrorData }): void {
    if (!this.running.delete(entry.info.id)) return;
    entry.extras.onEnd?.();
    if (entry.extras.ephemeral) {
      this.ended.set(entry.info.id, { ...entry.info, status, fraction: status === 'done' ? 1 : entry.info.fraction, finishedAt: new Date().toISOString(), error: outcome.error ?? null });
    } else try {
      finishJob(this.options.db(), entry.info.id, status, outcome);
    } catch (error) {
      // The outcome still reaches the user through the event; a failed status write must not crash the engine.
      process.stderr.write(`[engine] could not record the end of job ${entry.info.id}: ${String(error)}\n`);
    }
    const { id, kind } = entry.info;
    if (status === 'done') {
      this.options.emit('job.done', { jobId: id, kind, result: outcome.result });
      if (!READ_ONLY_JOBS.has(kind)) this.options.onDataChanged?.();
      try {
        this.options.onJobDone?.(kind, outcome.result);
      } catch (error) {
        process.stderr.write(`[engine] follow-up of job ${id} failed: ${String(error)}\n`);
      }
    } else {
      this.options.emit('job.failed', {
        jobId: id,
        kind,
        error: outcome.error ?? { code: 'job-failed', message: 'The job failed.' },
      });
    }
  }
}
