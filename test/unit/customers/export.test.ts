import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { readCustomerPage } from '../../../src/engine/customers/customers-repo';
import { exportCustomers, type ExportJobInput } from '../../../src/engine/customers/export';
import { customerColumns, customerPageInputSchema, customerViewSchema, type CustomerRow } from '../../../src/shared/customer-schemas';
import { recordingControl } from '../demo/helpers';
import { addOddCustomers, all, testWorkspace, type TestWorkspace } from './helpers';

let tw: TestWorkspace;
let out: string;

beforeAll(async () => {
  tw = await testWorkspace({ customers: 1500, seed: 8 });
  addOddCustomers(tw.db);
  out = path.join(tw.dir, 'out');
  fs.mkdirSync(out);
});
afterAll(() => tw.dispose());

const parse = (file: string): string[][] => {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  // The file ends with CRLF, which papaparse reads as one empty last record.
  expect(parsed.data.at(-1)).toEqual(['']);
  return parsed.data.slice(0, -1);
};

/** What a cell should read as in a spreadsheet-safe CSV, from the value the page answered. */
const expectedCell = (value: CustomerRow[keyof CustomerRow]): string => {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return /^[=+\-@\t\r]/.test(value) && !/^-\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
};

function run(input: Partial<ExportJobInput> & { file: string }) {
  return exportCustomers(tw.db, { view: customerViewSchema.parse({}), columns: [...customerColumns], reveal: false, ...input }, recordingControl());
}

describe('customers.export', () => {
  it('writes exactly the rows of the page query, in order, with a header of the chosen columns', () => {
    const view = customerViewSchema.parse({
      sort: [{ field: 'revenue', dir: 'desc' }],
      filters: [{ field: 'country', op: 'equals', value: 'nl' }],
    });
    const file = path.join(out, 'nl.csv');
    const result = run({ view, file });
    const pages: CustomerRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = readCustomerPage(tw.db, customerPageInputSchema.parse({ ...view, offset, limit: 1000 }));
      pages.push(...page.rows);
      if (page.rows.length < 1000) break;
    }
    expect(result).toEqual({ file, fileName: 'nl.csv', rows: pages.length });
    const [header, ...records] = parse(file);
    expect(header).toEqual([...customerColumns]);
    expect(records).toHaveLength(pages.length);
    records.forEach((record, i) => {
      const row = pages[i] as CustomerRow;
      expect(record).toEqual(customerColumns.map((c) => expectedCell(row[c])));
    });
  });

  it('defuses formulas (=, +, -, @, tab, CR) but keeps negative numbers, and quotes by RFC 4180', () => {
    const file = path.join(out, 'odd.csv');
    run({
      file,
      reveal: true,
      columns: ['customerId', 'name', 'email', 'phone', 'city'],
      view: customerViewSchema.parse({ filters: [{ field: 'signupDate', op: 'lessThan', value: '2099-01-01' }], quickSearch: 'x-' }),
    });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\r\n')[0]).toBe('customerId,name,email,phone,city');
    const byId = new Map(parse(file).slice(1).map((r) => [r[0], r]));
    expect(byId.get('X-1')).toEqual(['X-1', `'=HYPERLINK("http://evil.example","click") Formula`, "'=1+2@example.com", "'+31 6 12344821", "'@SUM(A1:A9)"]);
    expect(byId.get('x-2')).toEqual(['x-2', `O'Brien Smith, "Jr"`, 'o.brien@example.ie', '-5', 'Dún Laoghaire']);
    expect(byId.get('X-5')).toEqual(['X-5', "'-12.5 +1", '%_\\@example.com', '12', 'Amsterdam\r\nNoord']);
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""click"") Formula"');
    expect(text).toContain('"Amsterdam\r\nNoord"');
    // X-3 has no sign-up date, so the filter leaves it out.
    expect(byId.has('X-3')).toBe(false);
  });

  it('masks names, e-mails and phones unless revealed, and audits only revealed exports', () => {
    const masked = path.join(out, 'masked.csv');
    const auditBefore = all(tw.db, 'SELECT * FROM audit_log').length;
    const r1 = run({ file: masked, columns: ['customerId', 'name', 'email', 'phone'] });
    expect(all(tw.db, 'SELECT * FROM audit_log')).toHaveLength(auditBefore);
    const real = all<{ email: string }>(tw.db, 'SELECT email FROM customers WHERE email IS NOT NULL AND pseudonymized = 0');
    const text = fs.readFileSync(masked, 'utf8');
    for (const { email } of real.slice(0, 200)) expect(text).not.toContain(email);
    expect(text).toContain("'=. F•••");

    const revealed = path.join(out, 'revealed.csv');
    const r2 = run({ file: revealed, columns: ['customerId', 'email'], reveal: true });
    expect(r2.rows).toBe(r1.rows);
    expect(fs.readFileSync(revealed, 'utf8')).toContain((real[0] as { email: string }).email);
    const entries = all<{ action: string; subject: string | null; detail_json: string }>(tw.db, 'SELECT * FROM audit_log ORDER BY id');
    expect(entries).toHaveLength(auditBefore + 1);
    const entry = entries.at(-1);
    expect(entry?.action).toBe('customers.exported');
    expect(JSON.parse(entry?.detail_json ?? '{}')).toEqual({ rows: r2.rows, revealed: true, columns: ['customerId', 'email'] });
  });

  it('leaves no file, not even a partial one, when cancelled while writing or just before the rename', () => {
    const exported = (): number => all(tw.db, "SELECT * FROM audit_log WHERE action = 'customers.exported'").length;
    const before = exported();
    // 1,508 customers: the first check comes after row 1,000, the second after the last row, before the rename.
    for (const cancelAt of [1, 2]) {
      const dir = path.join(out, `cancel-${cancelAt}`);
      fs.mkdirSync(dir);
      const control = recordingControl(cancelAt);
      const input = { view: customerViewSchema.parse({}), columns: [...customerColumns], reveal: true, file: path.join(dir, 'all.csv') };
      expect(() => exportCustomers(tw.db, input, control)).toThrowError(expect.objectContaining({ code: 'cancelled' }) as Error);
      expect(control.checks).toBe(cancelAt);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
    expect(exported()).toBe(before);
  });

  it('replaces an existing file only when the export is complete', () => {
    const file = path.join(out, 'replace.csv');
    fs.writeFileSync(file, 'old');
    expect(() => exportCustomers(tw.db, { view: customerViewSchema.parse({}), columns: ['customerId'], reveal: false, file }, recordingControl(1))).toThrow();
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    run({ file, columns: ['customerId'] });
    expect(fs.readFileSync(file, 'utf8').startsWith('customerId\r\n')).toBe(true);
  });
});

describe('customers.export as a job through the engine', () => {
  let engine: Engine;
  let job: TestWorkspace;
  beforeAll(async () => {
    job = await testWorkspace({ customers: 200, seed: 1 });
    job.db.close();
    engine = await createEngine({ workspaceDir: job.dir, home: path.join(job.dir, '..', 'home') });
  });
  afterAll(async () => {
    await engine.close();
    job.dispose();
  });

  const finished = (jobId: string) =>
    new Promise<{ event: string; payload: unknown }>((resolve) => {
      const off = engine.onEvent((event, payload) => {
        if ((event === 'job.done' || event === 'job.failed') && (payload as { jobId: string }).jobId === jobId) {
          off();
          resolve({ event, payload });
        }
      });
    });

  it('writes to <workspace>/exports/customers-YYYYMMDD-HHMMSS.csv by default and reports file, name and rows', async () => {
    const started = await engine.invoke('customers.export', { columns: ['customerId', 'revenue'] });
    if (!started.ok) throw new Error(started.error.message);
    const { event, payload } = await finished((started.value as { jobId: string }).jobId);
    expect(event).toBe('job.done');
    const result = (payload as { result: { file: string; fileName: string; rows: number } }).result;
    expect(result.rows).toBe(200);
    expect(result.fileName).toMatch(/^customers-\d{8}-\d{6}\.csv$/);
    expect(result.file).toBe(path.join(job.dir, 'exports', result.fileName));
    expect(fs.readFileSync(result.file, 'utf8').split('\r\n')).toHaveLength(202);
    const info = await engine.invoke('jobs.get', { jobId: (started.value as { jobId: string }).jobId });
    expect(info.ok && (info.value as { kind: string; status: string })).toMatchObject({ kind: 'customers.export', status: 'done' });
  });

  it('refuses a folder that does not exist, a path instead of a chosen file, or a folder, before starting a job', async () => {
    const missing = await engine.invoke('customers.export', { file: engine.grantFile(path.join(job.dir, 'nope', 'x.csv'), 'write').handle });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    const typed = await engine.invoke('customers.export', { file: path.join(job.dir, 'x.csv') });
    expect(!typed.ok && typed.error.code).toBe('bad-input');
    const folder = await engine.invoke('customers.export', { file: engine.grantFile(job.dir, 'write').handle });
    expect(!folder.ok && folder.error.code).toBe('bad-input');
  });
});
