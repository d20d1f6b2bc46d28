import { describe, expect, it, vi } from 'vitest';
import { handleInvoke, registerIpc, relayEngineEvents, senderProblem, type AppWindow, type IpcDeps } from '../../../src/main/ipc';
import type { EngineEventListener } from '../../../src/main/engine-supervisor';
import { IPC_EVENT, IPC_INVOKE } from '../../../src/shared/wire';

const APP_PAGE = 'file:///app/out/renderer/index.html';
const isAppPage = (url: string): boolean => url.split('#')[0] === APP_PAGE;

type Frame = { url: string; parent: Frame | null; processId: number; routingId: number };

function scene() {
  const mainFrame: Frame = { url: `${APP_PAGE}#/dashboard`, parent: null, processId: 4, routingId: 1 };
  const subFrame: Frame = { url: APP_PAGE, parent: mainFrame, processId: 4, routingId: 2 };
  const sent: unknown[][] = [];
  const webContents = { mainFrame, send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false };
  let destroyed = false;
  const window = { isDestroyed: () => destroyed, webContents } as unknown as AppWindow;
  const listeners = new Set<EngineEventListener>();
  const engine = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true as const, value: { channel, input } })),
    onEvent: (listener: EngineEventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const deps: IpcDeps = { ipcMain: { handle: vi.fn(), removeHandler: vi.fn() }, engine, window: () => window, isAppPage, log: () => {} };
  const fromApp = { sender: webContents, senderFrame: mainFrame } as never;
  const push = (name: string, payload: unknown): void => listeners.forEach((listener) => listener(name, payload));
  return { deps, engine, window, webContents, mainFrame, subFrame, fromApp, sent, push, destroy: () => (destroyed = true), listeners };
}

describe('handleInvoke', () => {
  it('relays a contract request from our page to the engine and returns its envelope', async () => {
    const { deps, engine, fromApp } = scene();
    const envelope = await handleInvoke(deps, fromApp, 'jobs.get', { jobId: 'j1' });
    expect(engine.invoke).toHaveBeenCalledWith('jobs.get', { jobId: 'j1' });
    expect(envelope).toEqual({ ok: true, value: { channel: 'jobs.get', input: { jobId: 'j1' } } });
  });

  it('refuses a subframe, even one showing our page', async () => {
    const { deps, engine, webContents, subFrame } = scene();
    const envelope = await handleInvoke(deps, { sender: webContents, senderFrame: subFrame } as never, 'jobs.list', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('accepts a new wrapper object for the same main frame, but not a parentless frame with other ids', async () => {
    const { deps, engine, webContents, mainFrame } = scene();
    const sameFrame = { ...mainFrame };
    expect(await handleInvoke(deps, { sender: webContents, senderFrame: sameFrame } as never, 'jobs.list', {})).toMatchObject({ ok: true });
    const otherTree = { ...mainFrame, routingId: 7 };
    expect(await handleInvoke(deps, { sender: webContents, senderFrame: otherTree } as never, 'jobs.list', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    const nested = { ...mainFrame, parent: mainFrame };
    expect(await handleInvoke(deps, { sender: webContents, senderFrame: nested } as never, 'jobs.list', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(engine.invoke).toHaveBeenCalledTimes(1);
  });

  it('refuses our main frame once it shows a foreign page', async () => {
    const { deps, engine, webContents, mainFrame } = scene();
    mainFrame.url = 'https://evil.example/';
    const envelope = await handleInvoke(deps, { sender: webContents, senderFrame: mainFrame } as never, 'jobs.list', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('refuses another window, a vanished frame, and any request when our window is gone', async () => {
    const { deps, engine, webContents, mainFrame, destroy } = scene();
    const otherContents = { mainFrame: { url: APP_PAGE, parent: null, processId: 9, routingId: 1 }, send: () => {}, isDestroyed: () => false };
    const cases = [
      { sender: otherContents, senderFrame: otherContents.mainFrame },
      { sender: webContents, senderFrame: null },
    ];
    for (const event of cases) {
      expect(await handleInvoke(deps, event as never, 'jobs.list', {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
    destroy();
    expect(await handleInvoke(deps, { sender: webContents, senderFrame: mainFrame } as never, 'jobs.list', {})).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('answers unknown-channel for names outside the contract without reaching the engine', async () => {
    const { deps, engine, fromApp } = scene();
    for (const channel of ['fs.read', '__proto__', 'hasOwnProperty', 12, null]) {
      expect(await handleInvoke(deps, fromApp, channel, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it("answers bad-input for input the channel's schema rejects, naming the field", async () => {
    const { deps, engine, fromApp } = scene();
    const envelope = await handleInvoke(deps, fromApp, 'demo.generate', { customers: -5, seed: 1 });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'bad-input', details: { issues: [{ field: 'customers' }] } } });
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('turns an exception inside main into an internal envelope instead of a thrown error', async () => {
    const { deps, engine, fromApp } = scene();
    engine.invoke.mockRejectedValueOnce(new Error('boom'));
    expect(await handleInvoke(deps, fromApp, 'jobs.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('senderProblem', () => {
  it('is null only for the main frame of our window on our page', () => {
    const { window, webContents, mainFrame, subFrame } = scene();
    expect(senderProblem({ sender: webContents, senderFrame: mainFrame } as never, window, isAppPage)).toBeNull();
    expect(senderProblem({ sender: webContents, senderFrame: subFrame } as never, window, isAppPage)).toMatch(/embedded frame/);
    expect(senderProblem({ sender: webContents, senderFrame: mainFrame } as never, null, isAppPage)).toMatch(/no Localyst window/);
  });
});

describe('registerIpc', () => {
  it('registers one handler on localyst:invoke that checks and relays, and removes it again', async () => {
    const { deps, engine, fromApp } = scene();
    const dispose = registerIpc(deps);
    expect(deps.ipcMain.handle).toHaveBeenCalledTimes(1);
    const [name, handler] = vi.mocked(deps.ipcMain.handle).mock.calls[0]!;
    expect(name).toBe(IPC_INVOKE);
    expect(await handler(fromApp, 'app.info', {})).toMatchObject({ ok: true });
    expect(await handler(fromApp, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(engine.invoke).toHaveBeenCalledTimes(1);
    dispose();
    expect(deps.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
  });
});

describe('relayEngineEvents', () => {
  it('forwards contract events to the window as (name, payload) on localyst:event', () => {
    const { deps, window, sent, push } = scene();
    relayEngineEvents(deps.engine, () => window);
    push('job.progress', { jobId: 'j', fraction: 0.25 });
    push('engine.status', { state: 'restarting', message: 'Restarting' });
    expect(sent).toEqual([
      [IPC_EVENT, 'job.progress', { jobId: 'j', fraction: 0.25 }],
      [IPC_EVENT, 'engine.status', { state: 'restarting', message: 'Restarting' }],
    ]);
  });

  it('drops names outside the contract and events when there is no live window', () => {
    const { deps, window, sent, push, destroy } = scene();
    relayEngineEvents(deps.engine, () => window);
    push('debug.secret', { token: 'x' });
    push('__proto__', {});
    expect(sent).toEqual([]);
    destroy();
    push('job.done', { jobId: 'j' });
    expect(sent).toEqual([]);
    const { deps: other, push: pushOther } = scene();
    relayEngineEvents(other.engine, () => null);
    expect(() => pushOther('job.done', {})).not.toThrow();
  });

  it('stops relaying when unsubscribed', () => {
    const { deps, window, sent, push } = scene();
    const stop = relayEngineEvents(deps.engine, () => window);
    stop();
    push('job.done', { jobId: 'j' });
    expect(sent).toEqual([]);
  });
});
