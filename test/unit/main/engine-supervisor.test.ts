import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createEngineSupervisor,
  restartDelayMs,
  type EngineProcess,
  type SupervisorOptions,
} from '../../../src/main/engine-supervisor';
import type { ToEngineMessage } from '../../../src/shared/engine-protocol';
import type { Envelope } from '../../../src/shared/errors';

/** One fake engine process: records what it was sent; the test plays the engine's part. */
class FakeEngine implements EngineProcess {
  sent: ToEngineMessage[] = [];
  killed = false;
  private messageListeners: Array<(message: unknown) => void> = [];
  private exitListeners: Array<(code: number | null) => void> = [];
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: unknown,
  ) {}
  send(message: ToEngineMessage): void {
    this.sent.push(message);
  }
  kill(): void {
    this.killed = true;
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  post(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  ready(workspace = '/w'): void {
    this.post({ type: 'ready', workspace });
  }
  exit(code: number | null = 1): void {
    for (const listener of this.exitListeners) listener(code);
  }
  invokes(): Array<Extract<ToEngineMessage, { type: 'invoke' }>> {
    return this.sent.filter((message): message is Extract<ToEngineMessage, { type: 'invoke' }> => message.type === 'invoke');
  }
  reply(id: number, envelope: Envelope<unknown>): void {
    this.post({ type: 'reply', id, envelope });
  }
}

function setup(overrides: Partial<SupervisorOptions> = {}) {
  const engines: FakeEngine[] = [];
  const events: Array<[string, unknown]> = [];
  const onStartFailed = vi.fn();
  const onDown = vi.fn();
  const supervisor = createEngineSupervisor({
    fork: (modulePath, args, options) => {
      const engine = new FakeEngine(modulePath, args, options);
      engines.push(engine);
      return engine;
    },
    entry: '/app/out/node/engine-process.js',
    args: (workspace) => ['--workspace', workspace, '--home', '/home'],
    workspace: '/w',
    onStartFailed,
    onDown,
    now: () => Date.now(),
    log: () => {},
    ...overrides,
  });
  supervisor.onEvent((name, payload) => events.push([name, payload]));
  const statuses = (): unknown[] => events.filter(([name]) => name === 'engine.status').map(([, payload]) => (payload as { state: string }).state);
  const last = (): FakeEngine => engines[engines.length - 1]!;
  return { supervisor, engines, events, statuses, last, onStartFailed, onDown };
}

/** Settles a promise now if it has settled, else 'pending', without waiting for timers. */
async function peek<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('starting the engine', () => {
  it("forks out/node/engine-process.js as a utility process named 'Localyst engine' with piped output", () => {
    const { supervisor, engines } = setup();
    supervisor.start();
    expect(engines).toHaveLength(1);
    expect(engines[0]!.modulePath).toBe('/app/out/node/engine-process.js');
    expect(engines[0]!.args).toEqual(['--workspace', '/w', '--home', '/home']);
    expect(engines[0]!.options).toEqual({ serviceName: 'Localyst engine', stdio: 'pipe' });
    expect(supervisor.state()).toBe('starting');
  });

  it("holds requests until 'ready', then sends them and resolves with the engine's reply", async () => {
    const { supervisor, last, statuses } = setup();
    supervisor.start();
    const answer = supervisor.invoke('workspace.current', {});
    expect(last().invokes()).toEqual([]);
    last().ready('/w');
    expect(supervisor.state()).toBe('up');
    expect(statuses()).toEqual(['up']);
    const [request] = last().invokes();
    expect(request).toMatchObject({ type: 'invoke', channel: 'workspace.current', input: {} });
    last().reply(request!.id, { ok: true, value: { path: '/w' } });
    expect(await answer).toEqual({ ok: true, value: { path: '/w' } });
  });

  it('matches each reply to its own request', async () => {
    const { supervisor, last } = setup();
    supervisor.start();
    last().ready();
    const first = supervisor.invoke('jobs.list', {});
    const second = supervisor.invoke('settings.get', {});
    const [a, b] = last().invokes();
    last().reply(b!.id, { ok: true, value: 'second' });
    last().reply(a!.id, { ok: true, value: 'first' });
    expect(await first).toEqual({ ok: true, value: 'first' });
    expect(await second).toEqual({ ok: true, value: 'second' });
  });

  it('bounds the wait for ready by the request timeout', async () => {
    const { supervisor } = setup({ timeoutMs: 1_000 });
    supervisor.start();
    const answer = supervisor.invoke('jobs.list', {});
    vi.advanceTimersByTime(999);
    expect(await peek(answer)).toBe('pending');
    vi.advanceTimersByTime(1);
    expect(await answer).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('ignores malformed messages from the engine', async () => {
    const { supervisor, last } = setup();
    supervisor.start();
    last().post({ type: 'ready' });
    last().post('garbage');
    last().post({ type: 'reply', id: 'x' });
    expect(supervisor.state()).toBe('starting');
  });
});

describe('timeouts', () => {
  it("answers 'timeout' with a plain message after 30 seconds by default, and ignores a late reply", async () => {
    const { supervisor, last } = setup();
    supervisor.start();
    last().ready();
    const answer = supervisor.invoke('dashboard.summary', {});
    vi.advanceTimersByTime(29_999);
    expect(await peek(answer)).toBe('pending');
    vi.advanceTimersByTime(1);
    const envelope = await answer;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'timeout' } });
    if (!envelope.ok) expect(envelope.error.message).toMatch(/dashboard\.summary within 30 seconds/);
    expect(() => last().reply(last().invokes()[0]!.id, { ok: true, value: 'late' })).not.toThrow();
  });
});

describe('crashes', () => {
  it("fails requests in flight with 'engine-restarted', reports restarting, restarts after a pause and reports restarted", async () => {
    const { supervisor, engines, last, statuses } = setup();
    supervisor.start();
    last().ready();
    const inFlight = supervisor.invoke('jobs.list', {});
    last().exit(134);

    const envelope = await inFlight;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'engine-restarted' } });
    if (!envelope.ok) expect(envelope.error.message).toMatch(/restarting/);
    expect(statuses()).toEqual(['up', 'restarting']);
    expect(supervisor.state()).toBe('restarting');

    expect(engines).toHaveLength(1);
    vi.advanceTimersByTime(restartDelayMs(1));
    expect(engines).toHaveLength(2);

    const waiting = supervisor.invoke('jobs.list', {});
    last().ready();
    expect(statuses()).toEqual(['up', 'restarting', 'restarted']);
    const [request] = last().invokes();
    last().reply(request!.id, { ok: true, value: { jobs: [] } });
    expect(await waiting).toEqual({ ok: true, value: { jobs: [] } });
  });

  it('keeps queued requests (never sent to the dead engine) for the next one', async () => {
    const { supervisor, last } = setup();
    supervisor.start();
    const queued = supervisor.invoke('jobs.list', {});
    last().exit(1);
    vi.advanceTimersByTime(restartDelayMs(1));
    last().ready();
    const [request] = last().invokes();
    expect(request?.channel).toBe('jobs.list');
    last().reply(request!.id, { ok: true, value: 'from the new engine' });
    expect(await queued).toEqual({ ok: true, value: 'from the new engine' });
  });

  it('reopens the workspace that was open, not the one it started with', () => {
    const { supervisor, last } = setup();
    supervisor.start();
    last().ready('/w');
    last().post({ type: 'event', name: 'workspace.changed', payload: { path: '/shops/b', reason: 'opened' } });
    last().post({ type: 'event', name: 'workspace.changed', payload: { path: '/ignored', reason: 'data' } });
    last().exit(1);
    vi.advanceTimersByTime(restartDelayMs(1));
    expect(last().args).toEqual(['--workspace', '/shops/b', '--home', '/home']);
  });

  it('waits longer after each crash', () => {
    expect([1, 2, 3, 4, 5, 6].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    const { supervisor, engines, last } = setup();
    supervisor.start();
    last().exit(1);
    vi.advanceTimersByTime(500);
    expect(engines).toHaveLength(2);
    last().exit(1);
    vi.advanceTimersByTime(999);
    expect(engines).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(engines).toHaveLength(3);
  });

  it("gives up after 5 crashes within 60 seconds: 'down' with a clear message, no more restarts", async () => {
    const { supervisor, engines, last, statuses, events, onDown } = setup();
    supervisor.start();
    for (let crash = 1; crash <= 5; crash += 1) {
      last().exit(1);
      vi.advanceTimersByTime(restartDelayMs(crash));
    }
    expect(engines).toHaveLength(5);
    expect(supervisor.state()).toBe('down');
    expect(statuses()).toEqual(['restarting', 'restarting', 'restarting', 'restarting', 'down']);
    const down = events.at(-1)![1] as { message: string };
    expect(down.message).toMatch(/stopped 5 times within 60 seconds/);
    expect(onDown).toHaveBeenCalledWith(down.message);

    vi.advanceTimersByTime(120_000);
    expect(engines).toHaveLength(5);
    expect(await supervisor.invoke('jobs.list', {})).toMatchObject({ ok: false, error: { code: 'engine-unavailable', message: down.message } });
  });

  it('fails requests still waiting when it gives up, instead of leaving them to time out', async () => {
    const { supervisor, last } = setup({ maxCrashes: 2 });
    supervisor.start();
    const waiting = supervisor.invoke('jobs.list', {});
    last().exit(1);
    vi.advanceTimersByTime(restartDelayMs(1));
    last().exit(1);
    expect(await peek(waiting)).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
  });

  it('keeps restarting when crashes are spread out over more than a minute', () => {
    const { supervisor, engines, last } = setup();
    supervisor.start();
    for (let crash = 0; crash < 8; crash += 1) {
      last().ready();
      vi.advanceTimersByTime(20_000);
      last().exit(1);
      vi.advanceTimersByTime(8_000);
    }
    expect(supervisor.state()).not.toBe('down');
    expect(engines).toHaveLength(9);
  });

  it('can be started again after giving up', () => {
    const { supervisor, engines, last } = setup({ maxCrashes: 1 });
    supervisor.start();
    last().exit(1);
    expect(supervisor.state()).toBe('down');
    supervisor.start();
    expect(engines).toHaveLength(2);
    last().ready();
    expect(supervisor.state()).toBe('up');
  });
});

describe('start-failed', () => {
  const tooNew = { code: 'workspace-too-new' as const, message: 'This workspace was saved by a newer version of Localyst.' };

  it('shows the refusal to the user, fails waiting requests with it, and does not restart', async () => {
    const { supervisor, engines, last, statuses, onStartFailed } = setup();
    supervisor.start();
    const waiting = supervisor.invoke('workspace.current', {});
    last().post({ type: 'start-failed', error: tooNew });
    last().exit(1);
    vi.advanceTimersByTime(60_000);

    expect(onStartFailed).toHaveBeenCalledExactlyOnceWith(tooNew);
    expect(await waiting).toEqual({ ok: false, error: tooNew });
    expect(engines).toHaveLength(1);
    expect(supervisor.state()).toBe('failed');
    expect(statuses()).toEqual(['down']);
    expect(await supervisor.invoke('jobs.list', {})).toMatchObject({ ok: false, error: { code: 'engine-unavailable', message: tooNew.message } });
  });

  it('starts on another workspace when asked', () => {
    const { supervisor, engines, last } = setup();
    supervisor.start();
    last().post({ type: 'start-failed', error: tooNew });
    last().exit(1);
    supervisor.start('/other');
    expect(engines).toHaveLength(2);
    expect(last().args).toEqual(['--workspace', '/other', '--home', '/home']);
    last().ready('/other');
    expect(supervisor.workspace()).toBe('/other');
  });
});

describe('events', () => {
  it('relays the engine’s events to listeners until they unsubscribe', () => {
    const { supervisor, last } = setup();
    const seen: Array<[string, unknown]> = [];
    const stop = supervisor.onEvent((name, payload) => seen.push([name, payload]));
    supervisor.start();
    last().post({ type: 'event', name: 'job.progress', payload: { jobId: 'j', fraction: 0.5 } });
    stop();
    last().post({ type: 'event', name: 'job.done', payload: { jobId: 'j' } });
    expect(seen).toEqual([['job.progress', { jobId: 'j', fraction: 0.5 }]]);
  });
});

describe('stop', () => {
  it('asks the engine to shut down, resolves when it exits, and does not restart it', async () => {
    const { supervisor, engines, last } = setup();
    supervisor.start();
    last().ready();
    const pending = supervisor.invoke('jobs.list', {});
    const stopped = supervisor.stop();
    expect(last().sent.at(-1)).toEqual({ type: 'shutdown' });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
    last().exit(0);
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect(engines).toHaveLength(1);
    expect(last().killed).toBe(false);
    expect(supervisor.state()).toBe('stopped');
    expect(await supervisor.invoke('jobs.list', {})).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
  });

  it('kills an engine that does not exit within the grace period', async () => {
    const { supervisor, last } = setup({ shutdownGraceMs: 2_000 });
    supervisor.start();
    last().ready();
    const stopped = supervisor.stop();
    vi.advanceTimersByTime(1_999);
    expect(last().killed).toBe(false);
    vi.advanceTimersByTime(1);
    await stopped;
    expect(last().killed).toBe(true);
  });

  it('cancels a pending restart', async () => {
    const { supervisor, engines, last } = setup();
    supervisor.start();
    last().exit(1);
    await supervisor.stop();
    vi.advanceTimersByTime(60_000);
    expect(engines).toHaveLength(1);
  });
});
