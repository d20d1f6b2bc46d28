import { channels, isChannel, type Channel, type EventName, type EventPayload } from '../shared/contract';
import { AppError, type Envelope, fail, ok } from '../shared/errors';
import type { ImportReport } from '../shared/import-schemas';
import type { EngineContext } from './context';
import { asWorkspaceError, openWorkspace, type OpenedWorkspace } from './db/open-workspace';
import { failOrphanedJobs } from './db/jobs-repo';
import { deleteImportedUpload } from './ingest/uploads';
import { JobRunner } from './jobs/runner';
import { retrainAfterImport } from './models/retrain';
import { startSizesAfterImport } from './segments/sizes';
import { precheckSegmentRules } from './segments/precheck';
import { loadTf, type LoadedTf } from './ml/backend';
import { handlers } from './router';
import { appHome } from './workspace/paths';
import { rememberWorkspace } from './workspace/recent';

export type EngineOptions = {
  workspaceDir: string;
  /** Create the workspace folder when missing (default true). */
  create?: boolean;
  home?: string;
  appVersion?: string;
  nativeBinding?: string;
  /** Log requests slower than this many milliseconds to stderr. */
  slowMs?: number;
};

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export type Engine = {
  /** Parses and runs one request; always resolves to an envelope, never throws. */
  invoke(channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: EventListener): () => void;
  workspaceDir(): string;
  close(): Promise<void>;
};

/** Starts an engine on a workspace. Throws an AppError when the workspace cannot be opened. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const home = options.home ?? appHome();
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const openOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let current: OpenedWorkspace = await openWorkspace(options.workspaceDir, { ...openOptions, create: options.create ?? true });
  failOrphanedJobs(current.db);
  rememberWorkspace(home, current.dir);

  const jobs = new JobRunner({
    db: () => current.db,
    dbFile: () => current.dbFile,
    emit,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onDataChanged: () => emit('workspace.changed', { path: current.dir, reason: 'data' }),
    onJobDone: (kind, result) => {
      if (kind === 'import.run') deleteImportedUpload(current.dir, result as ImportReport);
      if (kind === 'import.run') retrainAfterImport(current.db, jobs, result);
      if (kind === 'import.run') startSizesAfterImport(current.db, jobs, result);
    },
  });

  let tfPromise: Promise<LoadedTf> | undefined;
  const ctx: EngineContext = {
    workspace: () => current,
    async switchWorkspace(dir, create) {
      if (jobs.activeCount > 0) {
        throw new AppError('conflict', 'A job is still running in this workspace. Wait for it or cancel it, then switch.');
      }
      const next = await openWorkspace(dir, { ...openOptions, create });
      if (next.dbFile !== current.dbFile) {
        current.db.close();
        current = next;
      } else {
        next.db.close();
      }
      failOrphanedJobs(current.db);
      rememberWorkspace(home, current.dir);
      emit('workspace.changed', { path: current.dir, reason: 'opened' });
      return current;
    },
    jobs,
    emit,
    home,
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
    async close() {
      await jobs.stopAll();
      current.db.close();
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
