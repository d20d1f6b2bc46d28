// A big import is read, parsed and typed in a worker thread while the import's thread writes (convert-stream.ts).
// These tests send small files down that path on purpose and hold it to the in-thread reading, row for row.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import { inspectFile } from '../../../src/engine/ingest/inspect';
import { READ_LIMITS } from '../../../src/engine/ingest/limits';
import { runImport } from '../../../src/engine/ingest/run-import';
import type { ImportReport, ImportRequest } from '../../../src/shared/import-schemas';
import { AppError } from '../../../src/shared/errors';
import { contentDigest, tempDir } from '../helpers';
import { control, MESSY_ROWS, writeMessyFile } from './fixtures';

let dir: string;
let cleanup: () => void;
let inThread: OpenedWorkspace;
let inWorker: OpenedWorkspace;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  inThread = await openWorkspace(path.join(dir, 'thread'));
  inWorker = await openWorkspace(path.join(dir, 'worker'));
});
afterEach(() => {
  inThread.db.close();
  inWorker.db.close();
  cleanup();
});

/** What an import leaves behind, without the clock's and the path's part. */
function stored(ws: OpenedWorkspace): unknown {
  const all = (sql: string): unknown[] => ws.db.prepare(sql).all();
  return {
    orders: all('SELECT id, external_id, customer_id, ordered_at, kind, country, currency, import_id FROM orders ORDER BY id'),
    lines: all('SELECT * FROM order_lines ORDER BY id'),
    customers: all('SELECT id, external_id, email, country FROM customers ORDER BY id'),
    products: all('SELECT * FROM products ORDER BY id'),
    metrics: all('SELECT * FROM customer_metrics ORDER BY customer_id'),
    imports: all('SELECT kind, inserted, updated, unchanged, skipped, rejected, rows_read FROM imports ORDER BY id'),
  };
}

const sameReport = (report: ImportReport): unknown => ({ ...report, seconds: 0, file: path.basename(report.file) });

async function both(file: string, extra: Partial<ImportRequest> = {}): Promise<[unknown, unknown]> {
  const info = await inspectFile(inThread.db, file, 'orders');
  const request: ImportRequest = { file, kind: 'orders', mapping: info.mapping, onError: 'reject', dryRun: false, pseudonymize: [], overrides: {}, ...extra };
  const a = await runImport(inThread.db, request, control(), READ_LIMITS, { readInWorker: false });
  const b = await runImport(inWorker.db, request, control(), READ_LIMITS, { readInWorker: true });
  return [sameReport(a), sameReport(b)];
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error, got none');
}

// Many batches, with bad rows among them: an impossible date, a missing price, a word for a quantity.
const rows = Array.from({ length: 12_000 }, (_, i) => {
  if (i % 997 === 5) return `C-${i};31/02/2024 09:00;K-${i % 300};SKU-${i % 50};Broken ${i};1;9,99;Nederland`;
  if (i % 1499 === 7) return `C-${i};01/03/2024 09:00;K-${i % 300};SKU-${i % 50};No price ${i};1;;Nederland`;
  if (i % 2003 === 9) return `C-${i};01/03/2024 09:00;K-${i % 300};SKU-${i % 50};Words ${i};two;9,99;Nederland`;
  return `C-${Math.floor(i / 3)};0${(i % 9) + 1}/03/2024 1${i % 10}:00;${i % 7 === 0 ? '' : `K-${i % 300}`};SKU-${i % 50};Item ${i % 50};${(i % 5) + 1};${i % 11},${i % 100};Nederland`;
});

describe('an import read in a worker thread', () => {
  it('skipping bad rows, stores and reports exactly what reading on the import thread does', async () => {
    const file = writeMessyFile(dir, [...MESSY_ROWS, ...rows], 'many.csv');
    const [a, b] = await both(file, { onError: 'skip' });
    expect(b).toEqual(a);
    expect(b).toMatchObject({ outcome: 'imported', skipped: 29 });
    expect(stored(inWorker)).toEqual(stored(inThread));
    expect((stored(inWorker) as { lines: unknown[] }).lines.length).toBeGreaterThan(11_000);
  });

  it('rejecting the file, reports the same rows and writes nothing', async () => {
    const file = writeMessyFile(dir, [...MESSY_ROWS, ...rows], 'many.csv');
    const before = contentDigest(inWorker.dbFile);
    const [a, b] = await both(file);
    expect(b).toEqual(a);
    expect(b).toMatchObject({ outcome: 'rejected', rejected: 29 });
    expect(contentDigest(inWorker.dbFile)).toBe(before);
  });

  it('reads JSON lines the same, a broken line included', async () => {
    const lines = Array.from({ length: 6_000 }, (_, i) => (i === 4321 ? '{"order": "J-1", broken' : JSON.stringify({ order: `J-${i % 2000}`, date: '2024-03-01 10:00:00', customer: `K-${i % 90}`, sku: `S-${i % 30}`, qty: 2, price: '1.5' })));
    const file = path.join(dir, 'orders.jsonl');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const [a, b] = await both(file, { onError: 'skip' });
    expect(b).toEqual(a);
    expect(b).toMatchObject({ skipped: 1, errors: [{ row: 4323, code: 'bad-record' }] });
    expect(stored(inWorker)).toEqual(stored(inThread));
  });

  it('reads Excel workbooks the same, date cells included (ExcelJS is loaded in the worker)', async () => {
    const file = path.join(dir, 'orders.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Orders');
    sheet.addRow(['Order', 'Date', 'Customer', 'SKU', 'Qty', 'Price']);
    for (let i = 0; i < 6_000; i += 1) sheet.addRow([`X-${Math.floor(i / 4)}`, new Date(Date.UTC(2024, 2, 1 + (i % 28), 9, 30)), `K-${i % 70}`, `S-${i % 25}`, (i % 4) + 1, i === 77 ? 'free' : 2.5]);
    await wb.xlsx.writeFile(file);
    const [a, b] = await both(file, { onError: 'skip' });
    expect(b).toEqual(a);
    expect(b).toMatchObject({ outcome: 'imported', skipped: 1, errors: [{ row: 79, code: 'not-a-number' }, { row: 79, code: 'missing-value' }] });
    expect(stored(inWorker)).toEqual(stored(inThread));
  });

  it('a limit met in the worker stops the import with the same error, writes nothing, and checks foreign keys again after', async () => {
    const head = 'order,date,customer,amount\nA1,2024-01-02,c1,10\nA2,2024-01-03,c2,12\n';
    const file = path.join(dir, 'unclosed.csv');
    fs.writeFileSync(file, `${head}A3,2024-01-04,"c3,14\n` + `${'y'.repeat(99)}\n`.repeat(200));
    const request: ImportRequest = { file, kind: 'orders', mapping: { order: 'orderId', date: 'orderDate', customer: 'customerId', amount: 'unitPrice' }, onError: 'skip', dryRun: false, pseudonymize: [], overrides: {} };
    const limits = { ...READ_LIMITS, lineChars: 5000 };
    const there = await failure(runImport(inWorker.db, request, control(), limits, { readInWorker: true }));
    const here = await failure(runImport(inThread.db, request, control(), limits, { readInWorker: false }));
    expect(there.toData()).toEqual(here.toData());
    expect(there.toData()).toMatchObject({ code: 'limit-exceeded', details: { row: 4, limit: 'lineChars' } });
    expect(inWorker.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
    expect(inWorker.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('a cancel stops the worker and leaves the workspace as it was; a finished import checks foreign keys again', async () => {
    const file = writeMessyFile(dir, rows.filter((_, i) => i % 997 !== 5 && i % 1499 !== 7 && i % 2003 !== 9), 'good.csv');
    const info = await inspectFile(inWorker.db, file, 'orders');
    const request: ImportRequest = { file, kind: 'orders', mapping: info.mapping, onError: 'reject', dryRun: false, pseudonymize: [], overrides: {} };
    const before = contentDigest(inWorker.dbFile);
    const cancelled = await failure(runImport(inWorker.db, request, control(1), READ_LIMITS, { readInWorker: true }));
    expect(cancelled.code).toBe('cancelled');
    expect(inWorker.db.inTransaction).toBe(false);
    expect(contentDigest(inWorker.dbFile)).toBe(before);
    expect(inWorker.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const done = await runImport(inWorker.db, request, control(), READ_LIMITS, { readInWorker: true });
    expect(done.outcome).toBe('imported');
    expect(inWorker.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(inWorker.db.pragma('foreign_key_check')).toEqual([]);
  });
});
