import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, runCli, type CliRun } from '../helpers';

let dir: string;
let ws: string;
let cleanup: () => void;

const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  ws = path.join(dir, 'ws');
  const demo = run(['demo', '--customers', '150', '--seed', '3', '--workspace', ws, '--json']);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => cleanup());

const query = <T>(sql: string, ...params: unknown[]): T => {
  const db = new Database(path.join(ws, 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
};

describe('localyst customers erase', () => {
  it('erases by the imported id, prints one JSON document and exits 0', () => {
    const before = query<{ id: number; orders: number }>(
      "SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orders FROM customers c WHERE external_id = 'C000007'",
    );
    const r = run(['customers', 'erase', 'C000007', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ customerId: 'C000007', orders: before.orders });
    expect(Object.keys(r.json ?? {}).sort()).toEqual([
      'backupsCleaned', 'campaignResults', 'customerId', 'files', 'freePagesZeroed', 'jobs', 'log', 'orderLines', 'orders', 'redacted', 'reviews', 'rewritten', 'savedCopy',
    ]);
    expect(r.json).toMatchObject({ log: { cleared: true }, files: [] });
    expect(query<{ n: number }>("SELECT count(*) AS n FROM customers WHERE external_id = 'C000007'").n).toBe(0);
    expect(query<{ subject: string; action: string }>('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1')).toMatchObject({
      action: 'customer.erased',
      subject: String(before.id),
    });
  });

  it('needs the exact id: a different case or an unknown id is not-found, exit 1', () => {
    for (const id of ['c000008', 'C000007', 'nobody']) {
      const r = run(['customers', 'erase', id, '--workspace', ws, '--json']);
      expect(r.code, id).toBe(1);
      expect(r.json?.error).toMatchObject({ code: 'not-found', details: { field: 'id' } });
    }
    expect(query<{ n: number }>("SELECT count(*) AS n FROM customers WHERE external_id = 'C000008'").n).toBe(1);
  });

  it('prints a readable summary without --json', () => {
    const r = run(['customers', 'erase', 'C000009', '--workspace', ws]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Erased customer C000009');
    expect(r.stdout).toContain('No file in the workspace folder holds them any more.');
  });

  const exportWith = (name: string): string => {
    const out = path.join(ws, 'exports', name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const r = run(['customers', 'export', '--out', out, '--columns', 'customerId,email', '--reveal', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return out;
  };

  it('lists an export that still holds the customer and prints the command that deletes it', () => {
    const out = exportWith('everyone.csv');
    const r = run(['customers', 'erase', 'C000010', '--workspace', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('These files in the workspace folder still hold the customer:\n  exports/everyone.csv');
    const command = /localyst (customers erase-leftovers .*)$/m.exec(r.stdout)?.[1];
    expect(command).toBe(`customers erase-leftovers exports/everyone.csv --workspace ${ws}`);
    expect(fs.existsSync(out)).toBe(true);
    const follow = run([...(command ?? '').split(' '), '--json']);
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.json).toEqual({ deleted: ['exports/everyone.csv'], missing: [], log: { cleared: true, message: expect.any(String) } });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('deletes such files at once with --delete-files', () => {
    const out = exportWith('everyone-again.csv');
    const r = run(['customers', 'erase', 'C000011', '--delete-files', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ files: [{ path: 'exports/everyone-again.csv', deletable: true }], deletedFiles: ['exports/everyone-again.csv'] });
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('localyst customers export', () => {
  it('writes the chosen columns, masked, and prints file, name and rows', () => {
    const out = path.join(dir, 'customers.csv');
    const r = run(['customers', 'export', '--out', out, '--columns', 'customerId,email,revenue', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = query<{ n: number }>('SELECT count(*) AS n FROM customers').n;
    expect(r.json).toEqual({ file: out, fileName: 'customers.csv', rows });
    const lines = fs.readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('customerId,email,revenue');
    expect(lines).toHaveLength(rows + 2);
    expect(lines[1]).toMatch(/^C\d{6},.•••@.•••\.\w+,[\d.]+$/u);
  });

  it('writes real values with --reveal and records it in the audit log', () => {
    const out = path.join(dir, 'revealed.csv');
    const r = run(['customers', 'export', '--out', out, '--columns', 'customerId,email', '--reveal', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const first = query<{ external_id: string; email: string }>('SELECT external_id, email FROM customers ORDER BY id LIMIT 1');
    expect(fs.readFileSync(out, 'utf8').split('\r\n')[1]).toBe(`${first.external_id},${first.email}`);
    const entry = query<{ action: string; detail_json: string }>('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1');
    expect(entry.action).toBe('customers.exported');
    expect(JSON.parse(entry.detail_json)).toMatchObject({ revealed: true, rows: r.json?.rows });
  });

  it('refuses unknown columns (exit 1, bad-input) and a missing --out (usage error, exit 2)', () => {
    const bad = run(['customers', 'export', '--out', path.join(dir, 'x.csv'), '--columns', 'customerId,password', '--workspace', ws, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'columns' } });
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
    const noOut = run(['customers', 'export', '--workspace', ws, '--json']);
    expect(noOut.code).toBe(2);
    expect((noOut.json?.error as { code: string }).code).toBe('bad-input');
  });

  it('fails with not-found (exit 1) when the folder does not exist', () => {
    const r = run(['customers', 'export', '--out', path.join(dir, 'missing', 'x.csv'), '--workspace', ws, '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'not-found', details: { field: 'file' } });
  });
});
