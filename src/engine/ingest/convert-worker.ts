// Reads, parses and types a big import's file in a worker thread with its own memory limit, while the import's
// thread writes the rows (convert-stream.ts). Only what reading needs is loaded here, so it starts quickly.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { createConverter, type Slots } from './convert';
import { BATCHES_AHEAD, convertRecordInto, WireBuilder, type ConvertMessage, type ConvertRequest } from './convert-stream';
import { readRows } from './reader';
import type { ReadProgress } from './source';

type Port = NonNullable<typeof parentPort>;

const errorData = (error: unknown): { code: string; message: string; details?: unknown } =>
  error instanceof AppError ? error.toData() : { code: 'internal', message: error instanceof Error ? error.message : String(error) };

/** Rows per message: fewer, larger messages cost less to pass between threads. */
const ROWS_PER_MESSAGE = 5000;
const FIRST_MESSAGE_ROWS = 500;

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
    const wire = new WireBuilder(converter.fields, ROWS_PER_MESSAGE + 2048);
    // Each record is typed into this one array and copied onto the wire at once.
    const slots: Slots = [];
    let sent = 0;
    const send = async (): Promise<void> => {
      const batch = wire.take(progress.bytes);
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      port.postMessage({ type: 'batch', batch } satisfies ConvertMessage, [batch.tags.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer]);
      sent += 1;
    };
    for await (const batch of readRows(request.file, request.detected, progress, request.limits)) {
      for (const source of batch) {
        const outcome = convertRecordInto(source, converter, slots);
        if (outcome === 'ok') wire.add(slots);
        else if (outcome !== 'header') wire.reject(outcome);
      }
      // The first message goes early, so the writer can start while the worker reads on.
      if (wire.count >= (sent === 0 ? FIRST_MESSAGE_ROWS : ROWS_PER_MESSAGE)) await send();
    }
    if (wire.count > 0) await send();
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'failed', error: errorData(error), appError: error instanceof AppError });
  }
}

const port = parentPort;
if (!port) throw new Error('convert-worker must run in a worker thread');
void convertAll(port, workerData as ConvertRequest);
