import fs from 'node:fs';
import path from 'node:path';
import type { JobInfo, WorkspaceInfo } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { UnlockSecret, WorkspaceSecurity } from '../../shared/security-schemas';
import { closeWorkspace, DB_FILE_NAME, ensureFolder, openWorkspace, type OpenedWorkspace } from '../db/open-workspace';
import { removeCopy } from '../db/convert';
import { fileHeaderKind, PAGE_CIPHER, shredFile, zeroFileThrough } from '../db/open-database';
import { latestSchemaVersion } from '../db/migrations';
import { writeSetting, readSetting } from '../db/settings-repo';
import { attachedPseudonymKey, attachPseudonymKey } from '../ingest/pseudonyms';
import type { JobQueue } from '../kernel/jobs';
import { lockWorkspace, LOCK_FILE_NAME, type Door, type WorkspaceLock } from '../kernel/lock';
import { makePrivateDir } from '../kernel/private-files';
import { backupFiles, CONVERT_SUFFIX } from './convert-job';
import {
  createKeys,
  headerFile,
  HEADER_FILE_NAME,
  readHeader,
  rewrapForPassphrase,
  unwrapDataKey,
  writeHeader,
  type KeyHeader,
} from './encryption';
import { ENCRYPTED_KEY_SETTING, eraseEncryptedKeySetting, settingsKeyStore, unlockWorkspace, workspaceIdOf, type KeyStore } from './keys';

/**
 * The desktop's remembered data keys: each wrapped by the OS key store (Electron safeStorage) and kept by the main
 * process, named by the workspace's key-header id. `available` is false where the OS offers no real key store.
 */
export type DataKeyVault = {
  available(): Promise<boolean>;
  load(headerId: string): Promise<Buffer | null>;
  save(headerId: string, key: Buffer): Promise<void>;
  forget(headerId: string): Promise<void>;
};

export type HolderOptions = {
  door: Door;
  readOnly: boolean;
  nativeBinding?: string | undefined;
  /** Where a plain workspace's pseudonymisation key is kept (an encrypted one keeps it inside). */
  keyStore: KeyStore;
  dataKeys?: DataKeyVault | undefined;
  /** The passphrase or recovery key the door was given (CLI, `localyst serve`): used to open an encrypted workspace. */
  secret?: UnlockSecret | undefined;
};

type Open = { kind: 'open'; ws: OpenedWorkspace; dataKey: Buffer | null; header: KeyHeader | null };
type Locked = { kind: 'locked'; dir: string; lock: WorkspaceLock | null; header: KeyHeader };
type State = Open | Locked;

/** A new passphrase must be at least this long (a workspace holds customer data; the recovery key is the fallback). */
export const MIN_PASSPHRASE = 8;

/** The one workspace an engine holds: open (plain or unlocked), or encrypted and locked until its passphrase comes. */
export class WorkspaceHolder {
  private state!: State;
  private converting = false;

  private constructor(private readonly options: HolderOptions) {}

  /** The recovery key of a workspace this holder created encrypted at start (`encrypt`), given out once. */
  private freshRecoveryKey: string | null = null;

  static async start(dir: string, create: boolean, options: HolderOptions & { encrypt?: string | undefined }): Promise<WorkspaceHolder> {
    const holder = new WorkspaceHolder(options);
    if (options.encrypt !== undefined) {
      const made = await holder.makeEncrypted(dir, options.encrypt);
      holder.state = made.state;
      holder.freshRecoveryKey = made.recoveryKey;
    } else {
      holder.state = await holder.load(dir, create, options.secret);
    }
    return holder;
  }

  takeRecoveryKey(): string | null {
    const key = this.freshRecoveryKey;
    this.freshRecoveryKey = null;
    return key;
  }

  /** The open workspace, or `workspace-encrypted` with the folder while it is locked. */
  workspace(): OpenedWorkspace {
    if (this.state.kind === 'locked') throw lockedError(this.state.dir);
    return this.state.ws;
  }

  dir(): string {
    return this.state.kind === 'locked' ? this.state.dir : this.state.ws.dir;
  }

  lockedDir(): string | null {
    return this.state.kind === 'locked' ? this.state.dir : null;
  }

  isEncrypted(): boolean {
    return this.state.kind === 'locked' || this.state.dataKey !== null;
  }

  dataKey(): Buffer | null {
    return this.state.kind === 'open' ? this.state.dataKey : null;
  }

  busy(): boolean {
    return this.converting;
  }

  describeLocked(): WorkspaceInfo {
    const dir = this.dir();
    return { path: dir, name: path.basename(dir), dbFile: path.join(dir, DB_FILE_NAME), schemaVersion: 0, latestSchemaVersion, currency: '', isEmpty: false, encrypted: true };
  }

  /** Opens another workspace (or the same one again); the one held before is closed only once the new one opened. */
  async switchTo(dir: string, create: boolean): Promise<void> {
    if (path.resolve(dir) === this.dir()) return;
    const next = await this.load(dir, create, undefined);
    this.release();
    this.state = next;
  }

  close(): void {
    this.release();
  }

  private release(): void {
    if (this.state.kind === 'open') {
      closeWorkspace(this.state.ws);
      this.state.dataKey?.fill(0);
    } else this.state.lock?.release();
  }

  /** Opens `dir`: plain, encrypted with a secret or a remembered key, or locked. Refuses with nothing held or changed. */
  private async load(dir: string, create: boolean, secret: UnlockSecret | undefined): Promise<State> {
    const absDir = path.resolve(dir);
    const dbFile = path.join(absDir, DB_FILE_NAME);
    const { readOnly, nativeBinding } = this.options;
    if (readOnly) {
      if (!encryptedOnDisk(absDir, dbFile)) {
        const ws = await openWorkspace(absDir, { readOnly: true, nativeBinding });
        attachPseudonymKey(ws.db, new AppError('workspace-locked', 'This workspace is open for reading only: nothing can be imported here.'));
        return { kind: 'open', ws, dataKey: null, header: null };
      }
      const header = readHeader(absDir);
      const key = await this.findKey(header, secret, absDir);
      if (!key) return { kind: 'locked', dir: absDir, lock: null, header };
      const ws = await openWorkspace(absDir, { readOnly: true, nativeBinding, key });
      attachPseudonymKey(ws.db, new AppError('workspace-locked', 'This workspace is open for reading only: nothing can be imported here.'));
      return { kind: 'open', ws, dataKey: key, header };
    }
    ensureFolder(absDir, create);
    const lock = lockWorkspace(absDir, this.options.door);
    try {
      finishInterruptedConversion(absDir, dbFile);
      if (!encryptedOnDisk(absDir, dbFile)) {
        const ws = await openWorkspace(absDir, { nativeBinding, lock, create });
        await this.attachKeyOrClose(ws, null);
        return { kind: 'open', ws, dataKey: null, header: null };
      }
      const header = readHeader(absDir);
      const key = await this.findKey(header, secret, absDir);
      if (!key) return { kind: 'locked', dir: absDir, lock, header };
      const ws = await openWorkspace(absDir, { nativeBinding, lock, key });
      await this.attachKeyOrClose(ws, key);
      return { kind: 'open', ws, dataKey: key, header };
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private async attachKeyOrClose(ws: OpenedWorkspace, dataKey: Buffer | null): Promise<void> {
    try {
      await unlockWorkspace(ws, dataKey ? settingsKeyStore(ws) : this.options.keyStore, this.options.nativeBinding, dataKey);
    } catch (error) {
      ws.db.close();
      throw error;
    }
  }

  /** The data key from the secret given (a wrong one is refused), or from the desktop's remembered keys; else null. */
  private async findKey(header: KeyHeader, secret: UnlockSecret | undefined, dir: string): Promise<Buffer | null> {
    if (secret) return unwrapDataKey(header, secret, dir);
    const vault = this.options.dataKeys;
    if (!vault) return null;
    try {
      return await vault.load(header.id);
    } catch (error) {
      // The OS key store is locked or gone: ask for the passphrase rather than fail.
      process.stderr.write(`[engine] the remembered key could not be read: ${String(error)}\n`);
      return null;
    }
  }

  async unlock(secret: UnlockSecret, remember: boolean): Promise<OpenedWorkspace> {
    if (this.state.kind === 'open') {
      if (!this.state.dataKey) throw new AppError('conflict', 'This workspace is not encrypted: there is nothing to unlock.');
      return this.state.ws;
    }
    const { dir, header, lock } = this.state;
    // Checked before anything is opened: a wrong secret changes nothing.
    const key = await unwrapDataKey(header, secret, dir);
    const readOnly = this.options.readOnly;
    const ws = await openWorkspace(dir, { nativeBinding: this.options.nativeBinding, key, ...(readOnly ? { readOnly: true } : { lock: lock ?? undefined }) });
    if (readOnly) attachPseudonymKey(ws.db, new AppError('workspace-locked', 'This workspace is open for reading only: nothing can be imported here.'));
    else await this.attachKeyOrClose(ws, key);
    this.state = { kind: 'open', ws, dataKey: key, header };
    if (remember) await this.remember(header, key);
    return ws;
  }

  private async remember(header: KeyHeader, key: Buffer): Promise<void> {
    const vault = this.options.dataKeys;
    if (vault && (await vault.available())) await vault.save(header.id, key);
  }

  /** A new workspace in an empty folder, encrypted from its first byte; the recovery key is returned this once. */
  async createEncrypted(dir: string, passphrase: string, remember: boolean): Promise<{ workspace: OpenedWorkspace; recoveryKey: string }> {
    const { state, recoveryKey } = await this.makeEncrypted(dir, passphrase);
    this.release();
    this.state = state;
    if (remember && state.header) await this.remember(state.header, state.dataKey ?? Buffer.alloc(0));
    return { workspace: state.ws, recoveryKey };
  }

  private async makeEncrypted(dir: string, passphrase: string): Promise<{ state: Open; recoveryKey: string }> {
    checkNewPassphrase(passphrase);
    if (this.options.readOnly) throw new AppError('conflict', 'This engine reads one workspace only; create a workspace in its own session.');
    const absDir = path.resolve(dir);
    const dbFile = path.join(absDir, DB_FILE_NAME);
    if (fileHeaderKind(dbFile) !== 'empty' || fs.existsSync(headerFile(absDir))) {
      throw new AppError('conflict', `There is already a workspace in ${absDir}. Open it, then encrypt it from Settings → Security (or \`localyst workspace encrypt\`).`, { file: absDir });
    }
    makePrivateDir(absDir);
    const { header, dataKey, recoveryKey } = await createKeys(passphrase);
    const lock = lockWorkspace(absDir, this.options.door);
    let ws: OpenedWorkspace;
    try {
      writeHeader(absDir, header);
      ws = await openWorkspace(absDir, { nativeBinding: this.options.nativeBinding, lock, key: dataKey });
      await this.attachKeyOrClose(ws, dataKey);
    } catch (error) {
      fs.rmSync(headerFile(absDir), { force: true });
      for (const f of ['', '-wal', '-shm']) fs.rmSync(`${dbFile}${f}`, { force: true });
      lock.release();
      throw error;
    }
    return { state: { kind: 'open', ws, dataKey, header }, recoveryKey };
  }

  async changePassphrase(current: UnlockSecret, next: string): Promise<void> {
    checkNewPassphrase(next);
    const dir = this.dir();
    if (!this.isEncrypted()) throw new AppError('conflict', 'This workspace is not encrypted: encrypt it first to give it a passphrase.');
    if (this.options.readOnly) throw new AppError('workspace-locked', 'This workspace is open for reading only: its passphrase can be changed where it is open for writing.');
    // The header on disk is the truth (another door may have changed it); a wrong current secret writes nothing.
    const header = readHeader(dir);
    const key = await unwrapDataKey(header, current, dir);
    const updated = await rewrapForPassphrase(header, key, next);
    writeHeader(dir, updated);
    if (this.state.kind === 'open') this.state.header = updated;
    else this.state.header = updated;
    key.fill(0);
  }

  async security(): Promise<WorkspaceSecurity> {
    const dir = this.dir();
    const vault = this.options.dataKeys;
    const available = vault ? await vault.available().catch(() => false) : false;
    const header = this.isEncrypted() ? (this.state.kind === 'open' ? this.state.header : this.state.header) : null;
    let remembered = false;
    if (header && vault && available) remembered = (await vault.load(header.id).catch(() => null)) !== null;
    return {
      encrypted: header !== null,
      cipher: header ? header.cipher : null,
      kdf: header ? { name: 'argon2id', memoryKiB: header.kdf.memoryKiB, iterations: header.kdf.iterations, parallelism: header.kdf.parallelism } : null,
      rememberedOnThisComputer: remembered,
      osKeyStoreAvailable: available,
      hasRecoveryKey: header?.recovery != null,
      plainFiles: plainFilesIn(dir),
    };
  }

  /** Starts `workspace.encrypt`: the copy is built by a worker, swapped in here once it is done. */
  async startEncrypt(jobs: JobQueue, passphrase: string, remember: boolean): Promise<JobInfo> {
    checkNewPassphrase(passphrase);
    const open = this.writableOpen();
    if (open.dataKey) throw new AppError('conflict', 'This workspace is already encrypted.');
    this.checkIdle(jobs);
    const { header, dataKey, recoveryKey } = await createKeys(passphrase);
    this.converting = true;
    try {
      return jobs.start('workspace.encrypt', `Encrypt the workspace ${path.basename(open.ws.dir)}`, { direction: 'encrypt' }, {
        ephemeral: true,
        onEnd: () => {
          this.converting = false;
        },
        secretInput: { toKey: new Uint8Array(dataKey) },
        finalize: async (result) => {
          try {
            await this.swapIn('encrypt', dataKey, header);
            if (remember) await this.remember(header, dataKey);
            const r = result as { seconds: number; bytes: number };
            return { recoveryKey, cipher: PAGE_CIPHER, seconds: r.seconds, bytes: r.bytes };
          } finally {
            this.converting = false;
          }
        },
      });
    } catch (error) {
      this.converting = false;
      throw error;
    }
  }

  async startDecrypt(jobs: JobQueue, secret: UnlockSecret): Promise<JobInfo> {
    const open = this.writableOpen();
    if (!open.dataKey || !open.header) throw new AppError('conflict', 'This workspace is not encrypted.');
    this.checkIdle(jobs);
    const header = readHeader(open.ws.dir);
    const key = await unwrapDataKey(header, secret, open.ws.dir);
    this.converting = true;
    try {
      return jobs.start('workspace.decrypt', `Decrypt the workspace ${path.basename(open.ws.dir)}`, { direction: 'decrypt' }, {
        ephemeral: true,
        onEnd: () => {
          this.converting = false;
        },
        secretInput: { fromKey: new Uint8Array(key) },
        finalize: async (result) => {
          try {
            await this.swapIn('decrypt', null, null);
            await this.options.dataKeys?.forget(header.id).catch(() => undefined);
            const r = result as { seconds: number; bytes: number };
            return { seconds: r.seconds, bytes: r.bytes };
          } finally {
            this.converting = false;
          }
        },
      });
    } catch (error) {
      this.converting = false;
      throw error;
    }
  }

  private writableOpen(): Open {
    if (this.state.kind === 'locked') throw lockedError(this.state.dir);
    if (this.options.readOnly) throw new AppError('workspace-locked', 'This workspace is open for reading only, beside the program that holds it.');
    return this.state;
  }

  private checkIdle(jobs: JobQueue): void {
    if (this.converting || jobs.activeCount > 0) {
      throw new AppError('conflict', 'A job is still running in this workspace. Wait for it or cancel it, then try again.');
    }
  }

  /**
   * Puts the converted files in place of the old ones. The rename of the database is the commit point: before it the
   * old workspace is whole (the header of an encrypt that did not commit is removed at the next open), after it the
   * new one is. The old plain files are zeroed through descriptors kept open across the rename.
   */
  private async swapIn(direction: 'encrypt' | 'decrypt', newKey: Buffer | null, header: KeyHeader | null): Promise<void> {
    const open = this.writableOpen();
    const { ws } = open;
    const { dir, dbFile, lock } = ws;
    const suffix = CONVERT_SUFFIX[direction];
    const pseudonymKey = attachedPseudonymKey(ws.db);
    const plainOld: number[] = [];
    if (direction === 'encrypt') {
      if (!header) throw new Error('swapIn: no header');
      writeHeader(dir, header);
      for (const f of [dbFile, `${dbFile}-wal`]) {
        const fd = openIfExists(f);
        if (fd !== null) plainOld.push(fd);
      }
    }
    // Closing the last connection folds the WAL into the old file and removes it.
    ws.db.close();
    try {
      fs.renameSync(`${dbFile}${suffix}`, dbFile);
    } catch (error) {
      for (const fd of plainOld) fs.closeSync(fd);
      if (direction === 'encrypt') fs.rmSync(headerFile(dir), { force: true });
      this.state = { kind: 'open', ws: await openWorkspace(dir, { nativeBinding: this.options.nativeBinding, lock: lock ?? undefined, key: open.dataKey }), dataKey: open.dataKey, header: open.header };
      if (pseudonymKey) attachPseudonymKey(this.state.ws.db, pseudonymKey);
      throw error;
    }
    syncDir(dir);
    if (direction === 'decrypt') fs.rmSync(headerFile(dir), { force: true });
    swapBackups(dir, suffix, direction === 'encrypt');
    for (const fd of plainOld) {
      zeroFileThrough(fd);
      fs.closeSync(fd);
    }
    const next = await openWorkspace(dir, { nativeBinding: this.options.nativeBinding, lock: lock ?? undefined, key: newKey });
    if (direction === 'encrypt' && pseudonymKey instanceof Buffer && readSetting(next.db, ENCRYPTED_KEY_SETTING) === null) {
      // The pseudonymisation key moves inside the encrypted store (the file in <home>/keys stays for plain copies).
      writeSetting(next.db, ENCRYPTED_KEY_SETTING, pseudonymKey.toString('base64'));
    }
    if (direction === 'decrypt') {
      if (pseudonymKey instanceof Buffer) {
        const id = workspaceIdOf(next);
        if (!(await this.options.keyStore.load(id).catch(() => null))) await this.options.keyStore.save(id, pseudonymKey);
      }
      eraseEncryptedKeySetting(next.db);
      next.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    await this.attachKeyOrClose(next, newKey);
    open.dataKey?.fill(0);
    this.state = { kind: 'open', ws: next, dataKey: newKey, header };
  }
}

function lockedError(dir: string): AppError {
  return new AppError('workspace-encrypted', `The workspace ${dir} is encrypted. Enter its passphrase (or recovery key) to open it.`, { file: dir, folder: dir });
}

function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE) {
    throw new AppError('bad-input', `A passphrase needs at least ${MIN_PASSPHRASE} characters; a few words are easier to remember and harder to guess.`, { field: 'passphrase' });
  }
}

function encryptedOnDisk(dir: string, dbFile: string): boolean {
  return fs.existsSync(headerFile(dir)) && fileHeaderKind(dbFile) === 'other';
}

function openIfExists(file: string): number | null {
  try {
    return fs.openSync(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder to sync it; its renames are durable on their own.
  }
}

/** Each `backups/x.sqlite<suffix>` replaces `x.sqlite`; the old one is zeroed when it was plain. */
function swapBackups(dir: string, suffix: string, zeroOld: boolean): void {
  for (const file of backupFiles(dir)) {
    if (!fs.existsSync(`${file}${suffix}`)) continue;
    const fd = zeroOld ? openIfExists(file) : null;
    fs.renameSync(`${file}${suffix}`, file);
    if (fd !== null) {
      zeroFileThrough(fd);
      fs.closeSync(fd);
    }
  }
}

/**
 * After a crash or a kill during workspace.encrypt/decrypt: the database file says which side of the commit the
 * folder is on. Plain: a header left by an encrypt that did not commit goes, and a decrypt's backups are finished.
 * Encrypted: an encrypt's backups are finished. Partial copies of the other direction are removed (zeroed if plain).
 */
export function finishInterruptedConversion(dir: string, dbFile: string): void {
  const kind = fileHeaderKind(dbFile);
  if (kind === 'empty') return;
  const plain = kind === 'plain';
  for (const suffix of Object.values(CONVERT_SUFFIX)) removeCopy(`${dbFile}${suffix}`, suffix === CONVERT_SUFFIX.decrypt);
  if (plain && fs.existsSync(headerFile(dir))) fs.rmSync(headerFile(dir), { force: true });
  const finishing = plain ? CONVERT_SUFFIX.decrypt : CONVERT_SUFFIX.encrypt;
  const dropping = plain ? CONVERT_SUFFIX.encrypt : CONVERT_SUFFIX.decrypt;
  const backups = path.join(dir, 'backups');
  let names: string[] = [];
  try {
    names = fs.readdirSync(backups);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(backups, name);
    if (name.endsWith(dropping) || name.endsWith(`${dropping}-journal`)) {
      if (dropping === CONVERT_SUFFIX.decrypt) shredFile(file);
      else fs.rmSync(file, { force: true });
    }
  }
  swapBackups(dir, finishing, finishing === CONVERT_SUFFIX.encrypt);
}

const KNOWN = new Set([DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, HEADER_FILE_NAME, LOCK_FILE_NAME, 'backups']);

/** Files of the workspace folder outside the database (uploads, exports): not encrypted, said so in Settings → Security. */
function plainFilesIn(dir: string): { file: string; bytes: number }[] {
  const out: { file: string; bytes: number }[] = [];
  const walk = (folder: string, depth: number): void => {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (depth === 0 && KNOWN.has(entry.name)) continue;
      if (entry.isDirectory() && depth < 4) walk(full, depth + 1);
      else if (entry.isFile() && out.length < 500) out.push({ file: path.relative(dir, full), bytes: fs.statSync(full).size });
    }
  };
  walk(dir, 0);
  return out;
}
