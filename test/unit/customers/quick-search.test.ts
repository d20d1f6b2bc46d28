import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCustomerPage } from '../../../src/engine/customers/customers-repo';
import { eraseCustomer } from '../../../src/engine/customers/privacy-repo';
import { choosePlan, countSql, FOLDED_INTO_ASCII, pageIdsSql, type Plan } from '../../../src/engine/customers/view-sql';
import { runMigrations } from '../../../src/engine/db/migrate';
import { migrations } from '../../../src/engine/db/migrations';
import { undoImport } from '../../../src/engine/ingest/history-repo';
import { runImport } from '../../../src/engine/ingest/run-import';
import { customerPageInputSchema, customerViewSchema } from '../../../src/shared/customer-schemas';
import type { ImportRequest } from '../../../src/shared/import-schemas';
import { control } from '../ingest/fixtures';
import { all, scalar, testWorkspace, type TestWorkspace } from './helpers';

// The quick search reads the trigram index of migration 008; triggers on customers keep it in step with every
// writer. Each step below changes customers one way and checks what the search finds.
let tw: TestWorkspace;
beforeAll(async () => {
  tw = await testWorkspace({ customers: 500, seed: 3 });
});
afterAll(() => tw.dispose());

const search = (term: string): { total: number; ids: string[] } => {
  const page = readCustomerPage(tw.db, customerPageInputSchema.parse({ quickSearch: term, offset: 0, limit: 1000 }), { memo: false });
  return { total: page.total, ids: page.rows.map((r) => r.customerId) };
};
const indexed = (): number => scalar(tw.db, 'SELECT count(*) FROM customers_search');

/** Imports a customers CSV (id, email, first, last, city, country) and returns the import's id. */
async function importCustomers(name: string, csv: string): Promise<number> {
  const file = path.join(tw.dir, name);
  fs.writeFileSync(file, csv);
  const request: ImportRequest = {
    file,
    kind: 'customers',
    mapping: { id: 'customerId', email: 'email', first: 'firstName', last: 'lastName', city: 'city', country: 'country' },
    onError: 'reject',
    dryRun: false,
    pseudonymize: [],
    overrides: {},
  };
  const report = await runImport(tw.db, request, control());
  expect(report.outcome, report.message).toBe('imported');
  return report.importId as number;
}

describe('quick search through the trigram index', () => {
  it('uses the index for three characters or more, and reads every customer for fewer', () => {
    const plan = (term: string): string => {
      const q = countSql(customerViewSchema.parse({ quickSearch: term }), false);
      return all<{ detail: string }>(tw.db, `EXPLAIN QUERY PLAN ${q.sql}`, ...q.params)
        .map((r) => r.detail)
        .join(' | ');
    };
    expect(plan('jan')).toContain('VIRTUAL TABLE INDEX');
    expect(plan('jan')).not.toMatch(/SCAN c\b/);
    expect(plan('ja')).toMatch(/SCAN c\b/);
  });

  it('holds every customer after the demo, and finds one by id, name part, e-mail and city, case-insensitively', () => {
    expect(indexed()).toBe(scalar(tw.db, 'SELECT count(*) FROM customers'));
    const someone = all<{ external_id: string; last_name: string; email: string; city: string }>(
      tw.db,
      'SELECT external_id, last_name, email, city FROM customers WHERE last_name IS NOT NULL AND length(last_name) >= 4 LIMIT 1',
    )[0] as { external_id: string; last_name: string; email: string; city: string };
    for (const term of [someone.external_id.toUpperCase(), someone.last_name.toLowerCase(), someone.email.toUpperCase(), someone.city]) {
      expect(search(term).ids, term).toContain(someone.external_id);
    }
    // Exact: the count equals a plain scan's.
    const scan = scalar(tw.db, "SELECT count(*) FROM customers WHERE external_id LIKE '%' || ? || '%' OR email LIKE '%' || ? || '%'", 'example', 'example');
    expect(search('example').total).toBe(scan);
  });

  it('finds imported customers, follows an import that changes them, and forgets them when the import is undone', async () => {
    const first = await importCustomers(
      'new.csv',
      'id,email,first,last,city,country\nQS-1,wilhelmina.quist@zandvoort.example,Wilhelmina,Quistorp,Zandvoort,NL\nQS-2,b.vos@example.net,Bram,Vos,Utrecht,NL\n',
    );
    expect(search('quistorp').ids).toEqual(['QS-1']);
    expect(search('qs-').ids.sort()).toEqual(['QS-1', 'QS-2']);
    // A second import moves Bram to Maastricht and gives him a new e-mail: the old values no longer find him.
    const second = await importCustomers('update.csv', 'id,email,first,last,city,country\nQS-2,bram@vosmail.example,Bram,Vos,Maastricht,NL\n');
    expect(search('vosmail').ids).toEqual(['QS-2']);
    expect(search('maastricht').ids).toContain('QS-2');
    expect(search('b.vos@').ids).toEqual([]);
    expect(indexed()).toBe(scalar(tw.db, 'SELECT count(*) FROM customers'));
    // Undoing the second import brings the old values back into the index; undoing the first removes its people.
    undoImport(tw.db, second);
    expect(search('b.vos@').ids).toEqual(['QS-2']);
    expect(search('vosmail').ids).toEqual([]);
    undoImport(tw.db, first);
    expect(search('quistorp').ids).toEqual([]);
    expect(indexed()).toBe(scalar(tw.db, 'SELECT count(*) FROM customers'));
  });

  it('forgets an erased customer: not found by any of their values, and the index holds one row fewer', async () => {
    await importCustomers('erase.csv', 'id,email,first,last,city,country\nQS-9,xerxes.oudeman@erase.example,Xerxes,Oudeman,Oudewater,NL\n');
    const id = scalar(tw.db, "SELECT id FROM customers WHERE external_id = 'QS-9'");
    // The figures row the explorer joins on.
    tw.db.prepare('INSERT OR IGNORE INTO customer_metrics (customer_id) VALUES (?)').run(id);
    expect(search('oudeman').ids).toEqual(['QS-9']);
    const before = indexed();
    eraseCustomer(tw.db, id);
    for (const term of ['QS-9', 'xerxes', 'oudeman', 'erase.example', 'oudewater']) expect(search(term).total, term).toBe(0);
    expect(indexed()).toBe(before - 1);
    // Nothing in the index answers for the erased row id (contentless tables keep ids and trigrams only).
    expect(scalar(tw.db, 'SELECT count(*) FROM customers_search WHERE rowid = ?', id)).toBe(0);
  });
});

describe('a broad quick search at the speed of a narrow one', () => {
  const view = (term: string, sort: Array<{ field: string; dir: string }> = []) => customerViewSchema.parse({ quickSearch: term, sort });
  const planOf = (sql: { sql: string; params: Array<string | number> }): string =>
    all<{ detail: string }>(tw.db, `EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.params)
      .map((r) => r.detail)
      .join(' | ');

  it('reads the first page of an unsorted search from the index in id order and stops there (no sort, no scan)', () => {
    const v = view('example');
    expect(choosePlan(v, 10_000, 1_000_000, 100, true)).toBe('search');
    const plan = planOf(pageIdsSql(v, 'search', false, 0, 100));
    expect(plan).toContain('VIRTUAL TABLE INDEX');
    expect(plan).not.toContain('TEMP B-TREE');
    expect(plan).not.toMatch(/SCAN c\b/);
  });

  it('counts only up to the cap, and says when there are more', () => {
    const v = view('example');
    const count = (cap: number | null): number => {
      const q = countSql(v, false, cap);
      return tw.db.prepare(q.sql).pluck().get(...q.params) as number;
    };
    const exact = count(null);
    expect(exact).toBeGreaterThan(20);
    expect(count(10)).toBe(11);
    expect(count(exact)).toBe(exact);
    const page = readCustomerPage(tw.db, customerPageInputSchema.parse({ quickSearch: 'example', offset: 0, limit: 10 }), { memo: false });
    expect(page).toMatchObject({ total: exact, totalCapped: false });
    // A two-letter term is counted by reading customers and stops at 1,000: this workspace has only 500.
    expect(readCustomerPage(tw.db, customerPageInputSchema.parse({ quickSearch: 'e', offset: 0, limit: 10 }), { memo: false }).totalCapped).toBe(false);
  });

  it('sorts a broad search by walking the sort index when the count hit the cap, and finds the same rows', () => {
    const v = view('example', [{ field: 'revenue', dir: 'desc' }]);
    expect(choosePlan(v, 10_000, 1_000_000, 100, true)).toBe('walk');
    expect(choosePlan(v, 4_217, 1_000_000, 100, false)).toBe('search');
    const ids = (plan: Plan): number[] => {
      const q = pageIdsSql(v, plan, false, 0, 1000);
      return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
    };
    expect(ids('walk')).toEqual(ids('search'));
    expect(ids('walk').length).toBeGreaterThan(20);
  });

  it('lists exactly the characters SQLite folds into ASCII (a walk asks the index only about rows holding them)', () => {
    const db = new Database(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE f USING fts5(v, content = '', contentless_delete = 1, tokenize = 'trigram')");
      const add = db.prepare('INSERT INTO f (rowid, v) VALUES (?, ?)');
      db.transaction(() => {
        for (let cp = 0x80; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) add.run(cp, `q${String.fromCodePoint(cp)}q`);
      })();
      const folded = new Set<string>();
      for (let ascii = 0x20; ascii < 0x7f; ascii++) {
        const phrase = `"q${String.fromCharCode(ascii).replace(/"/g, '""')}q"`;
        for (const cp of db.prepare('SELECT rowid FROM f WHERE f MATCH ?').pluck().all(phrase) as number[]) folded.add(String.fromCodePoint(cp));
      }
      expect([...folded].sort()).toEqual([...FOLDED_INTO_ASCII].sort());
    } finally {
      db.close();
    }
  });

  it('walks to the same customers as the index finds, also those whose values hold a Kelvin sign, a long s or a NUL', async () => {
    await importCustomers(
      'folds.csv',
      'id,email,first,last,city,country\nQF-1,k1@fold.example,\u212Aevin,Quaak,Fold,NL\nQF-2,k2@fold.example,Ca\u017Ftle,Quaak,Fold,NL\nQF-3,k3@fold.example,Kevin,Quaak,Fold,NL\n',
    );
    const nul = scalar(tw.db, "SELECT id FROM customers WHERE external_id = 'QF-3'");
    tw.db.prepare("UPDATE customers SET last_name = 'Qu' || char(0) || 'kevin' WHERE id = ?").run(nul);
    tw.db.prepare('INSERT OR IGNORE INTO customer_metrics (customer_id) SELECT id FROM customers').run();
    for (const term of ['kevin', 'castle', 'KEVIN', 'stle q']) {
      const v = view(term, [{ field: 'revenue', dir: 'desc' }]);
      const ids = (plan: Plan): number[] => {
        const q = pageIdsSql(v, plan, false, 0, 100);
        return (tw.db.prepare(q.sql).pluck().all(...q.params) as number[]).sort((a, b) => a - b);
      };
      const indexed = tw.db.prepare('SELECT rowid FROM customers_search WHERE customers_search MATCH ? ORDER BY rowid').pluck().all(`"${term}"`);
      expect(indexed.length, term).toBeGreaterThan(0);
      expect(ids('walk'), term).toEqual(indexed);
      expect(ids('search'), term).toEqual(indexed);
    }
  });
});

describe('migration 008 on a workspace that already has customers', () => {
  it('indexes the customers it finds, and the triggers take over from there', async () => {
    const dir = path.join(tw.dir, 'older');
    fs.mkdirSync(dir);
    const db = new Database(path.join(dir, 'workspace.sqlite'));
    try {
      const before008 = migrations.filter((m) => m.version < 8);
      await runMigrations(db, dir, before008);
      const add = db.prepare('INSERT INTO customers (external_id, first_name, last_name, email, city, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      add.run('OLD-1', 'Ottilie', 'Brinkgreve', 'ottilie@old.example', 'Deventer', '2020-01-01');
      add.run('OLD-2', null, null, null, null, '2020-01-01');
      await runMigrations(db, dir, migrations);
      const find = (term: string): number[] =>
        db.prepare('SELECT rowid FROM customers_search WHERE customers_search MATCH ?').pluck().all(`"${term}"`) as number[];
      const [old1] = db.prepare("SELECT id FROM customers WHERE external_id = 'OLD-1'").pluck().all() as number[];
      expect(find('ottilie brink')).toEqual([old1]);
      expect(find('DEVENTER')).toEqual([old1]);
      expect(find('old-')).toHaveLength(2);
      add.run('OLD-3', 'Nieuwe', 'Klant', null, 'Deventer', '2020-01-01');
      expect(find('deventer')).toHaveLength(2);
    } finally {
      db.close();
    }
  });
});
