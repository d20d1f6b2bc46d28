import { describe, expect, it, vi } from 'vitest';
import { createBridge, type BridgeIpc } from '../../../src/preload/bridge';
import { IPC_CHOOSE_FILE, IPC_EVENT, IPC_INVOKE } from '../../../src/shared/ipc-names';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for ipcRenderer that records what the bridge does with it. */
function fakeIpc(reply: unknown = { ok: true, value: 'pong' }) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (..._args: unknown[]) => reply),
    on: vi.fn((channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const rawEvent = { sender: 'ipcRenderer-internals', ports: [] };
  const push = (name: unknown, payload: unknown): void => {
    for (const listener of [...(listeners.get(IPC_EVENT) ?? [])]) listener(rawEvent, name, payload);
  };
  const count = (): number => listeners.get(IPC_EVENT)?.size ?? 0;
  return { ipc: ipc satisfies BridgeIpc, push, count, rawEvent };
}

describe('bridge.invoke', () => {
  it('refuses a channel outside the contract without sending anything', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const name of ['fs.readFile', '__proto__', 'constructor', 'toString', '']) {
      const envelope = await bridge.invoke(name, {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('sends a contract channel over localyst:invoke and returns the envelope main answered', async () => {
    const { ipc } = fakeIpc({ ok: true, value: { jobs: [] } });
    const bridge = createBridge(ipc);
    const envelope = await bridge.invoke('jobs.list', {});
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'jobs.list', {});
    expect(envelope).toEqual({ ok: true, value: { jobs: [] } });
  });

  it('turns a transport failure into an envelope instead of a rejection', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const envelope = await createBridge(ipc).invoke('jobs.list', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
  });
});

describe('bridge.on', () => {
  it('delivers only the payload of the named event, never the IPC event object', () => {
    const { ipc, push, rawEvent } = fakeIpc();
    const received: unknown[][] = [];
    createBridge(ipc).on('job.progress', (...args: unknown[]) => received.push(args));
    push('job.progress', { jobId: 'a', fraction: 0.5 });
    push('job.done', { jobId: 'a' });
    expect(received).toEqual([[{ jobId: 'a', fraction: 0.5 }]]);
    expect(received.flat()).not.toContain(rawEvent);
  });

  it('does not subscribe to names outside the contract', () => {
    const { ipc, push, count } = fakeIpc();
    const listener = vi.fn();
    const unsubscribe = createBridge(ipc).on('ipc-internal', listener);
    push('ipc-internal', 'secret');
    expect(listener).not.toHaveBeenCalled();
    expect(count()).toBe(0);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
  });

  it('returns an unsubscribe that stops delivery and detaches the IPC listener when nobody listens', () => {
    const { ipc, push, count } = fakeIpc();
    const bridge = createBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.on('engine.status', first);
    const offSecond = bridge.on('workspace.changed', second);
    expect(count()).toBe(1);

    offFirst();
    push('engine.status', { state: 'up', message: '' });
    expect(first).not.toHaveBeenCalled();
    expect(count()).toBe(1);

    offSecond();
    offSecond();
    expect(count()).toBe(0);
    push('workspace.changed', { path: '/w', reason: 'opened' });
    expect(second).not.toHaveBeenCalled();
  });

  it('keeps other listeners running when one throws', () => {
    const { ipc, push } = fakeIpc();
    const bridge = createBridge(ipc);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    bridge.on('job.done', () => {
      throw new Error('component bug');
    });
    bridge.on('job.done', after);
    push('job.done', { jobId: 'j' });
    expect(after).toHaveBeenCalledWith({ jobId: 'j' });
    errors.mockRestore();
  });
});

describe('bridge.chooseFile', () => {
  it("asks main for a dialog by purpose only, and refuses a purpose main does not know without sending it", async () => {
    const { ipc } = fakeIpc({ ok: true, value: { handle: 'fh_BBBBBBBBBBBBBBBBBBBBBB', name: 'orders.csv' } });
    const bridge = createBridge(ipc);
    expect(await bridge.chooseFile('import')).toEqual({ ok: true, value: { handle: 'fh_BBBBBBBBBBBBBBBBBBBBBB', name: 'orders.csv' } });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHOOSE_FILE, 'import', undefined);
    expect(await bridge.chooseFile('/etc/passwd')).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });
});
