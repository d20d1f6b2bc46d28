import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, DB_FILE_NAME } from '../../../src/engine/db/open-workspace';
import { runMigrations } from '../../../src/engine/db/migrate';
import { latestSchemaVersion, migrations } from '../../../src/engine/db/migrations';
import type { Migration } from '../../../src/engine/db/migrations/types';
import { AppError } from '../../../src/shared/errors';
import { sha256File, tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

describe('opening a workspace', () => {
  it('creates a migrated workspace with WAL and foreign keys on', async () => {
    const ws = await openWorkspace(path.join(dir, 'shop'));
    expect(ws.schemaVersion).toBe(latestSchemaVersion);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (ws.db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map((t) => t.name);
    for (const t of ['customers', 'products', 'orders', 'order_lines', 'reviews', 'campaigns', 'campaign_results', 'imports', 'jobs', 'model_artifacts', 'settings', 'audit_log']) {
      expect(tables).toContain(t);
    }
    ws.db.close();
  });

  it('opens an existing workspace again without migrating or backing up', async () => {
    (await openWorkspace(dir)).db.close();
    const again = await openWorkspace(dir);
    expect(again.backupFile).toBeNull();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    again.db.close();
  });

  it('refuses a workspace from a newer version and leaves it byte for byte', async () => {
    const file = path.join(dir, DB_FILE_NAME);
    const db = new Database(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${latestSchemaVersion + 5}`);
    db.close();
    const before = sha256File(file);
    expect(await codeOf(openWorkspace(dir))).toBe('workspace-too-new');
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DB_FILE_NAME]);
  });

  it('refuses a file that is not SQLite and leaves it untouched', async () => {
    const file = path.join(dir, DB_FILE_NAME);
    fs.writeFileSync(file, 'customer_id,email\n1,a@example.com\n'.repeat(100));
    const before = sha256File(file);
    expect(await codeOf(openWorkspace(dir))).toBe('workspace-not-sqlite');
    expect(sha256File(file)).toBe(before);
  });

  it('reports a corrupt workspace as corrupt and does not change it', async () => {
    (await openWorkspace(dir)).db.close();
    const file = path.join(dir, DB_FILE_NAME);
    const bytes = fs.readFileSync(file);
    // Keep the 16-byte header but destroy the rest of page 1 (the schema).
    bytes.fill(0xa5, 100, 4096);
    fs.writeFileSync(file, bytes);
    for (const extra of ['-wal', '-shm']) fs.rmSync(file + extra, { force: true });
    const before = sha256File(file);
    expect(await codeOf(openWorkspace(dir))).toBe('workspace-corrupt');
    expect(sha256File(file)).toBe(before);
  });

  it('refuses an SQLite file that belongs to another program', async () => {
    const db = new Database(path.join(dir, DB_FILE_NAME));
    db.exec('CREATE TABLE moz_places (url TEXT)');
    db.close();
    expect(await codeOf(openWorkspace(dir))).toBe('workspace-foreign');
  });

  it('refuses an unwritable location without creating anything', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(await codeOf(openWorkspace(path.join(file, 'workspace')))).toBe('workspace-unwritable');
    expect(await codeOf(openWorkspace(file))).toBe('workspace-not-folder');
    expect(fs.readdirSync(dir)).toEqual(['a-file']);
  });

  it('does not create a missing workspace when asked not to', async () => {
    expect(await codeOf(openWorkspace(path.join(dir, 'nope'), { create: false }))).toBe('not-found');
    expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
  });
});

describe('migrations', () => {
  const next = latestSchemaVersion + 1;
  const addColumn: Migration = { version: next, name: 'customer-segment', up: 'ALTER TABLE customers ADD COLUMN segment TEXT;' };
  const broken: Migration = { version: next, name: 'broken', up: 'ALTER TABLE customers ADD COLUMN ok TEXT; ALTER TABLE nowhere ADD COLUMN x;' };

  async function workspaceWithOneCustomer(): Promise<Database.Database> {
    const ws = await openWorkspace(dir);
    ws.db.prepare("INSERT INTO customers (external_id, created_at) VALUES ('C1', '2026-01-01')").run();
    return ws.db;
  }

  it('numbers migrations uniquely in ascending order', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions[0]).toBe(1);
  });

  it('backs up before migrating an existing workspace, then applies the step', async () => {
    const db = await workspaceWithOneCustomer();
    const result = await runMigrations(db, dir, [...migrations, addColumn]);
    expect(result.schemaVersion).toBe(next);
    expect(result.backupFile).not.toBeNull();
    const backup = new Database(result.backupFile as string, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect((backup.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(1);
    backup.close();
    expect(db.prepare("SELECT segment FROM customers WHERE external_id = 'C1'").get()).toEqual({ segment: null });
    db.close();
  });

  it('rolls a failing migration back completely', async () => {
    const db = await workspaceWithOneCustomer();
    await expect(runMigrations(db, dir, [...migrations, broken])).rejects.toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    const columns = (db.prepare('PRAGMA table_info(customers)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).not.toContain('ok');
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(latestSchemaVersion);
    db.close();
  });

  it('refuses to open when the applied history differs from the known migrations', async () => {
    const db = await workspaceWithOneCustomer();
    db.prepare("UPDATE schema_migrations SET name = 'someone-elses' WHERE version = 1").run();
    db.close();
    expect(await codeOf(openWorkspace(dir))).toBe('workspace-migrations-mismatch');
  });
});
