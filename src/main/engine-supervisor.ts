import type { Channel } from '../shared/contract';
import { fromEngineMessageSchema, type FromEngineMessage, type KeyRequest, type ToEngineMessage } from '../shared/engine-protocol';
import type { AppErrorData, Envelope } from '../shared/errors';
import type { FileUse } from '../shared/file-schemas';

/** The engine's process as the supervisor sees it; `utility-engine.ts` adapts Electron's UtilityProcess to it. */
export type EngineProcess = {
  send(message: ToEngineMessage): void;
  kill(): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
};

export type EngineForkOptions = { serviceName: string; stdio: 'pipe' };
export type ForkEngine = (modulePath: string, args: string[], options: EngineForkOptions) => EngineProcess;

export type EngineState = 'idle' | 'starting' | 'up' | 'restarting' | 'down' | 'failed' | 'stopping' | 'stopped';
export type EngineEventListener = (name: string, payload: unknown) => void;

export type SupervisorOptions = {
  fork: ForkEngine;
  /** out/node/engine-process.js */
  entry: string;
  /** The engine's command line for a workspace (restarts reopen the workspace that was open). */
  args: (workspace: string) => string[];
  workspace: string;
  /** The engine refused to start (a workspace from a newer Localyst, say); it is not restarted. */
  onStartFailed?: (error: AppErrorData) => void;
  /** The engine crashed too often and is no longer restarted. */
  onDown?: (message: string) => void;
  /** Answers the engine's key requests from the OS key store (key-vault.ts); without it they are refused. */
  keyVault?: (request: KeyRequest) => Promise<string | null | boolean>;
  timeoutMs?: number;
  maxCrashes?: number;
  crashWindowMs?: number;
  restartDelayMs?: (crashesInWindow: number) => number;
  shutdownGraceMs?: number;
  now?: () => number;
  log?: (line: string) => void;
};

export type EngineSupervisor = {
  /** Starts the engine; after a refusal or after giving up, starts it again (on another workspace if given). */
  start(workspace?: string): void;
  /** Always resolves to an envelope: the engine's answer, or timeout / engine-restarted / engine-unavailable. */
  invoke(channel: Channel, input: unknown): Promise<Envelope<unknown>>;
  /** Registers a path the user chose in a dialog with the engine; the envelope holds its handle and name. */
  grantFile(file: string, use: FileUse): Promise<Envelope<unknown>>;
  onEvent(listener: EngineEventListener): () => void;
  state(): EngineState;
  /** The workspace the engine has open (or will open). */
  workspace(): string;
  /** Asks the engine to shut down cleanly; kills it after a grace period. */
  stop(): Promise<void>;
};

export const SERVICE_NAME = 'Localyst engine';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_CRASHES = 5;
export const DEFAULT_CRASH_WINDOW_MS = 60_000;
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

/** Waits longer after each crash in the window: 0.5 s, 1 s, 2 s, 4 s, then at most 8 s. */
export function restartDelayMs(crashesInWindow: number): number {
  return Math.min(500 * 2 ** Math.max(0, crashesInWindow - 1), 8_000);
}

type Pending = {
  id: number;
  /** What the request is, in messages (the channel's name). */
  label: string;
  message: ToEngineMessage;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve: (envelope: Envelope<unknown>) => void;
};

const failure = (code: AppErrorData['code'], message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/** Starts, watches and restarts the engine process, and matches its replies to requests. */
export function createEngineSupervisor(options: SupervisorOptions): EngineSupervisor {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxCrashes = options.maxCrashes ?? DEFAULT_MAX_CRASHES;
  const crashWindowMs = options.crashWindowMs ?? DEFAULT_CRASH_WINDOW_MS;
  const delayFor = options.restartDelayMs ?? restartDelayMs;
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(`[engine-supervisor] ${line}`));

  const listeners = new Set<EngineEventListener>();
  const pending = new Map<number, Pending>();
  let state: EngineState = 'idle';
  let child: EngineProcess | null = null;
  // Messages and exits from an earlier process (after a restart) are ignored.
  let generation = 0;
  let nextId = 1;
  let workspace = options.workspace;
  let crashTimes: number[] = [];
  let recovering = false;
  let unavailableMessage = 'The engine is not running.';
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let stopping: Promise<void> | null = null;

  const emit = (name: string, payload: unknown): void => {
    for (const listener of [...listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        log(`an event listener failed: ${String(error)}`);
      }
    }
  };
  const emitStatus = (status: 'up' | 'restarting' | 'restarted' | 'down', message: string): void =>
    emit('engine.status', { state: status, message });

  const settle = (request: Pending, envelope: Envelope<unknown>): void => {
    clearTimeout(request.timer);
    pending.delete(request.id);
    request.resolve(envelope);
  };
  const settleAll = (which: (request: Pending) => boolean, envelope: () => Envelope<unknown>): void => {
    for (const request of [...pending.values()]) if (which(request)) settle(request, envelope());
  };

  const send = (request: Pending): void => {
    if (!child) return;
    try {
      child.send(request.message);
      request.sent = true;
    } catch (error) {
      // The process is going away; its exit restarts it and this request is sent to the next one.
      log(`could not send ${request.label}: ${String(error)}`);
    }
  };

  const spawn = (): void => {
    restartTimer = null;
    const own = ++generation;
    state = recovering ? 'restarting' : 'starting';
    let started: EngineProcess;
    try {
      started = options.fork(options.entry, options.args(workspace), { serviceName: SERVICE_NAME, stdio: 'pipe' });
    } catch (error) {
      log(`could not start the engine: ${String(error)}`);
      child = null;
      crashed(null);
      return;
    }
    child = started;
    started.onMessage((message) => {
      if (own === generation) received(message);
    });
    started.onExit((code) => {
      if (own === generation) exited(code);
    });
  };

  const received = (raw: unknown): void => {
    const parsed = fromEngineMessageSchema.safeParse(raw);
    if (!parsed.success) {
      log(`ignored a malformed message from the engine: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
      return;
    }
    handle(parsed.data);
  };

  const handle = (message: FromEngineMessage): void => {
    switch (message.type) {
      case 'ready': {
        if (state !== 'starting' && state !== 'restarting') return;
        state = 'up';
        workspace = message.workspace;
        for (const request of [...pending.values()]) if (!request.sent) send(request);
        if (recovering) {
          recovering = false;
          emitStatus('restarted', 'The engine restarted. Anything that was running when it stopped has to be started again.');
        } else {
          emitStatus('up', 'The engine is ready.');
        }
        return;
      }
      case 'start-failed': {
        if (state !== 'starting' && state !== 'restarting') return;
        state = 'failed';
        recovering = false;
        unavailableMessage = message.error.message;
        settleAll(() => true, () => ({ ok: false, error: message.error }));
        emitStatus('down', message.error.message);
        options.onStartFailed?.(message.error);
        return;
      }
      case 'reply': {
        const request = pending.get(message.id);
        // A reply to a request that already timed out has nobody waiting for it.
        if (request) settle(request, message.envelope);
        return;
      }
      case 'key-request': {
        answerKeyRequest(message);
        return;
      }
      case 'event': {
        if (message.name === 'workspace.changed') rememberWorkspace(message.payload);
        emit(message.name, message.payload);
        return;
      }
    }
  };

  // The answer goes to the process that asked; a restarted engine asks again.
  const answerKeyRequest = (request: KeyRequest): void => {
    const asking = child;
    const reply = (message: Extract<ToEngineMessage, { type: 'key-reply' }>): void => {
      if (asking && asking === child) asking.send(message);
    };
    const vault = options.keyVault;
    if (!vault) {
      reply({ type: 'key-reply', id: request.id, key: null, message: 'This Localyst has no key store for pseudonymisation keys.' });
      return;
    }
    vault(request).then(
      (key) => reply(typeof key === 'boolean' ? { type: 'key-reply', id: request.id, key: null, available: key } : { type: 'key-reply', id: request.id, key }),
      (error: unknown) => reply({ type: 'key-reply', id: request.id, key: null, message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const rememberWorkspace = (payload: unknown): void => {
    if (typeof payload !== 'object' || payload === null) return;
    const { path, reason } = payload as { path?: unknown; reason?: unknown };
    if (reason === 'opened' && typeof path === 'string' && path !== '') workspace = path;
  };

  const exited = (code: number | null): void => {
    child = null;
    if (state === 'stopping' || state === 'stopped' || state === 'failed') return;
    log(`the engine exited unexpectedly (exit code ${code ?? 'none'})`);
    crashed(code);
  };

  const crashed = (code: number | null): void => {
    // Requests the dead engine had received are lost; requests still queued wait for the next engine.
    settleAll(
      (request) => request.sent,
      () =>
        failure(
          'engine-restarted',
          'The engine stopped unexpectedly while working on this request and is restarting. Try again in a moment.',
        ),
    );
    const at = now();
    crashTimes = crashTimes.filter((time) => at - time < crashWindowMs);
    crashTimes.push(at);
    if (crashTimes.length >= maxCrashes) {
      state = 'down';
      recovering = false;
      unavailableMessage =
        `The engine stopped ${crashTimes.length} times within ${Math.round(crashWindowMs / 1000)} seconds, so Localyst ` +
        'stopped restarting it. Quit and reopen Localyst; if it happens again, start Localyst from a terminal to see why.';
      settleAll(() => true, () => failure('engine-unavailable', unavailableMessage));
      emitStatus('down', unavailableMessage);
      options.onDown?.(unavailableMessage);
      return;
    }
    state = 'restarting';
    recovering = true;
    const exitNote = code === null ? '' : ` (exit code ${code})`;
    emitStatus('restarting', `The engine stopped unexpectedly${exitNote}. Localyst is restarting it…`);
    restartTimer = setTimeout(spawn, delayFor(crashTimes.length));
  };

  const timedOut = (request: Pending): void => {
    const seconds = Math.round(timeoutMs / 1000);
    const message = request.sent
      ? `Localyst did not answer ${request.label} within ${seconds} seconds. Try again; if it keeps happening, restart Localyst.`
      : `The engine was not ready within ${seconds} seconds, so ${request.label} was not run. Try again in a moment.`;
    settle(request, failure('timeout', message));
  };

  const request = (label: string, message: (id: number) => ToEngineMessage): Promise<Envelope<unknown>> => {
    if (state === 'down' || state === 'failed') return Promise.resolve(failure('engine-unavailable', unavailableMessage));
    if (state === 'stopping' || state === 'stopped') {
      return Promise.resolve(failure('engine-unavailable', 'Localyst is closing.'));
    }
    return new Promise<Envelope<unknown>>((resolve) => {
      const id = nextId++;
      const pendingRequest: Pending = {
        id,
        label,
        message: message(id),
        sent: false,
        resolve,
        timer: setTimeout(() => timedOut(pendingRequest), timeoutMs),
      };
      pending.set(id, pendingRequest);
      if (state === 'up') send(pendingRequest);
    });
  };

  return {
    start(nextWorkspace) {
      if (state !== 'idle' && state !== 'failed' && state !== 'down') return;
      if (nextWorkspace) workspace = nextWorkspace;
      crashTimes = [];
      recovering = false;
      spawn();
    },

    invoke(channel, input) {
      return request(channel, (id) => ({ type: 'invoke', id, channel, input }));
    },

    grantFile(file, use) {
      return request('choosing a file', (id) => ({ type: 'grant', id, file, use }));
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    state: () => state,
    workspace: () => workspace,

    stop() {
      if (stopping) return stopping;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const running = child;
      state = 'stopping';
      settleAll(() => true, () => failure('engine-unavailable', 'Localyst is closing.'));
      stopping = new Promise<void>((resolve) => {
        if (!running) {
          state = 'stopped';
          resolve();
          return;
        }
        const done = (): void => {
          clearTimeout(killTimer);
          state = 'stopped';
          child = null;
          resolve();
        };
        const killTimer = setTimeout(() => {
          log(`the engine did not shut down within ${graceMs} ms; killing it`);
          running.kill();
          done();
        }, graceMs);
        running.onExit(done);
        try {
          running.send({ type: 'shutdown' });
        } catch {
          running.kill();
          done();
        }
      });
      return stopping;
    },
  };
}
