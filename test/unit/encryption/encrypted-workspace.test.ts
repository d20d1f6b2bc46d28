import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { openDatabase } from '../../../src/engine/db/open-database';
import { runMigrations } from '../../../src/engine/db/migrate';
import { convertWorkspace } from '../../../src/engine/workspace/convert-job';
import { readHeader } from '../../../src/engine/workspace/encryption';
import type { DataKeyVault } from '../../../src/engine/workspace/holder';
import type { InspectResult } from '../../../src/shared/import-schemas';
import { AppError } from '../../../src/shared/errors';
import { invokeValue, jobsSettled, nextJobDone } from '../engine-helpers';
import { contentDigest, refusal, sha256File, tempDir } from '../helpers';
import { filesUnder, plainHits, settled } from './plain-bytes';

const hashes = (dir: string): Record<string, string> => Object.fromEntries(filesUnder(dir).map((f) => [path.relative(dir, f), sha256File(f)]));

const IDS = ['QZX-CUST-40917', 'QZX-CUST-58203', 'QZX-CUST-77311'];
const COUNTRIES = ['Liechtenstein', 'Kyrgyzstan', 'Mauritania'];
const PRODUCTS = ['PURPLE NARWHAL TEAPOT', 'VELVET OCTOPUS DOORSTOP', 'GILDED PANGOLIN LANTERN'];

/** A small orders file in the UCI Online Retail layout with distinctive ids, countries and descriptions. */
function ordersCsv(file: string): void {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let i = 0; i < 60; i++) {
    const c = i % 3;
    lines.push(`${536400 + i},${85000 + c},${PRODUCTS[(i + 1) % 3]},${1 + (i % 5)},2011-0${1 + (i % 8)}-1${i % 9} 10:0${i % 6}:00,${(2.5 + c).toFixed(2)},${IDS[c]},${COUNTRIES[c]}`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function importOrders(engine: Engine, csv: string): Promise<void> {
  const info = await invokeValue<InspectResult>(engine, 'import.inspect', { file: engine.grantFile(csv, 'read').handle });
  const done = nextJobDone(engine, 'import.run');
  await invokeValue(engine, 'import.start', { file: engine.grantFile(csv, 'read').handle, kind: 'orders', mapping: info.mapping, onError: 'reject' });
  await done;
  // Follow-up jobs (customer figures, segment sizes) run after an import: settled before files are compared.
  await jobsSettled(engine);
}

const rows = async (engine: Engine): Promise<{ customers: number; orders: number }> => invokeValue(engine, 'workspace.stats', {});

let dir: string;
let cleanup: () => void;
let ws: string;
let home: string;
const PASS = 'correct horse battery staple';

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  ws = path.join(dir, 'workspaces', 'shop');
  home = path.join(dir, 'home');
});
afterEach(() => cleanup());

/** An engine on a plain scratch workspace beside `ws`, used to create the encrypted one by name. */
async function createEncrypted(): Promise<{ engine: Engine; recoveryKey: string }> {
  const engine = await createEngine({ workspaceDir: path.join(dir, 'workspaces', 'scratch'), home });
  const info = await invokeValue<{ encrypted: boolean; recoveryKey?: string }>(engine, 'workspace.open', { name: 'shop', create: true, encrypt: { passphrase: PASS, remember: false } });
  expect(info.encrypted).toBe(true);
  expect(info.recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
  return { engine, recoveryKey: info.recoveryKey ?? '' };
}

describe('encrypted workspace', () => {
  it('keeps no customer id, country or product description in plain bytes in any file of the folder', async () => {
    const csv = path.join(dir, 'orders.csv');
    ordersCsv(csv);
    const { engine } = await createEncrypted();
    try {
      // The first bytes on disk are already encrypted: no SQLite header.
      expect(fs.readFileSync(path.join(ws, 'workspace.sqlite')).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
      await importOrders(engine, csv);
      expect((await rows(engine)).customers).toBe(3);
      const sec = await invokeValue<{ encrypted: boolean; cipher: string; kdf: { memoryKiB: number } }>(engine, 'workspace.security', {});
      expect(sec).toMatchObject({ encrypted: true, cipher: 'chacha20', kdf: { memoryKiB: 131072 } });
      // While open: the WAL and -shm are there too.
      expect(fs.existsSync(path.join(ws, 'workspace.sqlite-wal'))).toBe(true);
      expect(plainHits(ws, [...IDS, ...COUNTRIES, ...PRODUCTS])).toEqual([]);
      // The same strings are found in a plain workspace given the same file: the check can fail.
      const plainWs = path.join(dir, 'workspaces', 'scratch');
      expect(plainHits(plainWs, IDS)).toEqual([]);
    } finally {
      await engine.close();
    }
    await settled(ws);
    expect(plainHits(ws, [...IDS, ...COUNTRIES, ...PRODUCTS])).toEqual([]);
    const control = await createEngine({ workspaceDir: path.join(dir, 'plain'), home });
    await importOrders(control, csv);
    await control.close();
    await settled(path.join(dir, 'plain'));
    expect(plainHits(path.join(dir, 'plain'), [...IDS, ...COUNTRIES, ...PRODUCTS]).length).toBeGreaterThan(5);
  });

  it('refuses a wrong passphrase or recovery key with every file unchanged, and opens with the right ones', async () => {
    const { engine, recoveryKey } = await createEncrypted();
    await engine.close();
    const before = hashes(ws);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['encryption.json', 'workspace.sqlite']));
    const wrong = await refusal(createEngine({ workspaceDir: ws, home, secret: { passphrase: 'correct horse battery stapler' } }));
    expect(wrong.code).toBe('wrong-passphrase');
    expect(wrong.message).toMatch(/cannot be recovered/);
    const badRecovery = await refusal(createEngine({ workspaceDir: ws, home, secret: { recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' } }));
    expect(badRecovery.code).toBe('wrong-passphrase');
    expect(hashes(ws)).toEqual(before);
    const byRecovery = await createEngine({ workspaceDir: ws, home, secret: { recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') } });
    expect((await invokeValue<{ encrypted: boolean }>(byRecovery, 'workspace.current', {})).encrypted).toBe(true);
    await byRecovery.close();
  });

  it('opens locked without a secret: only the five channels answer, workspace.unlock opens it', async () => {
    const { engine } = await createEncrypted();
    await engine.close();
    const locked = await createEngine({ workspaceDir: ws, home });
    try {
      const stats = await locked.invoke('workspace.stats', {});
      expect(stats.ok).toBe(false);
      if (!stats.ok) expect(stats.error).toMatchObject({ code: 'workspace-encrypted', details: { folder: ws } });
      expect((await locked.invoke('workspace.list', {})).ok).toBe(true);
      expect((await invokeValue<{ encrypted: boolean }>(locked, 'workspace.security', {})).encrypted).toBe(true);
      const bad = await locked.invoke('workspace.unlock', { secret: { passphrase: 'nope nope nope' } });
      expect(!bad.ok && bad.error.code).toBe('wrong-passphrase');
      const info = await invokeValue<{ encrypted: boolean; isEmpty: boolean }>(locked, 'workspace.unlock', { secret: { passphrase: PASS } });
      expect(info).toMatchObject({ encrypted: true, isEmpty: true });
      expect((await locked.invoke('workspace.stats', {})).ok).toBe(true);
    } finally {
      await locked.close();
    }
  });

  it('changes the passphrase by re-wrapping the key only: the new one opens, the old one is refused, the data is intact', async () => {
    const csv = path.join(dir, 'orders.csv');
    ordersCsv(csv);
    const { engine } = await createEncrypted();
    await importOrders(engine, csv);
    const before = await rows(engine);
    const dbBefore = sha256File(path.join(ws, 'workspace.sqlite'));
    await invokeValue(engine, 'workspace.passphrase', { current: { passphrase: PASS }, next: 'a brand new passphrase' });
    expect(sha256File(path.join(ws, 'workspace.sqlite'))).toBe(dbBefore);
    await engine.close();
    expect((await refusal(createEngine({ workspaceDir: ws, home, secret: { passphrase: PASS } }))).code).toBe('wrong-passphrase');
    const again = await createEngine({ workspaceDir: ws, home, secret: { passphrase: 'a brand new passphrase' } });
    expect(await rows(again)).toEqual(before);
    await again.close();
  });

  it('encrypts a plain workspace and decrypts it back with every row; its backups are converted too', async () => {
    const csv = path.join(dir, 'orders.csv');
    ordersCsv(csv);
    const engine = await createEngine({ workspaceDir: ws, home });
    try {
      await importOrders(engine, csv);
      // A backup as migrate.ts writes them, to be converted along.
      fs.mkdirSync(path.join(ws, 'backups'), { recursive: true });
    } finally {
      await engine.close();
    }
    const plainEngine = await createEngine({ workspaceDir: ws, home });
    const before = await rows(plainEngine);
    // Every row of every table (jobs, settings and the audit log included), read beside the open engine.
    const digestBefore = contentDigest(path.join(ws, 'workspace.sqlite'));
    {
      const db = openDatabase(path.join(ws, 'workspace.sqlite'));
      await db.backup(path.join(ws, 'backups', 'workspace-v10-test.sqlite'));
      db.close();
    }
    const encrypted = nextJobDone<{ recoveryKey: string; cipher: string }>(plainEngine, 'workspace.encrypt');
    await invokeValue(plainEngine, 'workspace.encrypt', { passphrase: PASS });
    const result = await encrypted;
    expect(result.cipher).toBe('chacha20');
    expect(result.recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
    expect(await rows(plainEngine)).toEqual(before);
    expect((await invokeValue<{ encrypted: boolean }>(plainEngine, 'workspace.current', {})).encrypted).toBe(true);
    expect(readHeader(ws).kdf.name).toBe('argon2id');
    expect(plainHits(ws, [...IDS, ...COUNTRIES, ...PRODUCTS])).toEqual([]);
    expect(filesUnder(ws).filter((f) => /crypting/.test(f))).toEqual([]);
    await plainEngine.close();

    const back = await createEngine({ workspaceDir: ws, home, secret: { recoveryKey: result.recoveryKey } });
    const decrypted = nextJobDone<{ seconds: number }>(back, 'workspace.decrypt');
    await invokeValue(back, 'workspace.decrypt', { passphrase: PASS });
    await decrypted;
    expect(await rows(back)).toEqual(before);
    expect((await invokeValue<{ encrypted: boolean }>(back, 'workspace.current', {})).encrypted).toBe(false);
    await back.close();
    expect(fs.existsSync(path.join(ws, 'encryption.json'))).toBe(false);
    expect(fs.readFileSync(path.join(ws, 'backups', 'workspace-v10-test.sqlite')).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(contentDigest(path.join(ws, 'workspace.sqlite'))).toBe(digestBefore);
    const plain = await createEngine({ workspaceDir: ws, home });
    expect(await rows(plain)).toEqual(before);
    await plain.close();
  });

  it('a cancel in the middle of the copy leaves the plain workspace byte-identical and no copy behind', async () => {
    const csv = path.join(dir, 'orders.csv');
    ordersCsv(csv);
    const engine = await createEngine({ workspaceDir: ws, home });
    await importOrders(engine, csv);
    await engine.close();
    // The WAL folded into the file by a last connection, so files compare across opens.
    // (A job's worker may still be closing its connection just after the engine closed: then the WAL stays a moment.)
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 100; i++) {
        const conn = openDatabase(path.join(ws, 'workspace.sqlite'));
        conn.prepare('SELECT count(*) FROM sqlite_master').get();
        conn.close();
        if (!fs.existsSync(path.join(ws, 'workspace.sqlite-wal'))) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await settle();
    const before = hashes(ws);
    const db = openDatabase(path.join(ws, 'workspace.sqlite'));
    let checks = 0;
    const control = {
      progress: () => undefined,
      checkCancelled: () => {
        // Cancelled once a few tables are copied into the new file.
        if (++checks === 8) throw new AppError('cancelled', 'Cancelled.');
      },
    };
    expect(() => convertWorkspace(db, { direction: 'encrypt', toKey: new Uint8Array(32).fill(7) }, control)).toThrow(/Cancelled/);
    db.close();
    expect(checks).toBe(8);
    expect(hashes(ws)).toEqual(before);
    expect(before['workspace.sqlite-wal']).toBeUndefined();

    // Through the engine: a cancel as soon as it starts leaves it plain too.
    const again = await createEngine({ workspaceDir: ws, home });
    const failed = new Promise<string>((resolve) => again.onEvent((event, payload) => event === 'job.failed' && resolve((payload as { error: { code: string } }).error.code)));
    const { jobId } = await invokeValue<{ jobId: string }>(again, 'workspace.encrypt', { passphrase: PASS });
    await invokeValue(again, 'jobs.cancel', { jobId });
    expect(await failed).toBe('cancelled');
    expect((await invokeValue<{ encrypted: boolean }>(again, 'workspace.current', {})).encrypted).toBe(false);
    await again.close();
    await settle();
    expect(hashes(ws)).toEqual(before);
  });
});

describe('remembered on this computer (the desktop: a DataKeyVault as main keeps it, here in memory)', () => {
  const vault = (available: boolean): DataKeyVault & { kept: Map<string, Buffer> } => {
    const kept = new Map<string, Buffer>();
    return {
      kept,
      available: async () => available,
      load: async (id) => kept.get(id) ?? null,
      save: async (id, key) => void kept.set(id, Buffer.from(key)),
      forget: async (id) => void kept.delete(id),
    };
  };

  it('opens without asking once unlocked with remember; with no OS key store nothing is kept and it opens locked', async () => {
    const { engine } = await createEncrypted();
    await engine.close();
    const store = vault(true);
    const first = await createEngine({ workspaceDir: ws, home, dataKeys: store });
    expect((await first.invoke('workspace.stats', {})).ok).toBe(false);
    await invokeValue(first, 'workspace.unlock', { secret: { passphrase: PASS }, remember: true });
    expect((await invokeValue<{ rememberedOnThisComputer: boolean; osKeyStoreAvailable: boolean }>(first, 'workspace.security', {})).rememberedOnThisComputer).toBe(true);
    await first.close();
    expect(store.kept.size).toBe(1);
    const second = await createEngine({ workspaceDir: ws, home, dataKeys: store });
    expect((await second.invoke('workspace.stats', {})).ok).toBe(true);
    await second.close();

    const none = vault(false);
    const third = await createEngine({ workspaceDir: ws, home, dataKeys: none });
    await invokeValue(third, 'workspace.unlock', { secret: { passphrase: PASS }, remember: true });
    expect(await invokeValue(third, 'workspace.security', {})).toMatchObject({ rememberedOnThisComputer: false, osKeyStoreAvailable: false });
    await third.close();
    expect(none.kept.size).toBe(0);
  });
});

describe('backups of an encrypted workspace', () => {
  it('are written encrypted with the same key before a migration (VACUUM INTO), never plain', async () => {
    const key = new Uint8Array(32).fill(5);
    const file = path.join(dir, 'enc.sqlite');
    const db = openDatabase(file, { key });
    const first = { version: 1, name: 'first', up: 'CREATE TABLE notes (text TEXT)' };
    const second = { version: 2, name: 'second', up: 'CREATE TABLE more (n INTEGER)' };
    await runMigrations(db, dir, [first], { encrypted: true });
    db.prepare('INSERT INTO notes VALUES (?)').run('BACKUP-SECRET-7731');
    const { backupFile } = await runMigrations(db, dir, [first, second], { encrypted: true });
    db.close();
    expect(backupFile).not.toBeNull();
    const bytes = fs.readFileSync(backupFile ?? '');
    expect(bytes.includes(Buffer.from('BACKUP-SECRET-7731'))).toBe(false);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const backup = openDatabase(backupFile ?? '', { key, readonly: true });
    expect(backup.prepare('SELECT text FROM notes').pluck().get()).toBe('BACKUP-SECRET-7731');
    backup.close();
  });
});
