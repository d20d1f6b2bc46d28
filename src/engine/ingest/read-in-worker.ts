import path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { AppError, type AppErrorData, errorCodes, type ErrorCode } from '../../shared/errors';
import type { FormatOverrides } from '../../shared/import-schemas';
import { spawnEngineWorker } from '../jobs/spawn';
import type { Sniffed } from './inspect';
import { INSPECT_WORKER_LIMITS, limitExceeded, READ_LIMITS, type ReadLimits } from './limits';
import type { PreviewSource } from './preview';

export type ReadRequest = { op: 'sniff' | 'preview'; file: string; overrides: FormatOverrides; limits: ReadLimits };
export type ReadReply = { ok: true; value: Sniffed | PreviewSource } | { ok: false; error: AppErrorData | { code: string; message: string; details?: unknown } };

export type WorkerBounds = { resourceLimits: ResourceLimits; timeoutMs: number; limits: ReadLimits };

const DEFAULT_BOUNDS: WorkerBounds = { resourceLimits: INSPECT_WORKER_LIMITS, timeoutMs: 5 * 60_000, limits: READ_LIMITS };

/** `sniff` in a worker with its own memory limit: the engine keeps answering, and a hostile file costs only the worker. */
export function sniffInWorker(file: string, overrides: FormatOverrides, bounds: Partial<WorkerBounds> = {}): Promise<Sniffed> {
  return readInWorker(file, 'sniff', overrides, { ...DEFAULT_BOUNDS, ...bounds }) as Promise<Sniffed>;
}

/** `readPreviewSource` in a worker with its own memory limit. */
export function previewSourceInWorker(file: string, overrides: FormatOverrides, bounds: Partial<WorkerBounds> = {}): Promise<PreviewSource> {
  return readInWorker(file, 'preview', overrides, { ...DEFAULT_BOUNDS, ...bounds }) as Promise<PreviewSource>;
}

function readInWorker(file: string, op: ReadRequest['op'], overrides: FormatOverrides, bounds: WorkerBounds): Promise<Sniffed | PreviewSource> {
  const request: ReadRequest = { op, file, overrides, limits: bounds.limits };
  const name = path.basename(file);
  return new Promise((resolve, reject) => {
    const worker = spawnEngineWorker('./ingest-worker.js', '../ingest/read-worker.ts', request, { resourceLimits: bounds.resourceLimits });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The worker is done or stuck either way: whatever it still holds goes with it.
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => {
      const minutes = Math.round(bounds.timeoutMs / 60_000);
      settle(() => reject(new AppError('timeout', `Reading ${name} took more than ${minutes || 'a'} minute${minutes === 1 ? '' : 's'}; Localyst stopped.`, { file })));
    }, bounds.timeoutMs);
    worker.once('message', (reply: ReadReply) => settle(() => (reply.ok ? resolve(reply.value) : reject(asAppError(reply.error)))));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? limitExceeded(file, 'memory', `reading it needed more than ${bounds.resourceLimits.maxOldGenerationSizeMb ?? '?'} MiB of memory, the most Localyst gives to reading one file.`)
            : new AppError('internal', `Reading ${name} failed: ${error.message}`, { file }),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new AppError('internal', `Reading ${name} stopped unexpectedly (exit ${code}).`, { file }))));
  });
}

function asAppError(data: { code: string; message: string; details?: unknown }): AppError {
  const code = (errorCodes as readonly string[]).includes(data.code) ? (data.code as ErrorCode) : 'internal';
  return new AppError(code, data.message, data.details);
}
