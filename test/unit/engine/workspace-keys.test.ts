import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine';
import { closeWorkspace, DB_FILE_NAME, openWorkspace } from '../../../src/engine/db/open-workspace';
import { createPseudonymiser, pseudonymSecret } from '../../../src/engine/ingest/pseudonyms';
import { previewImport } from '../../../src/engine/ingest/preview';
import { fileKeyStore, LEGACY_KEY_SETTING, unlockWorkspace } from '../../../src/engine/workspace/keys';
import { AppError } from '../../../src/shared/errors';
import { chosen, invokeValue, nextJobDone } from '../engine-helpers';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;
const workspaceIdOf = (dbFile: string): string => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return JSON.parse((db.prepare("SELECT value_json FROM settings WHERE key = 'workspace.id'").pluck().get() as string)) as string;
  } finally {
    db.close();
  }
};
/** Every byte of the workspace folder (database, WAL, backups…), to look for a secret in. */
const folderBytes = (root: string): Buffer =>
  Buffer.concat(
    (fs.readdirSync(root, { recursive: true }) as string[])
      .map((name) => path.join(root, name))
      .filter((file) => fs.statSync(file).isFile())
      .map((file) => fs.readFileSync(file)),
  );

describe('the pseudonymisation key lives outside the workspace', () => {
  it('is made in <home>/keys/<workspace id>.key (0600, folder 0700), never in the database', async () => {
    const home = path.join(dir, 'home');
    const ws = path.join(dir, 'ws');
    const engine = await createEngine({ workspaceDir: ws, home });
    await engine.close();
    const keyFile = path.join(home, 'keys', `${workspaceIdOf(path.join(ws, DB_FILE_NAME))}.key`);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(modeOf(keyFile)).toBe(0o600);
    expect(modeOf(path.dirname(keyFile))).toBe(0o700);
    expect(folderBytes(ws).includes(key)).toBe(false);
  });

  it('is moved out of a workspace that still holds it, and erased from the database, its WAL and its backups', async () => {
    const ws = path.join(dir, 'ws');
    const old = await openWorkspace(ws);
    const legacyKey = randomBytes(32);
    const legacyText = legacyKey.toString('base64');
    old.db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?)').run(LEGACY_KEY_SETTING, JSON.stringify(legacyText));
    fs.mkdirSync(path.join(ws, 'backups'));
    await old.db.backup(path.join(ws, 'backups', 'workspace-v6-old.sqlite'));
    old.db.close();
    expect(folderBytes(ws).includes(legacyText)).toBe(true);

    const store = fileKeyStore(path.join(dir, 'home'));
    const opened = await openWorkspace(ws);
    const result = await unlockWorkspace(opened, store);
    expect(result.key).toBe('moved');
    // Pseudonyms made with the old key still match: the same key is used.
    expect(pseudonymSecret(opened.db).equals(legacyKey)).toBe(true);
    expect((await store.load(result.workspaceId))?.equals(legacyKey)).toBe(true);
    expect(opened.db.prepare('SELECT count(*) FROM settings WHERE key = ?').pluck().get(LEGACY_KEY_SETTING)).toBe(0);
    closeWorkspace(opened);
    expect(folderBytes(ws).includes(legacyText)).toBe(false);
    expect(folderBytes(ws).includes(legacyKey)).toBe(false);
  });

  it('a workspace with pseudonyms whose key is gone opens, and pseudonymising refuses with the file to restore', async () => {
    const home = path.join(dir, 'home');
    const ws = path.join(dir, 'ws');
    const first = await openWorkspace(ws);
    const { workspaceId } = await unlockWorkspace(first, fileKeyStore(home));
    first.db
      .prepare("INSERT INTO customers (external_id, email, created_at, pseudonymized) VALUES ('em_x', 'em_aaaaaaaaaaaaaaaaaaaaaa', '2024-01-01', 1)")
      .run();
    closeWorkspace(first);
    const keyFile = path.join(home, 'keys', `${workspaceId}.key`);
    fs.rmSync(keyFile);

    const again = await openWorkspace(ws);
    expect((await unlockWorkspace(again, fileKeyStore(home))).key).toBe('missing');
    expect(fs.existsSync(keyFile)).toBe(false);
    const csv = path.join(dir, 'customers.csv');
    fs.writeFileSync(csv, 'Email,First Name\nanna@example.nl,Anna\n');
    const refusal = await previewImport(again.db, { file: csv, kind: 'customers', mapping: { Email: 'email', 'First Name': 'firstName' }, pseudonymize: ['email'], overrides: {} }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('workspace-key-missing');
    expect((refusal as AppError).message).toContain(keyFile);
    expect((refusal as AppError).message).toMatch(/Restore that file from your backup/);
    closeWorkspace(again);
  });

  it('the CLI and browser mode do not make a second key for a workspace whose key the desktop sealed', async () => {
    const home = path.join(dir, 'home');
    const first = await openWorkspace(path.join(dir, 'ws'));
    const { workspaceId } = await unlockWorkspace(first, fileKeyStore(home));
    closeWorkspace(first);
    const plain = path.join(home, 'keys', `${workspaceId}.key`);
    fs.renameSync(plain, `${plain}.safe`);
    const again = await openWorkspace(path.join(dir, 'ws'));
    expect((await unlockWorkspace(again, fileKeyStore(home))).key).toBe('missing');
    expect(fs.existsSync(plain)).toBe(false);
    expect(() => pseudonymSecret(again.db)).toThrow(/kept in the desktop app's OS key store/);
    closeWorkspace(again);
  });

  it('reaches the import job (a worker thread) without being stored with the job', async () => {
    const home = path.join(dir, 'home');
    const ws = path.join(dir, 'ws');
    const engine = await createEngine({ workspaceDir: ws, home });
    const csv = path.join(dir, 'customers.csv');
    fs.writeFileSync(csv, 'Email,First Name\nAnna@Example.nl,Anna\n');
    try {
      const done = nextJobDone(engine, 'import.run');
      await invokeValue(engine, 'import.start', {
        file: chosen(engine, csv),
        kind: 'customers',
        mapping: { Email: 'email', 'First Name': 'firstName' },
        onError: 'reject',
        dryRun: false,
        pseudonymize: ['email', 'name'],
        overrides: {},
      });
      await done;
    } finally {
      await engine.close();
    }
    const dbFile = path.join(ws, DB_FILE_NAME);
    const key = Buffer.from(fs.readFileSync(path.join(home, 'keys', `${workspaceIdOf(dbFile)}.key`), 'utf8').trim(), 'base64');
    const db = new Database(dbFile, { readonly: true });
    try {
      const email = db.prepare('SELECT email FROM customers').pluck().get();
      expect(email).toBe(createPseudonymiser(key)('email', 'anna@example.nl'));
      expect(JSON.stringify(db.prepare('SELECT * FROM jobs').all())).not.toContain(key.toString('base64'));
    } finally {
      db.close();
    }
  });
});

describe('workspace files are private to their owner', () => {
  it('creates the folder 0700 and the database, WAL, lock, exports and their folder 0600/0700', async () => {
    const ws = path.join(dir, 'new', 'ws');
    const engine = await createEngine({ workspaceDir: ws, home: path.join(dir, 'home') });
    try {
      const done = nextJobDone(engine, 'demo.generate');
      await invokeValue(engine, 'demo.generate', { customers: 30, seed: 1 });
      await done;
      const exported = nextJobDone<{ file: string }>(engine, 'customers.export');
      await invokeValue(engine, 'customers.export', { columns: ['customerId', 'email'], reveal: false });
      const { file } = await exported;
      expect(modeOf(ws)).toBe(0o700);
      expect(modeOf(path.join(dir, 'new'))).toBe(0o700);
      for (const name of [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, '.lock']) expect([name, modeOf(path.join(ws, name))]).toEqual([name, 0o600]);
      expect(modeOf(path.join(ws, 'exports'))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
    } finally {
      await engine.close();
    }
  });

  it('narrows an existing workspace database that others could read', async () => {
    const ws = path.join(dir, 'ws');
    (await openWorkspace(ws)).db.close();
    fs.chmodSync(path.join(ws, DB_FILE_NAME), 0o644);
    const again = await openWorkspace(ws);
    expect(modeOf(path.join(ws, DB_FILE_NAME))).toBe(0o600);
    again.db.close();
  });
});
