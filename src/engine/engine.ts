import path from 'node:path';
import { channels, isChannel, type Channel, type EventName, type EventPayload } from '../shared/contract';
import { AppError, type Envelope, fail, ok } from '../shared/errors';
import type { ChosenFileHandle, FileUse } from '../shared/file-schemas';
import type { EngineContext } from './kernel/context';
import { runAfterJobs } from './kernel/jobs';
import { asWorkspaceError } from './db/open-workspace';
import { WorkspaceHolder, type DataKeyVault } from './workspace/holder';
import type { UnlockSecret } from '../shared/security-schemas';
import { failOrphanedJobs } from './db/jobs-repo';
import { JobRunner } from './jobs/runner';
import { precheckSegmentRules } from './segments/precheck';
import { loadTf, type LoadedTf } from './ml/backend';
import { afterJobs, handlers } from './router';
import { createFileGrants } from './kernel/file-grants';
import { appHome } from './workspace/paths';
import { rememberWorkspace } from './workspace/recent';
import { fileKeyStore, type KeyStore } from './workspace/keys';
import type { Door } from './kernel/lock';

export type EngineOptions = {
  workspaceDir: string;
  /** Create the workspace folder when missing (default true). */
  create?: boolean;
  home?: string;
  /** Where workspaces opened by name live; default the folder holding `workspaceDir`. */
  workspacesHome?: string;
  appVersion?: string;
  nativeBinding?: string;
  /** Log requests slower than this many milliseconds to stderr. */
  slowMs?: number;
  /** Which door opens the workspace, for its one-writer lock (default cli). */
  door?: Door;
  /** Read only, beside a writer that holds the workspace's lock: nothing is written, jobs cannot start. */
  readOnly?: boolean;
  /** Where pseudonymisation keys are kept (default: files in `<home>/keys`; the desktop passes the OS key store). */
  keyStore?: KeyStore;
  /** An encrypted workspace's passphrase or recovery key (CLI and `localyst serve`); without it, it opens locked. */
  secret?: UnlockSecret;
  /** The desktop's remembered data keys (OS key store, kept by the main process). */
  dataKeys?: DataKeyVault;
  /** Make `workspaceDir` a new encrypted workspace with this passphrase (`localyst workspace create --encrypt`). */
  encrypt?: { passphrase: string };
};

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export type Engine = {
  /** Parses and runs one request; always resolves to an envelope, never throws. */
  invoke(channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: EventListener): () => void;
  workspaceDir(): string;
  /**
   * For a door's own code only, never for a request: registers a path the user chose (a dialog, an upload the door
   * stored, a command-line argument) and answers the handle a request may name. Throws on a relative path.
   */
  grantFile(file: string, use: FileUse): ChosenFileHandle;
  /** After `encrypt`: the new workspace's recovery key, this once (null after, and for every other engine). */
  takeRecoveryKey(): string | null;
  close(): Promise<void>;
};

/** Starts an engine on a workspace. Throws an AppError when the workspace cannot be opened. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const home = options.home ?? appHome();
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const keyStore = options.keyStore ?? fileKeyStore(home);
  // Opened, locked for this process and given its key (or held locked until its passphrase comes); or refused with nothing left held.
  const holder = await WorkspaceHolder.start(options.workspaceDir, options.create ?? true, {
    door: options.door ?? 'cli',
    readOnly: options.readOnly ?? false,
    nativeBinding: options.nativeBinding,
    keyStore,
    dataKeys: options.dataKeys,
    secret: options.secret,
    encrypt: options.encrypt?.passphrase,
  });
  const opened = (): void => {
    // A reader must not mark the writer's running jobs as failed.
    if (!options.readOnly && !holder.lockedDir()) failOrphanedJobs(holder.workspace().db);
    rememberWorkspace(home, holder.dir());
  };
  opened();

  const jobs = new JobRunner({
    db: () => holder.workspace().db,
    dbFile: () => holder.workspace().dbFile,
    dataKey: () => holder.dataKey(),
    emit,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onDataChanged: () => emit('workspace.changed', { path: holder.dir(), reason: 'data' }),
    onJobDone: (kind, result) => runAfterJobs(afterJobs, kind, holder.workspace().db, jobs, result),
  });

  let tfPromise: Promise<LoadedTf> | undefined;
  const files = createFileGrants();
  const ctx: EngineContext = {
    workspace: () => holder.workspace(),
    workspaceDir: () => holder.dir(),
    async switchWorkspace(dir, create) {
      if (options.readOnly) throw new AppError('conflict', 'This engine reads one workspace only; open another one in its own session.');
      if (jobs.activeCount > 0 || holder.busy()) {
        throw new AppError('conflict', 'A job is still running in this workspace. Wait for it or cancel it, then switch.');
      }
      // Reopening the workspace already open would meet this process's own lock: nothing to do then.
      await holder.switchTo(dir, create);
      opened();
      emit('workspace.changed', { path: holder.dir(), reason: 'opened' });
      return holder.workspace();
    },
    security: {
      lockedDir: () => holder.lockedDir(),
      describeLocked: () => holder.describeLocked(),
      isEncrypted: () => holder.isEncrypted(),
      security: () => holder.security(),
      async unlock(secret, remember) {
        const ws = await holder.unlock(secret, remember);
        opened();
        emit('workspace.changed', { path: holder.dir(), reason: 'opened' });
        return ws;
      },
      async createEncrypted(dir, passphrase, remember) {
        if (jobs.activeCount > 0 || holder.busy()) throw new AppError('conflict', 'A job is still running in this workspace. Wait for it or cancel it, then switch.');
        const made = await holder.createEncrypted(dir, passphrase, remember);
        opened();
        emit('workspace.changed', { path: holder.dir(), reason: 'opened' });
        return made;
      },
      startEncrypt: (passphrase, remember) => holder.startEncrypt(jobs, passphrase, remember),
      startDecrypt: (secret) => holder.startDecrypt(jobs, secret),
      changePassphrase: (current, next) => holder.changePassphrase(current, next),
    },
    jobs,
    emit,
    home,
    workspacesHome: path.resolve(options.workspacesHome ?? path.dirname(path.resolve(options.workspaceDir))),
    files,
    appVersion: options.appVersion ?? '0.0.0',
    tf: () => (tfPromise ??= loadTf()),
  };
  const slowMs = options.slowMs ?? 250;

  return {
    async invoke(channel, input) {
      if (!isChannel(channel)) {
        return fail({ code: 'unknown-channel', message: `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.` });
      }
      const started = performance.now();
      const locked = holder.lockedDir();
      if (locked && !OPEN_WHILE_LOCKED.has(channel)) {
        return fail({ code: 'workspace-encrypted', message: `The workspace ${locked} is encrypted. Enter its passphrase (or recovery key) to open it.`, details: { file: locked, folder: locked } });
      }
      if (holder.busy() && !OPEN_WHILE_CONVERTING.has(channel)) {
        return fail({ code: 'workspace-locked', message: 'The workspace is being encrypted or decrypted. Wait for the job to finish (or cancel it), then try again.' });
      }
      try {
        return ok(await dispatch(channel, input, ctx));
      } catch (error) {
        return fail(toErrorData(error, path.join(holder.dir(), 'workspace.sqlite')));
      } finally {
        const ms = performance.now() - started;
        if (ms > slowMs) process.stderr.write(`[engine] slow request ${channel}: ${ms.toFixed(0)} ms\n`);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    workspaceDir: () => holder.dir(),
    grantFile: (file, use) => files.grant(file, use),
    takeRecoveryKey: () => holder.takeRecoveryKey(),
    async close() {
      await jobs.stopAll();
      holder.close();
      listeners.clear();
    },
  };
}

/** What a locked (encrypted, no passphrase yet) workspace still answers; every other channel says `workspace-encrypted`. */
const OPEN_WHILE_LOCKED: ReadonlySet<Channel> = new Set<Channel>(['app.info', 'workspace.list', 'workspace.open', 'workspace.unlock', 'workspace.security']);
/** What may run while the workspace's files are being swapped by workspace.encrypt/decrypt. */
const OPEN_WHILE_CONVERTING: ReadonlySet<Channel> = new Set<Channel>(['app.info', 'workspace.list', 'workspace.security', 'jobs.get', 'jobs.cancel', 'jobs.list']);

async function dispatch<K extends Channel>(channel: K, rawInput: unknown, ctx: EngineContext): Promise<unknown> {
  const schema = channels[channel];
  precheckSegmentRules(channel, rawInput);
  const parsed = schema.input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    throw new AppError('bad-input', `The request ${channel} is not valid: ${parsed.error.issues[0]?.message ?? 'bad shape'}.`, {
      issues: parsed.error.issues.slice(0, 20).map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    });
  }
  const handler = handlers[channel] as (input: unknown, ctx: EngineContext) => unknown;
  const value = await handler(parsed.data, ctx);
  const checked = schema.output.safeParse(value);
  if (!checked.success) {
    throw new AppError('internal', `The engine produced an invalid answer for ${channel}. This is a bug in Localyst.`, {
      issues: checked.error.issues.slice(0, 5).map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  return checked.data;
}

function toErrorData(error: unknown, dbFile: string) {
  const mapped = asWorkspaceError(dbFile, error);
  if (mapped instanceof AppError) return mapped.toData();
  process.stderr.write(`[engine] internal error: ${mapped instanceof Error ? (mapped.stack ?? mapped.message) : String(mapped)}\n`);
  return { code: 'internal' as const, message: 'Something went wrong inside Localyst. The details are in the log.' };
}
