import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refreshCustomerMetrics } from '../../../src/engine/customers/metrics';
import { fileKeyStore, unlockWorkspace } from '../../../src/engine/workspace/keys';
import { openWorkspace, type Db } from '../../../src/engine/db/open-workspace';
import { generateDemo } from '../../../src/engine/demo/generate';
import { createPseudonymiser, pseudonymSecret } from '../../../src/engine/ingest/pseudonyms';
import { recordingControl } from '../demo/helpers';

export type TestWorkspace = { dir: string; db: Db; dispose(): void };

/** A migrated workspace in a temp folder, optionally filled with a demo shop and its customer figures. */
export async function testWorkspace(demo?: { customers: number; seed: number }): Promise<TestWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-customers-test-'));
  const ws = await openWorkspace(path.join(dir, 'ws'));
  await unlockWorkspace(ws, fileKeyStore(path.join(dir, 'home')));
  if (demo) {
    generateDemo(ws.db, demo, recordingControl());
    ws.db.transaction(() => refreshCustomerMetrics(ws.db))();
  }
  return {
    dir: ws.dir,
    db: ws.db,
    dispose: () => {
      if (ws.db.open) ws.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Customers with awkward values: formula-like text, quotes, unicode, blanks, pseudonyms, mixed case. */
export const ODD_PEOPLE: ReadonlyArray<{
  externalId: string;
  first: string | null;
  last: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  city: string | null;
  signup: string | null;
}> = [
  { externalId: 'X-1', first: '=HYPERLINK("http://evil.example","click")', last: 'Formula', email: '=1+2@example.com', phone: '+31 6 12344821', country: 'nl', city: '@SUM(A1:A9)', signup: '2024-02-29' },
  { externalId: 'x-2', first: "O'Brien", last: 'Smith, "Jr"', email: 'o.brien@example.ie', phone: '-5', country: 'IE', city: 'Dún Laoghaire', signup: '2024-03-01' },
  { externalId: 'X-3', first: 'Émile', last: 'Zoë 😀', email: 'EMILE@EXAMPLE.FR', phone: null, country: 'FR', city: '\tTabbed', signup: null },
  { externalId: 'X-4', first: null, last: null, email: null, phone: null, country: null, city: '', signup: '2025-12-31' },
  { externalId: 'X-5', first: '-12.5', last: '+1', email: '%_\\@example.com', phone: '12', country: 'NL', city: 'Amsterdam\r\nNoord', signup: '2023-01-01' },
  { externalId: "'; DROP TABLE customers; --", first: 'Robert', last: "'); DROP TABLE", email: 'bobby@tables.example', phone: '+1 (555) 010-9999', country: 'US', city: 'Boston', signup: '2024-06-15' },
];

/** Adds ODD_PEOPLE plus two pseudonymised customers (without orders) and refreshes the figures. */
export function addOddCustomers(db: Db): void {
  const insert = db.prepare(
    `INSERT INTO customers (external_id, email, first_name, last_name, phone, country, city, signup_date, created_at, pseudonymized)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const pseudonymise = createPseudonymiser(pseudonymSecret(db));
  db.transaction(() => {
    for (const p of ODD_PEOPLE) insert.run(p.externalId, p.email, p.first, p.last, p.phone, p.country, p.city, p.signup, '2024-01-01T00:00:00', 0);
    insert.run('P-1', pseudonymise('email', 'anna@example.com'), pseudonymise('name', 'Anna'), pseudonymise('name', 'Visser'), pseudonymise('phone', '+31 6 1111 2222'), 'NL', 'Utrecht', '2024-05-05', '2024-05-05T10:00:00', 1);
    insert.run('P-2', pseudonymise('email', 'piet@example.com'), 'Piet', null, null, 'BE', 'Gent', '2024-05-06', '2024-05-06T10:00:00', 1);
    refreshCustomerMetrics(db);
  })();
}

export const all = <T>(db: Db, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];
export const one = <T>(db: Db, sql: string, ...params: unknown[]): T => db.prepare(sql).get(...params) as T;
export const scalar = (db: Db, sql: string, ...params: unknown[]): number => db.prepare(sql).pluck().get(...params) as number;
