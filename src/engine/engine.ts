import path from 'node:path';
import { channels, isChannel, type Channel, type EventName, type EventPayload } from '../shared/contract';
import { AppError, type Envelope, fail, ok } from '../shared/errors';
import type { ChosenFileHandle, FileUse } from '../shared/file-schemas';
import type { EngineContext } from './kernel/context';
import { runAfterJobs } from './kernel/jobs';
import { asWorkspaceError, closeWorkspace, openWorkspace, type OpenedWorkspace, type OpenOptions } from './db/open-workspace';
import { failOrphanedJobs } from './db/jobs-repo';
import { JobRunner } from './jobs/runner';
import { precheckSegmentRules } from './segments/precheck';
import { loadTf, type LoadedTf } from './ml/backend';
import { afterJobs, handlers } from './router';
import { createFileGrants } from './kernel/file-grants';
import { appHome } from './workspace/paths';
import { rememberWorkspace } from './workspace/recent';
import { attachPseudonymKey } from './ingest/pseudonyms';
import { fileKeyStore, unlockWorkspace, type KeyStore } from './workspace/keys';
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
  const openOptions: OpenOptions = { door: options.door ?? 'cli', ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  // Opened, locked for this process and given its key; or refused with nothing left held.
  const open = async (dir: string, create: boolean): Promise<OpenedWorkspace> => {
    if (options.readOnly) {
      const reading = await openWorkspace(dir, { ...openOptions, readOnly: true });
      attachPseudonymKey(reading.db, new AppError('workspace-locked', 'This workspace is open for reading only: nothing can be imported here.'));
      return reading;
    }
    const opened = await openWorkspace(dir, { ...openOptions, create });
    try {
      await unlockWorkspace(opened, keyStore, options.nativeBinding);
      return opened;
    } catch (error) {
      closeWorkspace(opened);
      throw error;
    }
  };
  let current: OpenedWorkspace = await open(options.workspaceDir, options.create ?? true);
  // A reader must not mark the writer's running jobs as failed.
  if (!options.readOnly) failOrphanedJobs(current.db);
  rememberWorkspace(home, current.dir);

  const jobs = new JobRunner({
    db: () => current.db,
    dbFile: () => current.dbFile,
    emit,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onDataChanged: () => emit('workspace.changed', { path: current.dir, reason: 'data' }),
    onJobDone: (kind, result) => runAfterJobs(afterJobs, kind, current.db, jobs, result),
  });

  let tfPromise: Promise<LoadedTf> | undefined;
  const files = createFileGrants();
  const ctx: EngineContext = {
    workspace: () => current,
    async switchWorkspace(dir, create) {
      if (options.readOnly) throw new AppError('conflict', 'This engine reads one workspace only; open another one in its own session.');
      if (jobs.activeCount > 0) {
        throw new AppError('conflict', 'A job is still running in this workspace. Wait for it or cancel it, then switch.');
      }
      // Reopening the workspace already open would meet this process's own lock: nothing to do then.
      if (path.resolve(dir) !== current.dir) {
        const next = await open(dir, create);
        closeWorkspace(current);
        current = next;
      }
      failOrphanedJobs(current.db);
      rememberWorkspace(home, current.dir);
      emit('workspace.changed', { path: current.dir, reason: 'opened' });
      return current;
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
      try {
        return ok(await dispatch(channel, input, ctx));
      } catch (error) {
        return fail(toErrorData(error, current.dbFile));
      } finally {
        const ms = performance.now() - started;
        if (ms > slowMs) process.stderr.write(`[engine] slow request ${channel}: ${ms.toFixed(0)} ms\n`);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    workspaceDir: () => current.dir,
    grantFile: (file, use) => files.grant(file, use),
    async close() {
      await jobs.stopAll();
      closeWorkspace(current);
      listeners.clear();
    },
  };
}

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
