import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { runMigrations } from '../../../src/engine/db/migrate';
import { migrations } from '../../../src/engine/db/migrations';
import type { GenerateResult } from '../../../src/shared/copy-schemas';
import type { EraseLeftoversResult, EraseResult } from '../../../src/shared/customer-schemas';
import { eraseEverywhere, eraseLeftovers } from '../../../src/engine/customers/erase';
import { pageMemo, rememberCursor } from '../../../src/engine/customers/page-memo';
import { liveIndexBuilding, liveIndexIfReady } from '../../../src/engine/segments/live-index';
import { chosen, invokeValue, jobsSettled, nextJobDone } from '../engine-helpers';
import { tempDir } from '../helpers';
import { one, testWorkspace, type TestWorkspace } from './helpers';

/**
 * Issue 12, item 5: after an erase no byte of the person's name, e-mail, phone or id is left anywhere in the
 * workspace folder, except in the files the erase names (an export the user made, an upload not imported), and
 * none at all once those are deleted. The person is put everywhere a real workspace puts them: a backup taken
 * before a schema update, an import from an upload (with an undo image of an older phone), a review, a saved reply
 * quoting it, jobs that asked for and wrote them (an export searching by e-mail), an export file and a second upload.
 */
const person = {
  id: 'ZQX-771903',
  first: 'Quirinella',
  last: 'Vandermolenhoek',
  email: 'quirinella.v@zebra-mail.example',
  oldPhone: '+31 6 7734 0912',
  phone: '+31 6 7734 0999',
  review: 'The lantern arrived dented but the glass survived the long trip intact',
};
const personValues = [person.id, person.first, person.last, `${person.first} ${person.last}`, person.email, person.oldPhone, person.phone, person.review];

/** Every file under `dir` (relative, with /) holding one of the values as plain UTF-8 bytes, with the values found. */
function grepFolder(dir: string, values: string[] = personValues): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const bytes = fs.readFileSync(full);
        const hits = values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
        if (hits.length > 0) found.set(path.relative(dir, full).split(path.sep).join('/'), hits);
      }
    }
  };
  walk(dir);
  return found;
}

function upload(ws: string, name: string, content: string): string {
  const folder = path.join(ws, 'incoming', `20261206-0200${name.length}-a1b2c3`);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('erase leaves no trace of the person in the workspace folder', () => {
  let root: string;
  let cleanup: () => void;
  let ws: string;
  let engine: Engine;
  const value = <T>(channel: string, input: unknown): Promise<T> => invokeValue<T>(engine, channel, input);
  const runJob = async <T>(channel: string, kind: Parameters<typeof nextJobDone>[1], input: unknown): Promise<T> => {
    const done = nextJobDone<T>(engine, kind);
    await value(channel, input);
    return done;
  };

  beforeAll(async () => {
    ({ dir: root, cleanup } = tempDir());
    ws = path.join(root, 'ws');
    fs.mkdirSync(ws);
    // A workspace written by the version before the campaign builder (schema 6), holding the person with an older phone.
    const old = new Database(path.join(ws, 'workspace.sqlite'));
    await runMigrations(old, ws, migrations.filter((m) => m.version <= 6));
    old.pragma('journal_mode = WAL');
    old.prepare('INSERT INTO customers (external_id, email, first_name, last_name, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      person.id, person.email, person.first, person.last, person.oldPhone, '2025-01-01T00:00:00Z',
    );
    old.prepare("INSERT INTO customers (external_id, email, first_name, last_name, created_at) VALUES ('OTHER-1', 'other@example.com', 'Ada', 'Lovelace', '2025-01-01')").run();
    old.close();
    // Opening migrates it to the current schema, after a backup in backups/.
    engine = await createEngine({ workspaceDir: ws, home: path.join(root, 'home') });
    expect(fs.readdirSync(path.join(ws, 'backups'))).toHaveLength(1);

    const customersCsv = `Customer ID,E-mail,First name,Last name,Phone,Country\n${person.id},${person.email},${person.first},${person.last},${person.phone},NL\nOTHER-2,grace@example.com,Grace,Hopper,+1 555 0100,US\n`;
    const customersMapping = { 'Customer ID': 'customerId', 'E-mail': 'email', 'First name': 'firstName', 'Last name': 'lastName', Phone: 'phone', Country: 'country' };
    const customersUpload = upload(ws, 'customers.csv', customersCsv);
    const imported = await runJob<{ outcome: string }>('import.start', 'import.run', { file: chosen(engine, customersUpload), kind: 'customers', mapping: customersMapping });
    expect(imported.outcome).toBe('imported');
    // Uploads are deleted after a successful import.
    expect(fs.existsSync(customersUpload)).toBe(false);
    expect(fs.existsSync(path.dirname(customersUpload))).toBe(false);

    const reviewsUpload = upload(ws, 'reviews.csv', `Review ID,Customer ID,Stars,Text,Date\nR-1,${person.id},2,${person.review},2026-03-01\nR-2,OTHER-2,5,Lovely,2026-03-02\n`);
    const reviewsMapping = { 'Review ID': 'reviewId', 'Customer ID': 'customerId', Stars: 'rating', Text: 'body', Date: 'reviewDate' };
    expect((await runJob<{ outcome: string }>('import.start', 'import.run', { file: chosen(engine, reviewsUpload), kind: 'reviews', mapping: reviewsMapping })).outcome).toBe('imported');
    // The new reviews are analysed (sentiment, themes with quotes) by a job of their own: the quotes must go too.
    await jobsSettled(engine);

    // A reply to the review, generated (the job keeps the brief) and saved to the library (it keeps the brief too).
    const brief = { channel: 'reply', goal: 'retention', tone: 'friendly', product: { name: 'Brass lantern' }, replyTo: { text: person.review, rating: 2, customerId: person.id } };
    const generated = await runJob<GenerateResult>('copy.generate', 'copy.generate', { brief, variants: 2, candidates: 10 });
    await value('copy.librarySave', { campaign: 'Replies', brief, variant: generated.variants[0] });

    // An export found by the person's e-mail: its job keeps the search text, its file the real values.
    await runJob('customers.export', 'customers.export', { view: { quickSearch: person.email }, columns: ['customerId', 'name', 'email', 'phone'], reveal: true });

    // A second upload, only checked (a dry run keeps it for the import that follows).
    const again = upload(ws, 'customers-again.csv', customersCsv);
    expect((await runJob<{ outcome: string }>('import.start', 'import.run', { file: chosen(engine, again), kind: 'customers', mapping: customersMapping, dryRun: true })).outcome).toBe('dry-run');
    expect(fs.existsSync(again)).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await engine.close();
    cleanup();
  });

  it('finds the person in the database, the backup, the export and the upload before the erase (the search can fail)', () => {
    const before = grepFolder(ws);
    const files = [...before.keys()];
    expect(files).toEqual(expect.arrayContaining(['workspace.sqlite-wal', 'incoming/20261206-020019-a1b2c3/customers-again.csv']));
    expect(files.some((f) => f.startsWith('backups/'))).toBe(true);
    expect(files.some((f) => f.startsWith('exports/'))).toBe(true);
  });

  let result: EraseResult;
  it('erases, and only the files it names still hold the person', async () => {
    const page = await value<{ rows: Array<{ id: number; customerId: string }> }>('customers.page', {
      offset: 0,
      limit: 10,
      filters: [{ field: 'customerId', op: 'equals', value: person.id }],
    });
    result = await value<EraseResult>('customers.erase', { id: page.rows[0]?.id });
    expect(result).toMatchObject({ customerId: person.id, reviews: 1, savedCopy: 1, log: { cleared: true } });
    expect(result.jobs).toBe(2); // the generation (its brief) and the export (its search text)
    expect(result.backupsCleaned).toHaveLength(1);

    const after = grepFolder(ws);
    const reported = result.files.map((f) => f.path).sort();
    expect([...after.keys()].sort()).toEqual(reported);
    expect(reported).toHaveLength(2);
    expect(reported[0]).toMatch(/^exports\/customers-\d{8}-\d{6}\.csv$/);
    expect(reported[1]).toBe('incoming/20261206-020019-a1b2c3/customers-again.csv');
    expect(result.files.every((f) => f.deletable)).toBe(true);
    // The other customers are still there, in the database and the backup.
    const others = await value<{ total: number }>('customers.page', { offset: 0, limit: 10 });
    expect(others.total).toBe(2);
  });

  it('deletes the files it named on request, and then nothing holds the person at all', async () => {
    const done = await value<EraseLeftoversResult>('customers.eraseLeftovers', { files: result.files.map((f) => f.path) });
    expect(done.deleted.sort()).toEqual(result.files.map((f) => f.path).sort());
    expect(done.log.cleared).toBe(true);
    expect([...grepFolder(ws).keys()]).toEqual([]);
    await engine.close();
    expect([...grepFolder(ws).keys()]).toEqual([]);
    engine = await createEngine({ workspaceDir: ws, home: path.join(root, 'home') });
  });

  it('deletes only files in exports, incoming and backups, never the database or anything outside', async () => {
    fs.writeFileSync(path.join(root, 'outside.txt'), 'keep');
    for (const file of ['workspace.sqlite', '../outside.txt', '/etc/passwd', 'exports/../workspace.sqlite', 'exports']) {
      const reply = await engine.invoke('customers.eraseLeftovers', { files: [file] });
      expect(reply.ok, file).toBe(false);
    }
    expect(fs.existsSync(path.join(root, 'outside.txt'))).toBe(true);
    expect(fs.existsSync(path.join(ws, 'workspace.sqlite'))).toBe(true);
  });
});

describe('erase on a workspace already in use', () => {
  let tw: TestWorkspace;
  let ws: { dir: string; dbFile: string; db: TestWorkspace['db'] };
  type Row = { id: number; external_id: string; email: string; phone: string };
  const someone = (): Row => one<Row>(tw.db, 'SELECT id, external_id, email, phone FROM customers WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 1');
  const traces = (p: Row): string[] => [p.external_id, p.email, p.phone];

  beforeAll(async () => {
    tw = await testWorkspace({ customers: 60, seed: 5 });
    ws = { dir: tw.dir, dbFile: path.join(tw.dir, 'workspace.sqlite'), db: tw.db };
  });
  afterAll(() => tw.dispose());

  it('says plainly when a reader blocks the checkpoint, and empties the log once it has gone', () => {
    const p = someone();
    const reader = new Database(ws.dbFile, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM customers').get();
    const result = eraseEverywhere(ws, p.id, { checkpointWaitMs: 20 });
    expect(result.log.cleared).toBe(false);
    expect(result.log.message).toMatch(/Another program is reading this workspace.*workspace\.sqlite-wal/);
    expect(result.files.map((f) => f.path)).toContain('workspace.sqlite-wal');
    expect(result.files.find((f) => f.path === 'workspace.sqlite-wal')?.deletable).toBe(false);
    expect(eraseLeftovers(ws, [], { checkpointWaitMs: 20 }).log.cleared).toBe(false);
    reader.exec('COMMIT');
    reader.close();
    expect(eraseLeftovers(ws, []).log).toMatchObject({ cleared: true });
    expect([...grepFolder(tw.dir, traces(p)).keys()]).toEqual([]);
  });

  it('stops the segment index build and empties the page memos at once (the reader of the build would block the log)', () => {
    const p = someone();
    expect(liveIndexIfReady(tw.db)).toBeNull();
    expect(liveIndexBuilding(tw.db)).toBe(true);
    const memo = pageMemo(tw.db, 'sorted by e-mail');
    rememberCursor(memo, 100, { value: p.email, id: p.id });
    const result = eraseEverywhere(ws, p.id, { checkpointWaitMs: 20 });
    expect(liveIndexBuilding(tw.db)).toBe(false);
    expect(memo.cursors.size).toBe(0);
    expect(result.log.cleared).toBe(true);
  });

  it('blanks the person where rows stay, in any case, but not a longer value holding theirs; a full-text index keeps nothing', () => {
    const p = someone();
    // A quick-search index kept in step by a trigger, as a later migration may add.
    tw.db.exec(`CREATE VIRTUAL TABLE quick_search USING fts5(email, tokenize = 'trigram');
      INSERT INTO quick_search (rowid, email) SELECT id, email FROM customers;
      CREATE TRIGGER quick_search_erase AFTER DELETE ON customers BEGIN DELETE FROM quick_search WHERE rowid = old.id; END;`);
    const longer = `${p.external_id}7`;
    const view = { sort: [], filters: [{ field: 'email', op: 'equals', value: p.email }, { field: 'customerId', op: 'equals', value: longer }], quickSearch: '' };
    tw.db.prepare("INSERT INTO saved_views (name, columns_json, view_json, updated_at) VALUES ('Find them', '[\"email\"]', ?, '2026-01-01')").run(JSON.stringify(view));
    tw.db.prepare("INSERT INTO audit_log (at, action, subject, detail_json) VALUES ('2026-01-01', 'test.quoted', NULL, ?)").run(JSON.stringify({ search: p.email.toUpperCase() }));
    const result = eraseEverywhere(ws, p.id);
    expect(result).toMatchObject({ redacted: 2, log: { cleared: true }, files: [] });
    const saved = JSON.parse(one<{ view_json: string }>(tw.db, "SELECT view_json FROM saved_views WHERE name = 'Find them'").view_json) as typeof view;
    expect(saved.filters.map((f) => f.value)).toEqual(['[erased]', longer]);
    expect(one<{ detail_json: string }>(tw.db, "SELECT detail_json FROM audit_log WHERE action = 'test.quoted'").detail_json).toBe('{"search":"[erased]"}');
    expect(tw.db.prepare('SELECT count(*) FROM quick_search WHERE email = ?').pluck().get(p.email)).toBe(0);
    // Their id is still inside the longer one, on purpose: the other values are gone.
    expect([...grepFolder(tw.dir, [p.email, p.phone, p.email.toUpperCase()]).keys()]).toEqual([]);
  });

  it('leaves a value another customer shares (a common name) with them, and does not call it left over', () => {
    const p = one<Row & { first_name: string; last_name: string }>(tw.db, 'SELECT * FROM customers WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 1');
    tw.db.prepare("INSERT INTO customers (external_id, email, first_name, last_name, created_at) VALUES ('NAMESAKE', 'namesake@example.com', ?, ?, '2026-01-01')").run(p.first_name, p.last_name);
    const result = eraseEverywhere(ws, p.id);
    expect(result).toMatchObject({ rewritten: false, files: [], log: { cleared: true } });
    expect(one<{ n: number }>(tw.db, "SELECT count(*) AS n FROM customers WHERE external_id = 'NAMESAKE' AND first_name = ?", p.first_name).n).toBe(1);
    expect([...grepFolder(tw.dir, traces(p)).keys()]).toEqual([]);
  });

  it('rebuilds the file when rows written before secure_delete linger in unused space of its pages', () => {
    const p = someone();
    // As an earlier version of Localyst did: a row rewritten without secure_delete leaves its old version behind.
    tw.db.pragma('secure_delete = 0');
    tw.db.prepare("INSERT INTO jobs (id, kind, title, status, input_json, created_at) VALUES ('j-1', 'customers.export', 'Export', 'done', '{}', '2026-01-01')").run();
    tw.db.prepare("UPDATE jobs SET title = ? WHERE id = 'j-1'").run(`Export of ${p.email} with a title long enough to move the row`);
    tw.db.prepare("UPDATE jobs SET title = 'Export' WHERE id = 'j-1'").run();
    tw.db.pragma('secure_delete = FAST');
    tw.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(ws.dbFile).includes(`Export of ${p.email}`)).toBe(true);
    const result = eraseEverywhere(ws, p.id);
    expect(result).toMatchObject({ jobs: 0, rewritten: true, log: { cleared: true }, files: [] });
    expect([...grepFolder(tw.dir, traces(p)).keys()]).toEqual([]);
  });
});
