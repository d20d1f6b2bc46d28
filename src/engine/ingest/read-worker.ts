// Reads files in a worker thread with its own memory limit, so a hostile file can neither exhaust nor hold up the
// engine: the start of a file for import.inspect and import.preview (read-in-worker.ts), and a whole file, parsed
// and typed, for a big import while the import's thread writes (convert-stream.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { createConverter } from './convert';
import { BATCHES_AHEAD, convertBatch, toWire, type ConvertedRow, type ConvertMessage, type ConvertRequest } from './convert-stream';
import { sniff } from './inspect';
import { readPreviewSource } from './preview';
import type { ReadReply, ReadRequest } from './read-in-worker';
import { readRows } from './reader';
import type { ReadProgress } from './source';

type Port = NonNullable<typeof parentPort>;

const errorData = (error: unknown): { code: string; message: string; details?: unknown } =>
  error instanceof AppError ? error.toData() : { code: 'internal', message: error instanceof Error ? error.message : String(error) };

async function readStart(port: Port, request: ReadRequest): Promise<void> {
  let reply: ReadReply;
  try {
    const value =
      request.op === 'sniff'
        ? await sniff(request.file, request.overrides, request.limits)
        : await readPreviewSource(request.file, request.overrides, request.limits);
    reply = { ok: true, value };
  } catch (error) {
    reply = { ok: false, error: errorData(error) };
  }
  port.postMessage(reply);
}

/** Rows per message: fewer, larger messages cost less to pass between threads. */
const ROWS_PER_MESSAGE = 5000;

async function convertAll(port: Port, request: ConvertRequest): Promise<void> {
  const post = (message: ConvertMessage): void => port.postMessage(message);
  // Pseudonymised imports never come here: the values are typed as they are.
  const refuse = (): string => {
    throw new Error('pseudonymisation is not done in the reading worker');
  };
  let credits = BATCHES_AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits += 1;
    wake?.();
    wake = null;
  });
  try {
    const converter = createConverter(request.kind, request.headers, request.mapping, request.detected, refuse, new Set());
    post({ type: 'fields', fields: converter.fields });
    const progress: ReadProgress = { bytes: 0 };
    let pending: ConvertedRow[] = [];
    const send = async (): Promise<void> => {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      post({ type: 'batch', batch: toWire(pending, converter.fields, progress.bytes) });
      pending = [];
    };
    for await (const batch of readRows(request.file, request.detected, progress, request.limits)) {
      for (const row of convertBatch(batch, converter)) pending.push(row);
      if (pending.length >= ROWS_PER_MESSAGE) await send();
    }
    if (pending.length > 0) await send();
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'failed', error: errorData(error), appError: error instanceof AppError });
  }
}

const port = parentPort;
if (!port) throw new Error('read-worker must run in a worker thread');
const request = workerData as ReadRequest | ConvertRequest;
void (request.op === 'convert' ? convertAll(port, request) : readStart(port, request));
