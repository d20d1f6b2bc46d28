// Reads the start of a file for import.inspect and import.preview in a worker thread with its own memory limit,
// so a hostile file can neither exhaust nor hold up the engine. Started by read-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { sniff } from './inspect';
import { readPreviewSource } from './preview';
import type { ReadReply, ReadRequest } from './read-in-worker';

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('read-worker must run in a worker thread');
  const request = workerData as ReadRequest;
  let reply: ReadReply;
  try {
    const value =
      request.op === 'sniff'
        ? await sniff(request.file, request.overrides, request.limits)
        : await readPreviewSource(request.file, request.overrides, request.limits);
    reply = { ok: true, value };
  } catch (error) {
    reply = { ok: false, error: error instanceof AppError ? error.toData() : { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
  port.postMessage(reply);
}

void run();
