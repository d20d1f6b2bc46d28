import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { OpenedWorkspace } from '../db/open-workspace';
import { readSetting, writeSetting } from '../db/settings-repo';
import { attachPseudonymKey } from '../ingest/pseudonyms';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../kernel/private-files';
import { openDatabase } from '../db/open-database';

/**
 * The pseudonymisation key lives outside the workspace folder, so a copied folder or a backup cannot be used to
 * reverse pseudonyms by hashing likely e-mail addresses. The workspace keeps only its id; the key is found by it in
 * a key store: a 0600 file in Localyst's own folder for the CLI and browser mode, the OS key store (Electron
 * safeStorage, asked through the main process) on the desktop.
 */
export type KeyStore = {
  /** Where the key of this workspace is kept, for messages. */
  where(workspaceId: string): string;
  load(workspaceId: string): Promise<Buffer | null>;
  save(workspaceId: string, key: Buffer): Promise<void>;
};

const WORKSPACE_ID = 'workspace.id';
/** Where versions before issue 12 kept the key: in the workspace's own settings table. */
export const LEGACY_KEY_SETTING = 'privacy.pseudonymSecret';
const KEY_BYTES = 32;
const ID_PATTERN = /^[0-9a-f-]{36}$/;

/** `<home>/keys/<workspace id>.key`: the key as base64, readable by its owner only. */
export function fileKeyStore(home: string): KeyStore {
  const fileOf = (id: string): string => {
    if (!ID_PATTERN.test(id)) throw new AppError('internal', `A workspace id must be a UUID, not ${JSON.stringify(id).slice(0, 60)}.`);
    return path.join(home, 'keys', `${id}.key`);
  };
  return {
    where: (id) => fileOf(id),
    async load(id) {
      let text: string;
      try {
        text = fs.readFileSync(fileOf(id), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        // The desktop app keeps its keys encrypted by the OS key store, which only it can open.
        if (fs.existsSync(`${fileOf(id)}.safe`)) {
          throw new AppError(
            'workspace-key-missing',
            `This workspace's pseudonymisation key is kept in the desktop app's OS key store (${fileOf(id)}.safe), which the command line and the browser mode cannot open. Import pseudonymised files in the desktop app.`,
            { file: `${fileOf(id)}.safe` },
          );
        }
        return null;
      }
      return decodeKey(text, fileOf(id));
    },
    async save(id, key) {
      const file = fileOf(id);
      makePrivateDir(path.dirname(file));
      // Written beside the target and renamed: a half-written key must never replace a good one.
      const partial = `${file}.${process.pid}.partial`;
      fs.writeFileSync(partial, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'w' });
      fs.renameSync(partial, file);
    },
  };
}

/** Where an encrypted workspace keeps its pseudonymisation key: in its own settings, inside the encrypted database. */
export const ENCRYPTED_KEY_SETTING = 'privacy.pseudonymKey';

/**
 * The key store of an encrypted workspace: the pseudonymisation key lives inside the encrypted database (settings),
 * so it is exactly as protected as the data, travels with the folder and its backups, and needs no file elsewhere.
 */
export function settingsKeyStore(ws: OpenedWorkspace): KeyStore {
  return {
    where: () => `the encrypted workspace ${ws.dbFile}`,
    async load() {
      const text = readSetting(ws.db, ENCRYPTED_KEY_SETTING);
      return typeof text === 'string' ? decodeKey(text, `${ws.dbFile} (settings)`) : null;
    },
    async save(_id, key) {
      writeSetting(ws.db, ENCRYPTED_KEY_SETTING, key.toString('base64'));
    },
  };
}

/** Removes the in-database key (when a workspace is decrypted, after the key went to the outside store). */
export function eraseEncryptedKeySetting(db: OpenedWorkspace['db']): void {
  const previous = Number(db.pragma('secure_delete', { simple: true }));
  db.pragma('secure_delete = ON');
  try {
    db.prepare('DELETE FROM settings WHERE key = ?').run(ENCRYPTED_KEY_SETTING);
  } finally {
    db.pragma(`secure_delete = ${previous}`);
  }
}

/** A stored key as bytes, or a clear error when the text is not one. */
export function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new AppError('workspace-key-missing', `The pseudonymisation key in ${where} is damaged (not ${KEY_BYTES} bytes). Restore it from your backup.`, {
      file: where,
    });
  }
  return key;
}

export type UnlockResult = { workspaceId: string; key: 'found' | 'created' | 'moved' | 'missing' };

/**
 * Finds the workspace's key and attaches it to its connection: moves a key still kept in the database (older
 * versions) out to the store and erases it there; makes one for a workspace that has no pseudonyms yet. A workspace
 * with pseudonyms whose key is gone still opens (its data can be read), but pseudonymising refuses with what to restore.
 */
export async function unlockWorkspace(ws: OpenedWorkspace, store: KeyStore, nativeBinding?: string, dataKey?: Uint8Array | null): Promise<UnlockResult> {
  const { db } = ws;
  const workspaceId = workspaceIdOf(ws);
  const legacy = readSetting(db, LEGACY_KEY_SETTING);
  let stored: Buffer | null;
  try {
    stored = await store.load(workspaceId);
  } catch (error) {
    // A key this door cannot read (the OS key store is locked, or belongs to the desktop): the data still opens.
    if (!(error instanceof AppError) || error.code !== 'workspace-key-missing') throw error;
    attachPseudonymKey(db, error);
    return { workspaceId, key: 'missing' };
  }
  if (typeof legacy === 'string') {
    const legacyKey = decodeKey(legacy, `${ws.dbFile} (settings)`);
    if (stored && !stored.equals(legacyKey)) {
      throw new AppError(
        'conflict',
        `This workspace holds a pseudonymisation key that differs from the one in ${store.where(workspaceId)}. ` +
          'Localyst changed neither; move the key file aside if it belongs to another workspace, then open this one again.',
        { file: store.where(workspaceId) },
      );
    }
    if (!stored) {
      await store.save(workspaceId, legacyKey);
      const check = await store.load(workspaceId);
      if (!check?.equals(legacyKey)) throw new AppError('internal', `The key could not be saved to ${store.where(workspaceId)}; the workspace kept it.`);
    }
    eraseLegacyKey(ws, nativeBinding, dataKey ?? null);
    attachPseudonymKey(db, legacyKey);
    return { workspaceId, key: 'moved' };
  }
  if (stored) {
    attachPseudonymKey(db, stored);
    return { workspaceId, key: 'found' };
  }
  if (hasPseudonyms(ws)) {
    attachPseudonymKey(db, missingKeyError(ws, store.where(workspaceId)));
    return { workspaceId, key: 'missing' };
  }
  const key = randomBytes(KEY_BYTES);
  await store.save(workspaceId, key);
  attachPseudonymKey(db, key);
  return { workspaceId, key: 'created' };
}

/** The workspace's id (not secret), made once; copies of a workspace share it and so share its key. */
export function workspaceIdOf(ws: OpenedWorkspace): string {
  const existing = readSetting(ws.db, WORKSPACE_ID);
  if (typeof existing === 'string' && ID_PATTERN.test(existing)) return existing;
  const id = randomUUID();
  writeSetting(ws.db, WORKSPACE_ID, id);
  return id;
}

function hasPseudonyms(ws: OpenedWorkspace): boolean {
  return ws.db.prepare('SELECT 1 FROM customers WHERE pseudonymized != 0 LIMIT 1').get() !== undefined;
}

function missingKeyError(ws: OpenedWorkspace, where: string): AppError {
  return new AppError(
    'workspace-key-missing',
    `This workspace holds pseudonymised customers, but its pseudonymisation key is missing (expected in ${where}). ` +
      'Restore that file from your backup (or copy it from the computer where the workspace was made), then open the ' +
      'workspace again. Without it new imports cannot be pseudonymised to match the people already there; the data you ' +
      'have can still be read.',
    { file: where },
  );
}

/**
 * Removes the key from the database so that no page, WAL frame or backup keeps it: secure_delete overwrites the
 * freed bytes, the checkpoint empties the WAL, and the copies in `backups/` are cleaned the same way.
 */
function eraseLegacyKey(ws: OpenedWorkspace, nativeBinding: string | undefined, dataKey: Uint8Array | null): void {
  deleteSecurely(ws.db);
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  const backups = path.join(ws.dir, 'backups');
  let names: string[] = [];
  try {
    names = fs.readdirSync(backups).filter((name) => name.endsWith('.sqlite'));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(backups, name);
    try {
      const backup = openDatabase(file, { key: dataKey, nativeBinding });
      try {
        deleteSecurely(backup);
        // A backup in WAL mode gets its pages back into the file and the log emptied.
        backup.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        backup.close();
      }
    } catch (error) {
      process.stderr.write(`[engine] could not remove the key from the backup ${file}: ${String(error)}\n`);
    }
  }
}

function deleteSecurely(db: OpenedWorkspace['db']): void {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()) return;
  const previous = Number(db.pragma('secure_delete', { simple: true }));
  db.pragma('secure_delete = ON');
  try {
    db.prepare('DELETE FROM settings WHERE key = ?').run(LEGACY_KEY_SETTING);
  } finally {
    db.pragma(`secure_delete = ${previous}`);
  }
}
