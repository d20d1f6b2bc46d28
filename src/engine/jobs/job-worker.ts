import type Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../shared/errors';
import { attachPseudonymKey } from '../ingest/pseudonyms';
import type { JobKind } from '../../shared/contract';
import { asWorkspaceError } from '../db/open-workspace';
import { openDatabase } from '../db/open-database';
import { createJobControl } from './control';
import { jobFunctions } from './registry';
import type { ProgressUpdate } from '../kernel/jobs';

/** Data the runner hands to a job worker. */
export type WorkerInput = {
  kind: JobKind;
  input: unknown;
  dbFile: string;
  nativeBinding?: string;
  cancel: SharedArrayBuffer;
  /** The workspace's pseudonymisation key (never stored with the job), or why it is missing. */
  pseudonymKey?: Uint8Array | AppErrorData;
  /** An encrypted workspace's data key: handed over in memory (worker data), never through a file or argv. */
  dataKey?: Uint8Array;
  /** Secrets a job needs (a new data key) merged into its input here only: the job's stored input never holds them. */
  secretInput?: Record<string, unknown>;
};

export type WorkerMessage =
  | { type: 'progress'; update: ProgressUpdate }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: { code: string; message: string; details?: unknown } };

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('job-worker must run in a worker thread');
  const data = workerData as WorkerInput;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  let db: Database.Database | undefined;
  try {
    db = openDatabase(data.dbFile, { key: data.dataKey ?? null, nativeBinding: data.nativeBinding });
    data.dataKey?.fill(0);
    if (data.pseudonymKey instanceof Uint8Array) attachPseudonymKey(db, Buffer.from(data.pseudonymKey));
    else if (data.pseudonymKey) attachPseudonymKey(db, new AppError(data.pseudonymKey.code, data.pseudonymKey.message, data.pseudonymKey.details));
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    // As on the engine's own connection (open-workspace.ts): replaced and deleted rows are zeroed where they were.
    db.pragma('secure_delete = FAST');
    db.pragma('synchronous = NORMAL');
    // Bulk writes touch many index pages: a larger page cache for this one connection (freed when it closes).
    db.pragma('cache_size = -131072');
    const control = createJobControl(new Int32Array(data.cancel), (update) => post({ type: 'progress', update }));
    // The registry is typed per kind; here the kind is only known at run time.
    const fn = jobFunctions[data.kind] as (db: Database.Database, input: unknown, c: typeof control) => unknown;
    const input = data.secretInput ? { ...(data.input as object), ...data.secretInput } : data.input;
    const result = await fn(db, input, control);
    post({ type: 'done', result });
  } catch (raw) {
    const error = asWorkspaceError(data.dbFile, raw);
    post({
      type: 'failed',
      error:
        error instanceof AppError
          ? error.toData()
          : { code: 'job-failed', message: error instanceof Error ? error.message : String(error) },
    });
  } finally {
    db?.close();
  }
}

void run();
