import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrorAt } from '../../../src/cli/segment-command';
import { tempDir, runCli, type CliRun } from '../helpers';

let dir: string;
let ws: string;
let cleanup: () => void;

const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));
const scalar = (sql: string): number => {
  const db = new Database(path.join(ws, 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  ws = path.join(dir, 'ws');
  const demo = run(['demo', '--customers', '200', '--seed', '5', '--workspace', ws, '--json']);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => cleanup());

const NL = JSON.stringify({ all: [{ field: 'country', op: '=', value: 'nl' }, { event: 'purchased', withinDays: 3650 }] });

describe('localyst segment', () => {
  it('counts a rule given as JSON or @FILE, with shares of customers and revenue', () => {
    const r = run(['segment', 'count', '--rule', NL, '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const want = scalar(
      "SELECT count(*) FROM customers c WHERE c.country = 'NL' AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.kind = 'sale')",
    );
    expect(r.json).toMatchObject({ count: want, totalCustomers: 200 });
    expect(r.json?.shareCustomers).toBeCloseTo(want / 200, 9);
    expect(r.json?.shareRevenue).toBeGreaterThan(0);
    const file = path.join(dir, 'rule.json');
    fs.writeFileSync(file, NL);
    expect(run(['segment', 'count', '--rule', `@${file}`, '--workspace', ws, '--json']).json).toEqual(r.json);
    const human = run(['segment', 'count', '--rule', NL, '--workspace', ws]);
    expect(human.stdout).toMatch(new RegExp(`Customers\\s+${want} of 200`));
  });

  it('refuses bad JSON naming where it breaks, and a bad rule naming the condition, exit 1', () => {
    const bad = run(['segment', 'count', '--rule', '{"all":[{"field":"country","op":"=",value:"NL"}]}', '--workspace', ws, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'rule', position: 36 } });
    expect(String((bad.json?.error as { message: string }).message)).toMatch(/line 1, column 37/);
    const wrong = run(['segment', 'count', '--rule', '{"all":[{"field":"orders","op":"contains","value":"x"}]}', '--workspace', ws, '--json']);
    expect(wrong.code).toBe(1);
    expect(wrong.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'rule', path: 'all[0].op' } });
    const missing = run(['segment', 'count', '--rule', '@/no/such/rule.json', '--workspace', ws, '--json']);
    expect(missing.json?.error).toMatchObject({ code: 'not-found', details: { field: 'rule' } });
    const usage = run(['segment', 'count', '--workspace', ws, '--json']);
    expect(usage.code).toBe(2);
  });

  it('saves dynamic and static segments, refuses a name twice and lists them', () => {
    const dynamic = run(['segment', 'create', '--name', 'Dutch buyers', '--rule', NL, '--workspace', ws, '--json']);
    expect(dynamic.code, dynamic.stderr).toBe(0);
    expect(dynamic.json).toMatchObject({ id: 1, name: 'Dutch buyers', kind: 'dynamic' });
    const frozen = run(['segment', 'create', '--name', 'Dutch snapshot', '--rule', NL, '--static', '--workspace', ws, '--json']);
    expect(frozen.json).toMatchObject({ id: 2, kind: 'static', count: dynamic.json?.count });
    expect(scalar('SELECT count(*) FROM segment_members WHERE segment_id = 2')).toBe(dynamic.json?.count);
    const again = run(['segment', 'create', '--name', 'dutch BUYERS', '--rule', NL, '--workspace', ws, '--json']);
    expect(again.code).toBe(1);
    expect(again.json?.error).toMatchObject({ code: 'conflict', details: { field: 'name' } });
    const list = run(['segment', 'list', '--workspace', ws, '--json']);
    expect((list.json?.segments as Array<{ name: string }>).map((s) => s.name)).toEqual(['Dutch buyers', 'Dutch snapshot']);
  });

  it('exports a segment\u2019s members with the chosen columns, masked', () => {
    const out = path.join(dir, 'dutch.csv');
    const r = run(['segment', 'export', '1', '--out', out, '--columns', 'customerId,email,country', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('customerId,email,country');
    expect(r.json).toMatchObject({ file: out, rows: lines.length - 1 });
    expect(lines.slice(1).every((l) => l.endsWith(',NL') && l.includes('•'))).toBe(true);
    const badId = run(['segment', 'export', 'x1', '--out', out, '--workspace', ws, '--json']);
    expect(badId.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'id' } });
    const unknown = run(['segment', 'export', '99', '--out', out, '--workspace', ws, '--json']);
    expect(unknown.json?.error).toMatchObject({ code: 'not-found' });
  });
});

describe('jsonErrorAt', () => {
  it('finds where JSON breaks, whatever JSON.parse says', () => {
    expect(jsonErrorAt('{"all":}')).toEqual({ at: 7, expected: 'a value' });
    expect(jsonErrorAt('[1,2,]')).toEqual({ at: 5, expected: 'a value' });
    expect(jsonErrorAt('{"a":1')).toEqual({ at: 6, expected: '"," or "}"' });
    expect(jsonErrorAt('{"a":1} x')).toEqual({ at: 8, expected: 'the end of the rule' });
    expect(jsonErrorAt('{"a":"b\u0001"}').expected).toMatch(/control character/);
    expect(jsonErrorAt('['.repeat(5000)).expected).toBe('less nesting');
  });
});
