import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { stopEngineBeforeQuit } from '../../../src/main/lifecycle';

function fakeApp() {
  const events = new EventEmitter();
  const app = { on: (name: string, listener: (...args: unknown[]) => void) => events.on(name, listener), quit: vi.fn() };
  const beforeQuit = (): boolean => {
    let prevented = false;
    events.emit('before-quit', { preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { app, beforeQuit };
}

describe('stopEngineBeforeQuit', () => {
  it('holds the quit until the engine has stopped, then quits for real', async () => {
    const { app, beforeQuit } = fakeApp();
    let finish: () => void = () => {};
    const stop = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    stopEngineBeforeQuit(app as never, stop);

    expect(beforeQuit()).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(beforeQuit()).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(beforeQuit()).toBe(false);
  });

  it('still quits when the engine does not stop cleanly', async () => {
    const { app, beforeQuit } = fakeApp();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    stopEngineBeforeQuit(app as never, async () => {
      throw new Error('stuck');
    });
    beforeQuit();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });
});
