import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileKeyStore, unlockWorkspace } from '../../../src/engine/workspace/keys';
import { openWorkspace, type OpenedWorkspace } from '../../../src/engine/db/open-workspace';
import { readStats } from '../../../src/engine/db/stats-repo';
import { listImports, undoImport } from '../../../src/engine/ingest/history-repo';
import { inspectFile } from '../../../src/engine/ingest/inspect';
import { previewImport } from '../../../src/engine/ingest/preview';
import { isPseudonym } from '../../../src/engine/ingest/pseudonyms';
import { runImport } from '../../../src/engine/ingest/run-import';
import type { ImportRequest } from '../../../src/shared/import-schemas';
import { AppError } from '../../../src/shared/errors';
import { contentDigest, tempDir } from '../helpers';
import { control, count, MESSY_HEADER, MESSY_ROWS, writeMessyFile } from './fixtures';

let dir: string;
let cleanup: () => void;
let ws: OpenedWorkspace;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  ws = await openWorkspace(path.join(dir, 'ws'));
  await unlockWorkspace(ws, fileKeyStore(path.join(dir, 'home')));
});
afterEach(() => {
  ws.db.close();
  cleanup();
});

const request = (file: string, mapping: Record<string, string>, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  file,
  kind: 'orders',
  mapping,
  onError: 'reject',
  dryRun: false,
  pseudonymize: [],
  overrides: {},
  ...extra,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('a messy export (Windows-1252, semicolons, decimal commas, one impossible date)', () => {
  it('is detected correctly and mapped without a manual step', async () => {
    const info = await inspectFile(ws.db, writeMessyFile(dir), undefined);
    expect(info.detected).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', decimalComma: true, dateFormat: 'dd/MM/yyyy HH:mm' });
    expect(info.kind).toBe('orders');
    expect(info.mapping).toEqual({
      'Order No': 'orderId',
      'Order Date': 'orderDate',
      Customer: 'customerId',
      SKU: 'sku',
      Item: 'description',
      Qty: 'quantity',
      'Unit Price': 'unitPrice',
      Country: 'country',
    });
    expect(info.headers).toEqual(MESSY_HEADER.split(';'));
    expect(info.sampleRows[0]?.[4]).toBe('Geurkaars "Crème brûlée"; groot');
  });

  it('previews the first rows typed as they will be stored, with the bad date reported', async () => {
    const file = writeMessyFile(dir);
    const info = await inspectFile(ws.db, file, 'orders');
    const preview = await previewImport(ws.db, { file, kind: 'orders', mapping: info.mapping, pseudonymize: [], overrides: {} });
    expect(preview.rowsRead).toBe(MESSY_ROWS.length);
    expect(preview.rows[0]).toMatchObject({ orderId: 'A-1001', orderDate: '2024-02-03T10:15:00', quantity: 2, unitPrice: 12.5, country: 'Nederland' });
    expect(preview.rows[2]).toMatchObject({ unitPrice: 1234 });
    expect(preview.errors).toEqual([
      { row: 5, column: 'Order Date', field: 'orderDate', code: 'bad-date', message: '"31/02/2024 09:00" is not a date in the format dd/MM/yyyy HH:mm.' },
    ]);
  });

  it('with "reject the file" imports nothing and reports the row, column and code', async () => {
    const file = writeMessyFile(dir);
    const info = await inspectFile(ws.db, file, 'orders');
    const before = contentDigest(ws.dbFile);
    const report = await runImport(ws.db, request(file, info.mapping), control());
    expect(report.outcome).toBe('rejected');
    expect(report).toMatchObject({ rows: 6, rejected: 1, importId: null, errorCounts: { 'bad-date': 1 } });
    expect(report.errors[0]).toMatchObject({ row: 5, column: 'Order Date', code: 'bad-date' });
    expect(contentDigest(ws.dbFile)).toBe(before);
  });

  it('with "skip bad rows" imports the rest as one transaction, decoded and typed', async () => {
    const file = writeMessyFile(dir);
    const info = await inspectFile(ws.db, file, 'orders');
    const report = await runImport(ws.db, request(file, info.mapping, { onError: 'skip' }), control());
    expect(report).toMatchObject({ outcome: 'imported', rows: 6, inserted: 5, skipped: 1, rejected: 1 });
    expect(count(ws.db, 'orders')).toBe(4);
    expect(count(ws.db, 'customers')).toBe(2);
    const line = ws.db.prepare("SELECT l.description, l.unit_price FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = 'A-1001' AND l.line_no = 1").get();
    expect(line).toEqual({ description: 'Geurkaars "Crème brûlée"; groot', unit_price: 12.5 });
    const stats = readStats(ws.db);
    // 2 × 12.50 + 4.95 + 1,234.00 + 3 × 7.25; the returned line (quantity −1) is not a sale.
    expect(stats.revenue).toBe(1285.7);
    expect(stats.linesWithoutCustomer).toBe(1);
    expect(ws.db.prepare("SELECT count(*) AS n FROM customer_metrics WHERE orders > 0").get()).toEqual({ n: 2 });
  });

  it('importing the same file again changes nothing and says so', async () => {
    const file = writeMessyFile(dir);
    const info = await inspectFile(ws.db, file, 'orders');
    await runImport(ws.db, request(file, info.mapping, { onError: 'skip' }), control());
    const digest = contentDigest(ws.dbFile);
    const again = await runImport(ws.db, request(file, info.mapping, { onError: 'skip' }), control());
    expect(again).toMatchObject({ outcome: 'unchanged', alreadyImported: true, inserted: 0, updated: 0, unchanged: 5, importId: null });
    expect(again.message).toMatch(/already imported/);
    expect(contentDigest(ws.dbFile)).toBe(digest);
    expect(listImports(ws.db)).toHaveLength(1);
  });

  it('a newer overlapping export updates by id, and undo puts everything back', async () => {
    const file = writeMessyFile(dir);
    const info = await inspectFile(ws.db, file, 'orders');
    await runImport(ws.db, request(file, info.mapping, { onError: 'skip' }), control());
    const afterFirst = contentDigest(ws.dbFile);
    const newer = [...MESSY_ROWS.slice(0, 3), MESSY_ROWS[4] as string, 'A-1006;01/03/2024 08:00;K-20;CND-01;Geurkaars groot;1;13,50;Nederland'];
    newer[1] = 'A-1001;03/02/2024 10:15;K-17;CND-02;Theelichtjes (50 stuks);1;5,45;Nederland';
    const file2 = writeMessyFile(dir, newer, 'bestellingen-maart.csv');
    const report = await runImport(ws.db, request(file2, info.mapping), control());
    expect(report).toMatchObject({ outcome: 'imported', inserted: 1, updated: 1, unchanged: 3 });
    expect(ws.db.prepare("SELECT unit_price FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.external_id = 'A-1001' AND line_no = 2").get()).toEqual({ unit_price: 5.45 });
    const history = listImports(ws.db);
    expect(history.map((h) => [h.id, h.canUndo])).toEqual([[2, true], [1, false]]);
    expect(() => undoImport(ws.db, 1)).toThrow(/Undo the imports after/);
    const undone = undoImport(ws.db, report.importId as number);
    expect(undone).toMatchObject({ restored: 1 });
    expect(undone.removed).toBeGreaterThanOrEqual(3); // the new line, its order and its new customer
    expect(listImports(ws.db)[0]).toMatchObject({ status: 'undone' });
    // Everything but the history entry is as it was after the first import.
    ws.db.prepare('DELETE FROM imports WHERE id = 2').run();
    expect(contentDigest(ws.dbFile)).toBe(afterFirst);
  });

  it('a dry run counts everything and writes nothing', async () => {
    const file = writeMessyFile(dir);
    const info = await inspectFile(ws.db, file, 'orders');
    const before = contentDigest(ws.dbFile);
    const report = await runImport(ws.db, request(file, info.mapping, { onError: 'skip', dryRun: true }), control());
    expect(report).toMatchObject({ outcome: 'dry-run', inserted: 5, skipped: 1, importId: null });
    expect(contentDigest(ws.dbFile)).toBe(before);
  });
});

describe('bad requests and cancellation', () => {
  it('refuses unknown columns, unknown fields, two columns for one field and a missing required field', async () => {
    const file = writeMessyFile(dir);
    const base = { 'Order No': 'orderId', 'Order Date': 'orderDate', 'Unit Price': 'unitPrice' };
    expect(await codeOf(runImport(ws.db, request(file, { ...base, Nope: 'sku' }), control()))).toBe('bad-input');
    expect(await codeOf(runImport(ws.db, request(file, { ...base, SKU: 'favouriteColour' }), control()))).toBe('bad-input');
    expect(await codeOf(runImport(ws.db, request(file, { ...base, Item: 'orderId' }), control()))).toBe('bad-input');
    expect(await codeOf(runImport(ws.db, request(file, { 'Order No': 'orderId', 'Unit Price': 'unitPrice' }), control()))).toBe('bad-input');
    expect(await codeOf(runImport(ws.db, request(path.join(dir, 'missing.csv'), base), control()))).toBe('not-found');
  });

  it('a cancel mid-import leaves the workspace exactly as it was, indexes included', async () => {
    // Over 4 MB: the bulk path that drops and rebuilds the order-lines product index.
    const rows = Array.from({ length: 70_000 }, (_, i) => `B-${i};0${(i % 9) + 1}/03/2024 10:00;K-${i % 500};SKU-${i % 40};Item ${i};1;9,99;Nederland`);
    const file = writeMessyFile(dir, rows, 'big.csv');
    const info = await inspectFile(ws.db, file, 'orders');
    const before = contentDigest(ws.dbFile);
    expect(fs.statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    const indexes = (): unknown[] => ws.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const indexesBefore = indexes();
    expect(await codeOf(runImport(ws.db, request(file, info.mapping), control(2)))).toBe('cancelled');
    expect(ws.db.inTransaction).toBe(false);
    expect(contentDigest(ws.dbFile)).toBe(before);
    expect(indexes()).toEqual(indexesBefore);
    const done = await runImport(ws.db, request(file, info.mapping), control());
    expect(done.inserted).toBe(70_000);
    expect(indexes()).toEqual(indexesBefore);
  });
});

describe('a big file imported again', () => {
  it('leaves the order-lines product index alone when no line changes, and sets it aside when lines do', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => `B-${i};0${(i % 9) + 1}/03/2024 10:00;K-${i % 500};SKU-${i % 40};Item ${i};1;9,99;Nederland`);
    const file = writeMessyFile(dir, rows, 'big.csv');
    const info = await inspectFile(ws.db, file, 'orders');
    const exec = vi.spyOn(ws.db, 'exec');
    const dropped = (): number => exec.mock.calls.filter(([sql]) => /DROP INDEX/i.test(sql)).length;
    expect((await runImport(ws.db, request(file, info.mapping), control())).inserted).toBe(70_000);
    expect(dropped()).toBe(1);
    expect((await runImport(ws.db, request(file, info.mapping), control())).outcome).toBe('unchanged');
    expect(dropped()).toBe(1);
    const changed = writeMessyFile(dir, rows.map((r, i) => (i === 5 ? r.replace(';1;9,99;', ';2;9,99;') : r)), 'big-2.csv');
    expect((await runImport(ws.db, request(changed, info.mapping), control())).updated).toBe(1);
    expect(dropped()).toBe(2);
    expect(ws.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'order_lines_product'").get()).toEqual({ n: 1 });
    expect(ws.db.prepare('SELECT count(*) AS n FROM order_lines INDEXED BY order_lines_product WHERE product_id IS NOT NULL').get()).toEqual({ n: 70_000 });
    exec.mockRestore();
  });
});

describe('a big file that brings customers', () => {
  it('indexes them for the quick search as the trigger would, and puts the trigger back', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => `B-${i};0${(i % 9) + 1}/03/2024 10:00;K-${i % 500};SKU-${i % 40};Item ${i};1;9,99;Nederland`);
    const file = writeMessyFile(dir, rows, 'big.csv');
    const info = await inspectFile(ws.db, file, 'orders');
    let small = writeMessyFile(dir, ['S-1;14/03/2024 10:00;K-early;SKU-1;Item;1;9,99;Nederland'], 'small.csv');
    // A customer from before the big file keeps its one entry.
    await runImport(ws.db, request(small, (await inspectFile(ws.db, small, 'orders')).mapping), control());
    const exec = vi.spyOn(ws.db, 'exec');
    expect((await runImport(ws.db, request(file, info.mapping), control())).inserted).toBe(70_000);
    expect(exec.mock.calls.filter(([sql]) => /DROP TRIGGER customers_search_insert/i.test(sql))).toHaveLength(1);
    exec.mockRestore();
    const scalar = (sql: string, ...params: unknown[]): unknown => ws.db.prepare(sql).pluck().get(...params);
    expect(scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'customers_search_insert'")).toBe(1);
    expect(scalar('SELECT count(*) FROM customers')).toBe(501);
    expect(scalar('SELECT count(*) FROM customers_search')).toBe(501);
    const found = (term: string): unknown[] => ws.db.prepare('SELECT rowid FROM customers_search WHERE customers_search MATCH ? ORDER BY rowid').pluck().all(`"${term}"`);
    expect(found('K-42')).toEqual(ws.db.prepare("SELECT id FROM customers WHERE external_id LIKE '%K-42%' ORDER BY id").pluck().all());
    expect(found('K-early')).toEqual([scalar("SELECT id FROM customers WHERE external_id = 'K-early'")]);
    expect(found('nederland')).toHaveLength(501);
    // The trigger indexes a customer a later import brings.
    small = writeMessyFile(dir, ['S-2;14/03/2024 10:00;K-later;SKU-1;Item;1;9,99;Nederland'], 'small-2.csv');
    await runImport(ws.db, request(small, (await inspectFile(ws.db, small, 'orders')).mapping), control());
    expect(found('K-later')).toEqual([scalar("SELECT id FROM customers WHERE external_id = 'K-later'")]);
  });
});

describe('partial files', () => {
  it('a file without a column leaves that field of existing records alone', async () => {
    const full = path.join(dir, 'full.csv');
    fs.writeFileSync(full, 'Customer ID,Email,Country,City\nK-1,anna@example.nl,NL,Utrecht\n');
    const f = await inspectFile(ws.db, full, 'customers');
    await runImport(ws.db, request(full, f.mapping, { kind: 'customers' }), control());
    const partial = path.join(dir, 'partial.csv');
    fs.writeFileSync(partial, 'Customer ID,Email\nK-1,anna@vries.nl\n');
    const p = await inspectFile(ws.db, partial, 'customers');
    const report = await runImport(ws.db, request(partial, p.mapping, { kind: 'customers' }), control());
    expect(report).toMatchObject({ updated: 1 });
    expect(ws.db.prepare("SELECT email, country, city FROM customers WHERE external_id = 'K-1'").get()).toEqual({ email: 'anna@vries.nl', country: 'NL', city: 'Utrecht' });
  });

  it('imports campaign results per customer, creating the campaign once', async () => {
    const file = path.join(dir, 'results.csv');
    fs.writeFileSync(file, 'Campaign,Sent at,Customer ID,Opened,Clicked,Converted,Revenue\nspring-24,2024-03-01,K-1,yes,yes,no,0\nspring-24,2024-03-01,K-2,no,no,no,0\nspring-24,2024-03-01,K-3,yes,yes,yes,"49,95"\n');
    const info = await inspectFile(ws.db, file, undefined);
    expect(info.kind).toBe('campaign_results');
    const report = await runImport(ws.db, request(file, info.mapping, { kind: 'campaign_results' }), control());
    expect(report).toMatchObject({ outcome: 'imported', inserted: 3 });
    expect(ws.db.prepare('SELECT name, channel, sent_at FROM campaigns').all()).toEqual([{ name: 'spring-24', channel: 'email', sent_at: '2024-03-01T00:00:00' }]);
    expect(ws.db.prepare('SELECT sum(opened) AS opened, sum(converted) AS converted FROM campaign_results').get()).toEqual({ opened: 2, converted: 1 });
    expect(count(ws.db, 'customers')).toBe(3);
  });
});

describe('other formats and privacy', () => {
  it('reads Excel workbooks, with real date cells', async () => {
    const file = path.join(dir, 'customers.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Klanten');
    sheet.addRow(['Customer ID', 'First Name', 'Last Name', 'Email', 'Country', 'Created at', 'Accepts Marketing']);
    sheet.addRow(['K-1', 'Anna', 'de Vries', 'anna@example.nl', 'NL', new Date(Date.UTC(2023, 4, 17, 9, 30)), 'yes']);
    sheet.addRow(['K-2', 'Jörg', 'Müller', 'jorg@example.de', 'DE', new Date(Date.UTC(2024, 0, 2)), 'no']);
    await wb.xlsx.writeFile(file);
    const info = await inspectFile(ws.db, file, undefined);
    expect(info.kind).toBe('customers');
    expect(info.detected).toMatchObject({ format: 'xlsx', sheet: 'Klanten' });
    const report = await runImport(ws.db, request(file, info.mapping, { kind: 'customers' }), control());
    expect(report).toMatchObject({ outcome: 'imported', inserted: 2 });
    expect(ws.db.prepare("SELECT first_name, last_name, signup_date, accepts_marketing FROM customers WHERE external_id = 'K-2'").get()).toEqual({
      first_name: 'Jörg',
      last_name: 'Müller',
      signup_date: '2024-01-02',
      accepts_marketing: 0,
    });
  });

  it('reads JSON Lines and UTF-16, reporting a broken line by its row', async () => {
    const jsonl = path.join(dir, 'reviews.jsonl');
    fs.writeFileSync(
      jsonl,
      [
        JSON.stringify({ id: 'r1', customer_id: 'K-1', sku: 'CND-01', rating: 5, text: 'Prachtige geur', date: '2024-03-01' }),
        '{"id": "r2", broken',
        JSON.stringify({ id: 'r3', customer_id: 'K-2', sku: 'CND-01', rating: 2, text: 'Brandde ongelijk', date: '2024-03-04' }),
      ].join('\n'),
    );
    const info = await inspectFile(ws.db, jsonl, 'reviews');
    expect(info.mapping).toMatchObject({ id: 'reviewId', customer_id: 'customerId', sku: 'sku', rating: 'rating', text: 'body', date: 'reviewDate' });
    const report = await runImport(ws.db, request(jsonl, info.mapping, { kind: 'reviews', onError: 'skip' }), control());
    expect(report).toMatchObject({ inserted: 2, skipped: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, code: 'bad-record' });

    const utf16 = path.join(dir, 'products.csv');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sku\tname\tcategory\tprice\nCND-01\tGeurkaars “Ámbar”\tCandles\t12.50\n', 'utf16le')]));
    const p = await inspectFile(ws.db, utf16, 'products');
    expect(p.detected).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: '\t' });
    await runImport(ws.db, request(utf16, p.mapping, { kind: 'products' }), control());
    expect(ws.db.prepare("SELECT name, price FROM products WHERE sku = 'CND-01'").get()).toEqual({ name: 'Geurkaars “Ámbar”', price: 12.5 });
  });

  it('pseudonymises e-mail, phone and name with a workspace key, so the same person still matches', async () => {
    const customers = path.join(dir, 'customers.csv');
    fs.writeFileSync(customers, 'Email,First Name,Last Name,Phone\nAnna@Example.nl,Anna,de Vries,+31 6 1234 5678\n');
    const c = await inspectFile(ws.db, customers, 'customers');
    // No customer id column: the e-mail identifies the customer.
    expect(c.mapping).toEqual({ Email: 'email', 'First Name': 'firstName', 'Last Name': 'lastName', Phone: 'phone' });
    await runImport(ws.db, request(customers, c.mapping, { kind: 'customers', pseudonymize: ['email', 'phone', 'name'] }), control());
    const row = ws.db.prepare('SELECT external_id, email, first_name, last_name, phone, pseudonymized FROM customers').get() as Record<string, string | number>;
    expect(row.external_id).toBe(row.email);
    expect(isPseudonym(String(row.email))).toBe(true);
    expect(isPseudonym(String(row.first_name))).toBe(true);
    expect(isPseudonym(String(row.phone))).toBe(true);
    expect(row.pseudonymized).toBe(1);
    expect(JSON.stringify(row)).not.toMatch(/Anna|Vries|1234/);

    const orders = path.join(dir, 'orders.csv');
    fs.writeFileSync(orders, 'Order ID,Created at,Email,Total\n1001,2024-05-01 10:00:00,anna@example.NL ,49.95\n');
    const o = await inspectFile(ws.db, orders, 'orders');
    await runImport(ws.db, request(orders, o.mapping, { pseudonymize: ['email'] }), control());
    expect(count(ws.db, 'customers')).toBe(1);
    expect(fs.readFileSync(ws.dbFile).includes('anna@example')).toBe(false);
  });
});
