import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/**
 * Starts one of the engine's worker files. Bundled, it sits beside the engine (`bundled`, e.g. ./job-worker.js);
 * from TypeScript sources (tests) a shim registers tsx first, then loads `source` (relative to this folder).
 */
export function spawnEngineWorker(bundled: string, source: string, workerData: object, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL(source, here).href;
    return new Worker(fileURLToPath(new URL('./dev-worker-shim.mjs', here)), { ...options, workerData: { ...workerData, entry } });
  }
  return new Worker(fileURLToPath(new URL(bundled, here)), { ...options, workerData });
}
