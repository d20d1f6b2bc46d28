import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AppError, errorCodes, type AppErrorData, type ErrorCode } from '../../shared/errors';
import type { DetectedFormat, ImportKind, RowError } from '../../shared/import-schemas';
import { spawnEngineWorker } from '../jobs/spawn';
import type { Converter, Slots, TypedRow } from './convert';
import { IMPORT_READ_WORKER_LIMITS, limitExceeded, type ReadLimits } from './limits';
import { readRows, type SourceRow } from './reader';
import type { ReadProgress } from './source';

/** A row ready to write, or the problems that keep it out. */
export type ConvertedRow = TypedRow | RowError[];

/** Converted records of the file in file order (the header left out), and the file's bytes read so far. */
export type ConvertedBatch = { rows: ConvertedRow[]; bytes: number };

/** Converts one batch of records; a row is written only when it has no problem at all. */
export function convertBatch(batch: SourceRow[], converter: Converter): ConvertedRow[] {
  const out: ConvertedRow[] = [];
  for (const source of batch) {
    if (source.row === 1 && source.cells) continue; // the header
    const rowErrors: RowError[] = [];
    const typed = source.cells ? converter.convert(source.cells, source.row, rowErrors) : null;
    if (!source.cells) rowErrors.push({ row: source.row, column: null, field: null, code: 'bad-record', message: source.problem });
    out.push(typed && rowErrors.length === 0 ? typed : rowErrors);
  }
  return out;
}

/**
 * The reading worker's way to convert one record: its values go into `slots` (the converter's field order), to be
 * copied onto the wire at once. 'header' for the header, the record's problems when it is rejected, else 'ok'.
 */
export function convertRecordInto(source: SourceRow, converter: Converter, slots: Slots): 'header' | 'ok' | RowError[] {
  if (source.row === 1 && source.cells) return 'header';
  const rowErrors: RowError[] = [];
  const ok = source.cells ? converter.convertInto(source.cells, source.row, rowErrors, slots) : false;
  if (!source.cells) rowErrors.push({ row: source.row, column: null, field: null, code: 'bad-record', message: source.problem });
  return ok && rowErrors.length === 0 ? 'ok' : rowErrors;
}

/** The converted batches of one file, and how to stop reading it before its end. */
export type ConvertedSource = { next(): Promise<IteratorResult<ConvertedBatch, unknown>>; stop(): Promise<void> };

/** Reads and converts on this thread (small files, and files whose values are pseudonymised here). */
export function convertInThread(file: string, detected: DetectedFormat, progress: ReadProgress, limits: ReadLimits, converter: Converter): ConvertedSource {
  async function* batches(): AsyncIterable<ConvertedBatch> {
    for await (const batch of readRows(file, detected, progress, limits)) yield { rows: convertBatch(batch, converter), bytes: progress.bytes };
  }
  const iterator = batches()[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    async stop() {
      await iterator.return?.();
    },
  };
}

/** What the import's reading worker needs to read, parse and type the file by itself. */
export type ConvertRequest = {
  op: 'convert';
  file: string;
  detected: DetectedFormat;
  limits: ReadLimits;
  kind: ImportKind;
  headers: string[];
  mapping: Record<string, string>;
};

/**
 * A batch on its way from the worker, made to be cheap to pass between threads: the good rows' values in `fields`
 * order as a tag and a number each (two typed arrays, moved rather than copied) and their texts, the rejected rows
 * by their place in the batch.
 */
export type WireBatch = { count: number; tags: Uint8Array; numbers: Float64Array; texts: string[]; bad: number[]; errors: RowError[][]; bytes: number };

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;
const TRUE = 3;
const FALSE = 4;

export type ConvertMessage =
  | { type: 'fields'; fields: string[] }
  | { type: 'batch'; batch: WireBatch }
  | { type: 'done' }
  | { type: 'failed'; error: AppErrorData | { code: string; message: string; details?: unknown }; appError: boolean };

/** Batches the worker may have sent ahead of the writer: enough to keep both threads busy, few enough to keep memory flat. */
export const BATCHES_AHEAD = 4;

/**
 * Builds the next batch for the wire record by record, straight from each record's slots (then reused), into
 * typed arrays kept from batch to batch: the reading worker makes no object per row and little garbage.
 */
export class WireBuilder {
  private tags: Uint8Array;
  private numbers: Float64Array;
  private texts: string[] = [];
  // A text equal to the one above it in its column is sent once: the lines of one order repeat its number, date,
  // customer and country. (A map of every text costs more than it saves.)
  private readonly lastText: Array<string | null>;
  private readonly lastId: number[];
  private bad: number[] = [];
  private errors: RowError[][] = [];
  private at = 0;
  /** Rows in the batch so far, rejected ones included. */
  count = 0;

  constructor(private readonly fields: string[], rows = 1024) {
    this.tags = new Uint8Array(rows * fields.length);
    this.numbers = new Float64Array(rows * fields.length);
    this.lastText = fields.map(() => null);
    this.lastId = fields.map(() => 0);
  }

  /** A rejected record: its place in the batch and its problems. */
  reject(errors: RowError[]): void {
    this.bad.push(this.count);
    this.errors.push(errors);
    this.count += 1;
  }

  /** A good record's values, in the fields' order (undefined is sent as null). */
  add(values: Slots): void {
    this.count += 1;
    const { fields, lastText, lastId } = this;
    if (this.at + fields.length > this.tags.length) this.grow();
    const { tags, numbers } = this;
    let at = this.at;
    for (let f = 0; f < fields.length; f += 1, at += 1) {
      const value = values[f] ?? null;
      if (typeof value === 'number') {
        tags[at] = NUMBER;
        numbers[at] = value;
      } else if (typeof value === 'string') {
        if (value !== lastText[f]) {
          lastText[f] = value;
          lastId[f] = this.texts.length;
          this.texts.push(value);
        }
        tags[at] = TEXT;
        numbers[at] = lastId[f] as number;
      } else tags[at] = value === null ? NULL : value ? TRUE : FALSE;
    }
    this.at = at;
  }

  /** The batch built so far, in arrays of its own (to be moved to the other thread); the builder starts afresh. */
  take(bytes: number): WireBatch {
    const batch: WireBatch = { count: this.count, tags: this.tags.slice(0, this.at), numbers: this.numbers.slice(0, this.at), texts: this.texts, bad: this.bad, errors: this.errors, bytes };
    this.texts = [];
    this.bad = [];
    this.errors = [];
    this.lastText.fill(null);
    this.at = 0;
    this.count = 0;
    return batch;
  }

  private grow(): void {
    const tags = new Uint8Array(this.tags.length * 2);
    tags.set(this.tags);
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.tags = tags;
    this.numbers = numbers;
  }
}

export function fromWire(wire: WireBatch, fields: string[]): ConvertedRow[] {
  const rows: ConvertedRow[] = new Array<ConvertedRow>(wire.count);
  const { tags, numbers, texts } = wire;
  const width = fields.length;
  let next = 0; // the next rejected row's entry in `bad`
  let at = 0;
  for (let i = 0; i < wire.count; i += 1) {
    if (wire.bad[next] === i) {
      rows[i] = wire.errors[next] as RowError[];
      next += 1;
      continue;
    }
    const row: TypedRow = {};
    for (let f = 0; f < width; f += 1, at += 1) {
      const tag = tags[at];
      row[fields[f] as string] = tag === NUMBER ? (numbers[at] as number) : tag === TEXT ? (texts[numbers[at] as number] as string) : tag === NULL ? null : tag === TRUE;
    }
    rows[i] = row;
  }
  return rows;
}

/**
 * Reads, parses and types the file in a worker thread while this thread writes: the two halves of a big import run
 * side by side. The worker stays at most BATCHES_AHEAD batches ahead, has its own memory limit, and is stopped when
 * the reader stops early (a cancel, a rejected file, an error).
 */
export function convertInWorker(request: Omit<ConvertRequest, 'op'>, progress: ReadProgress): ConvertedSource {
  const worker = spawnEngineWorker('./convert-worker.js', '../ingest/convert-worker.ts', { ...request, op: 'convert' } satisfies ConvertRequest, {
    resourceLimits: IMPORT_READ_WORKER_LIMITS,
  });
  const batches = drain(worker, request.file, progress)[Symbol.asyncIterator]();
  return {
    next: () => batches.next(),
    async stop() {
      worker.removeAllListeners();
      await worker.terminate();
    },
  };
}

async function* drain(worker: Worker, file: string, progress: ReadProgress): AsyncIterable<ConvertedBatch> {
  const queue: ConvertMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: ConvertMessage) => {
    queue.push(message);
    notify();
  });
  worker.once('error', (error: Error & { code?: string }) => {
    failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? limitExceeded(file, 'memory', `reading it needed more than ${IMPORT_READ_WORKER_LIMITS.maxOldGenerationSizeMb} MiB of memory, the most Localyst gives to reading one file.`)
        : new AppError('internal', `Reading ${path.basename(file)} failed: ${error.message}`, { file });
    notify();
  });
  worker.once('exit', (code) => {
    failure ??= new AppError('internal', `Reading ${path.basename(file)} stopped unexpectedly (exit ${code}).`, { file });
    notify();
  });
  let fields: string[] = [];
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.type === 'fields') fields = message.fields;
      else if (message.type === 'done') return;
      else if (message.type === 'failed') throw revive(message);
      else {
        worker.postMessage('next');
        progress.bytes = message.batch.bytes;
        yield { rows: fromWire(message.batch, fields), bytes: message.batch.bytes };
      }
    }
  } finally {
    worker.removeAllListeners();
    void worker.terminate();
  }
}

/** The worker's error as it would have been thrown here: an AppError keeps its code, anything else its message. */
function revive(message: Extract<ConvertMessage, { type: 'failed' }>): Error {
  const { code, message: text, details } = message.error;
  if (!message.appError) return new Error(text);
  return new AppError((errorCodes as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal', text, details);
}
