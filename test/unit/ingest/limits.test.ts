import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
// JSZip is the zip library ExcelJS itself uses to load workbooks: it lets a test swap one part of a real workbook.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { openWorkspace, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import { inspectFile } from '../../../src/engine/ingest/inspect';
import { READ_LIMITS, type ReadLimits } from '../../../src/engine/ingest/limits';
import { previewImport } from '../../../src/engine/ingest/preview';
import { sniffInWorker } from '../../../src/engine/ingest/read-in-worker';
import { readRows } from '../../../src/engine/ingest/reader';
import { runImport } from '../../../src/engine/ingest/run-import';
import { AppError, type AppErrorData } from '../../../src/shared/errors';
import { tempDir } from '../helpers';
import { chosen } from '../engine-helpers';
import { control } from './fixtures';

let dir: string;
let cleanup: () => void;
let ws: OpenedWorkspace;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  ws = await openWorkspace(path.join(dir, 'ws'));
});
afterAll(() => {
  ws.db.close();
  cleanup();
});

const tiny = (limits: Partial<ReadLimits>): ReadLimits => ({ ...READ_LIMITS, ...limits });

async function failure(promise: Promise<unknown>): Promise<AppErrorData> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.toData();
    throw error;
  }
  throw new Error('expected a limit-exceeded error, got none');
}

const write = (name: string, content: string | Buffer): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

const ORDERS = 'order,customer,amount\nA1,c1,10\nA2,c2,12\n';
const preview = (file: string, limits: ReadLimits): Promise<unknown> =>
  previewImport(ws.db, { file, kind: 'orders', mapping: { order: 'orderId', customer: 'customerId', amount: 'unitPrice' }, pseudonymize: [], overrides: {} }, limits);

async function readAll(file: string, limits: ReadLimits): Promise<number> {
  const info = await inspectFile(ws.db, file, 'orders', {}, limits);
  let rows = 0;
  for await (const batch of readRows(file, info.detected, undefined, limits)) rows += batch.length;
  return rows;
}

describe('CSV and JSON lines', () => {
  it('an unclosed quote stops at the line limit, naming the row where the quote opened', async () => {
    // The quote opens on row 4 and runs to the end of the file: 200 lines of 100 characters.
    const file = write('unclosed.csv', `${ORDERS}A3,"c3,14\n${'x'.repeat(100)}\n`.repeat(1) + `${'y'.repeat(99)}\n`.repeat(200));
    const error = await failure(preview(file, tiny({ lineChars: 5000 })));
    expect(error.code).toBe('limit-exceeded');
    expect(error.message).toBe('unclosed.csv (row 4): a line is longer than 5,000 characters, the most one line may hold. It may have a quote (") that is never closed.');
    expect(error.details).toMatchObject({ file, limit: 'lineChars', row: 4 });
  });

  it('the import stops there too, and writes nothing', async () => {
    const head = 'order,date,customer,amount\nA1,2024-01-02,c1,10\nA2,2024-01-03,c2,12\n';
    const file = write('unclosed-import.csv', `${head}A3,2024-01-04,"c3,14\n` + `${'y'.repeat(99)}\n`.repeat(200));
    const request = { file, kind: 'orders' as const, mapping: { order: 'orderId', date: 'orderDate', customer: 'customerId', amount: 'unitPrice' }, onError: 'skip' as const, dryRun: false, pseudonymize: [], overrides: {} };
    const error = await failure(Promise.resolve().then(() => runImport(ws.db, request, control(), tiny({ lineChars: 5000 }))));
    expect(error).toMatchObject({ code: 'limit-exceeded', details: { row: 4, limit: 'lineChars' } });
    expect(ws.db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 0 });
  });

  it('a long line under the limit, quoted newlines, escaped quotes and a quote inside a plain cell are fine', async () => {
    const lines = [`"A3","c3\nsecond ""line""",${'9'.repeat(3000)}`, 'A4,5" screen,14', ...Array.from({ length: 100 }, (_, i) => `B${i},c,1`)];
    const file = write('fine.csv', `${ORDERS}${lines.join('\n')}\n`);
    expect(await readAll(file, tiny({ lineChars: 5000, fieldChars: 4000 }))).toBe(105);
  });

  it('counts rows as the parser does, past blank lines and quoted newlines', async () => {
    const file = write('rows.csv', `${ORDERS}\n,,\n"A3","two\nlines",1\n\nA4,"c4,1\n${'z'.repeat(6000)}\n`);
    const error = await failure(readAll(file, tiny({ lineChars: 5000 })));
    expect(error.details).toMatchObject({ limit: 'lineChars', row: 5 });
  });

  it('a cell past the cell limit is refused with its row and column', async () => {
    const file = write('wide.csv', `${ORDERS}A3,${'c'.repeat(2000)},14\n`);
    const error = await failure(readAll(file, tiny({ fieldChars: 1000 })));
    expect(error.message).toBe('wide.csv (row 4, column "customer"): a cell is longer than 1,000 characters, the most one cell may hold.');
    expect(error.details).toMatchObject({ limit: 'fieldChars', row: 4, column: 'customer' });
  });

  it('a JSON line past the line limit is refused with its row', async () => {
    const file = write('long.jsonl', `{"order":"A1","customer":"c1"}\n{"order":"A2","customer":"${'c'.repeat(9000)}"}\n`);
    const error = await failure(readAll(file, tiny({ lineChars: 5000 })));
    expect(error).toMatchObject({ code: 'limit-exceeded', details: { limit: 'lineChars', row: 2 } });
  });
});

describe('gzip', () => {
  // 20 MB of one repeated line packs to about 20 kB: a ratio of about 1000.
  const bomb = (): string => write('bomb.csv.gz', zlib.gzipSync(Buffer.from(ORDERS + 'A9,c9,1\n'.repeat(2_500_000))));

  it('a file that unpacks to more than the ratio allows is stopped', async () => {
    const file = bomb();
    const error = await failure(readAll(file, tiny({ gzipRatioFloorBytes: 1024 * 1024 })));
    expect(error.code).toBe('limit-exceeded');
    expect(error.details).toMatchObject({ limit: 'gzipRatio' });
    expect(error.message).toContain('unpacks to more than 200 times its own size');
  });

  it('and so is one past the absolute cap', async () => {
    const error = await failure(readAll(bomb(), tiny({ gzipBytes: 4 * 1024 * 1024 })));
    expect(error.message).toBe('bomb.csv.gz: the compressed file unpacks to more than 4 MiB, the most Localyst reads from a .gz file.');
  });

  it('the same file is read whole under the default limits', async () => {
    expect(await readAll(bomb(), READ_LIMITS)).toBe(2_500_003);
  });
});

/** A workbook with one sheet whose cells use the given texts (as shared strings). */
async function workbook(name: string, texts: string[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Orders');
  sheet.addRow(['order', 'customer']);
  texts.forEach((text, i) => sheet.addRow([`A${i}`, text]));
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

describe('Excel workbooks', () => {
  it('more distinct texts than allowed are refused', async () => {
    const file = await workbook('many.xlsx', Array.from({ length: 30 }, (_, i) => `customer ${i}`));
    const error = await failure(inspectFile(ws.db, file, 'orders', {}, tiny({ sharedStrings: 20 })));
    expect(error.message).toBe('many.xlsx: the workbook holds more than 20 distinct texts (shared strings), the most Localyst reads.');
    expect(error.details).toMatchObject({ limit: 'sharedStrings' });
  });

  it('shared strings longer together than allowed are refused', async () => {
    const file = await workbook('long-strings.xlsx', Array.from({ length: 10 }, (_, i) => `${i}${'z'.repeat(500)}`));
    const error = await failure(inspectFile(ws.db, file, 'orders', {}, tiny({ sharedStringChars: 3000 })));
    expect(error.details).toMatchObject({ limit: 'sharedStringChars' });
  });

  it('one shared string past the cell limit is refused', async () => {
    const file = await workbook('one-long.xlsx', ['short', 'q'.repeat(5000)]);
    const error = await failure(inspectFile(ws.db, file, 'orders', {}, tiny({ fieldChars: 1000 })));
    expect(error.details).toMatchObject({ limit: 'fieldChars' });
    expect(error.message).toContain('is longer than 1,000 characters');
  });

  it('a part that unpacks past the limit is refused, naming the part', async () => {
    const file = await workbook('big-sheet.xlsx', Array.from({ length: 2000 }, () => 'same'));
    const error = await failure(readAll(file, tiny({ xlsxEntryBytes: 20_000 })));
    expect(error.message).toBe('big-sheet.xlsx: the part xl/worksheets/sheet1.xml of the workbook unpacks to more than 20,000 bytes, the most Localyst reads from one part.');
  });

  it('a normal workbook reads the same as before', async () => {
    const file = await workbook('normal.xlsx', ['ann', 'bob', 'ann']);
    const info = await inspectFile(ws.db, file, 'orders');
    expect(info.headers).toEqual(['order', 'customer']);
    expect(info.sampleRows).toEqual([['A0', 'ann'], ['A1', 'bob'], ['A2', 'ann']]);
  });
});

describe('through the engine, with the real limits', () => {
  let engine: Engine;
  let hostile: string;
  beforeAll(async () => {
    engine = await createEngine({ workspaceDir: path.join(dir, 'engine-ws'), home: path.join(dir, 'home') });
    // A real workbook whose shared strings are swapped for one more than the default limit: small packed, big unpacked.
    const zip = await JSZip.loadAsync(fs.readFileSync(await workbook('seed.xlsx', ['ann'])));
    const count = READ_LIMITS.sharedStrings + 1;
    const parts: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`];
    for (let i = 0; i < count; i += 1) parts.push(`<si><t>c${i}</t></si>`);
    parts.push('</sst>');
    zip.file('xl/sharedStrings.xml', parts.join(''));
    hostile = write('hostile.xlsx', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } }));
  }, 60_000);
  afterAll(async () => {
    await engine.close();
  });

  it('import.inspect refuses a workbook with more shared strings than the default limit, and the engine answers meanwhile', async () => {
    let inspectEnded = false;
    const inspect = engine.invoke('import.inspect', { file: chosen(engine, hostile) }).finally(() => (inspectEnded = true));
    const other = await engine.invoke('jobs.list', {});
    expect(other.ok).toBe(true);
    expect(inspectEnded).toBe(false);
    const reply = await inspect;
    expect(reply).toMatchObject({ ok: false, error: { code: 'limit-exceeded', details: { limit: 'sharedStrings', file: hostile } } });
    expect(reply.ok ? '' : reply.error.message).toBe('hostile.xlsx: the workbook holds more than 1,000,000 distinct texts (shared strings), the most Localyst reads.');
  }, 60_000);

  it('a reader worker that runs out of its memory becomes a limit-exceeded error, not a crash', async () => {
    const error = await failure(
      sniffInWorker(hostile, {}, { resourceLimits: { maxOldGenerationSizeMb: 24 }, limits: tiny({ sharedStrings: 1e9 }) }),
    );
    expect(error).toMatchObject({ code: 'limit-exceeded', details: { limit: 'memory' } });
    expect(error.message).toContain('needed more than 24 MiB of memory');
    const again = await engine.invoke('jobs.list', {});
    expect(again.ok).toBe(true);
  }, 60_000);

  it('import.preview runs in the worker too and gives the same rows', async () => {
    const file = write('plain.csv', ORDERS);
    const reply = await engine.invoke('import.preview', { file: chosen(engine, file), kind: 'orders', mapping: { order: 'orderId', customer: 'customerId', amount: 'unitPrice' } });
    expect(reply).toMatchObject({ ok: true, value: { rowsRead: 2, rows: [{ _row: 2, orderId: 'A1' }, { _row: 3, orderId: 'A2' }] } });
  }, 30_000);
});
