import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { AppOrigin } from '../../../src/main/app-urls';
import {
  claimSingleInstance,
  createLinkOffer,
  focusWindow,
  hardenSession,
  hardenWebContents,
  type HardenableContents,
  type HardenableSession,
} from '../../../src/main/security';

const rendererDir = path.resolve('/opt/localyst/out/renderer');
const origin: AppOrigin = { rendererDir, rendererIndex: path.join(rendererDir, 'index.html'), devServer: null };
const appPage = pathToFileURL(origin.rendererIndex).href;

type Handler = (...args: never[]) => unknown;

/** A session that records the handlers Localyst installs, so the test can call them like Electron would. */
function fakeSession() {
  const handlers: Record<string, Handler> = {};
  const session = {
    setPermissionRequestHandler: (handler: Handler) => (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (handlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Handler) => (handlers.devicePermission = handler),
    webRequest: {
      onBeforeRequest: (handler: Handler) => (handlers.beforeRequest = handler),
      onHeadersReceived: (handler: Handler) => (handlers.headersReceived = handler),
    },
  };
  return { session: session as unknown as HardenableSession, handlers };
}

function requestVerdict(handlers: Record<string, Handler>, url: string): boolean {
  let cancelled: boolean | undefined;
  const call = handlers.beforeRequest as unknown as (details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void;
  call({ url }, (response) => (cancelled = response.cancel));
  if (cancelled === undefined) throw new Error('the request handler did not answer');
  return !cancelled;
}

describe('hardenSession', () => {
  it('refuses every permission request and check', () => {
    const { session, handlers } = fakeSession();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    hardenSession(session, origin);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      (handlers.permissionRequest as unknown as (c: unknown, p: string, cb: (granted: boolean) => void) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect((handlers.permissionCheck as unknown as (c: unknown, p: string) => boolean)(null, permission)).toBe(false);
    }
    expect((handlers.devicePermission as unknown as () => boolean)()).toBe(false);
  });

  it("cancels requests that are not the app's own and lets its files through", () => {
    const { session, handlers } = fakeSession();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    hardenSession(session, origin);
    expect(requestVerdict(handlers, appPage)).toBe(true);
    expect(requestVerdict(handlers, pathToFileURL(path.join(rendererDir, 'assets', 'app.js')).href)).toBe(true);
    expect(requestVerdict(handlers, 'https://tracker.example/pixel.gif')).toBe(false);
    expect(requestVerdict(handlers, 'http://127.0.0.1:9000/')).toBe(false);
    expect(requestVerdict(handlers, pathToFileURL(path.resolve('/home/user/.ssh/id_rsa')).href)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('puts a strict Content-Security-Policy on every response', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session, origin);
    let headers: Record<string, string[]> | undefined;
    (handlers.headersReceived as unknown as (d: unknown, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void)(
      { url: appPage, responseHeaders: { 'Content-Security-Policy': ["default-src * 'unsafe-eval'"] } },
      (response) => (headers = response.responseHeaders),
    );
    const policy = headers?.['Content-Security-Policy']?.[0] ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
    expect(Object.keys(headers ?? {}).filter((name) => name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });
});

/** WebContents stand-in: real EventEmitter semantics plus setWindowOpenHandler. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Emits an Electron-style event object and reports whether a listener prevented it. */
  fire(name: string, url: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => (prevented = true) };
    this.emit(name, event, url);
    return prevented;
  }
}

function hardened() {
  const contents = new FakeContents();
  const offered: string[] = [];
  hardenWebContents(contents as unknown as HardenableContents, origin, (url) => offered.push(url));
  return { contents, offered };
}

describe('hardenWebContents', () => {
  it('denies every new window, and only offers web links to the user', () => {
    const { contents, offered } = hardened();
    for (const url of ['https://example.com/help', 'http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', appPage, 'about:blank']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(offered).toEqual(['https://example.com/help', 'http://example.com']);
  });

  it("prevents navigation to anything but the app's page", () => {
    const { contents, offered } = hardened();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', pathToFileURL(path.join(rendererDir, 'other.html')).href)).toBe(true);
    expect(contents.fire('will-navigate', `${appPage}#/segments`)).toBe(false);
    expect(offered).toEqual(['https://evil.example/']);
  });

  it('prevents redirects away from the app', () => {
    const { contents, offered } = hardened();
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', appPage)).toBe(false);
    expect(offered).toEqual([]);
  });

  it('prevents attaching a <webview>', () => {
    const { contents } = hardened();
    expect(contents.fire('will-attach-webview', 'https://example.com')).toBe(true);
  });
});

describe('createLinkOffer', () => {
  it('opens a web link only after the user says yes', async () => {
    const open = vi.fn(async () => {});
    const answers = [false, true];
    const offer = createLinkOffer({ ask: async () => answers.shift() ?? false, open });
    offer('https://example.com/a');
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(open).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    offer('https://example.com/b');
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('https://example.com/b'));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('never asks about non-web addresses, and asks one question at a time', async () => {
    let release: (yes: boolean) => void = () => {};
    const ask = vi.fn(() => new Promise<boolean>((resolve) => (release = resolve)));
    const open = vi.fn(async () => {});
    const offer = createLinkOffer({ ask, open });
    offer('file:///etc/passwd');
    offer('javascript:alert(1)');
    expect(ask).not.toHaveBeenCalled();
    offer('https://example.com/1');
    offer('https://example.com/2');
    expect(ask).toHaveBeenCalledTimes(1);
    release(true);
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('https://example.com/1'));
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('claimSingleInstance', () => {
  const fakeApp = (gotLock: boolean) => {
    const events = new EventEmitter();
    return {
      app: {
        requestSingleInstanceLock: vi.fn(() => gotLock),
        quit: vi.fn(),
        on: (name: string, listener: (...args: unknown[]) => void) => events.on(name, listener),
      },
      events,
    };
  };

  it('a second instance quits at once and never focuses or registers anything', () => {
    const { app, events } = fakeApp(false);
    const focus = vi.fn();
    expect(claimSingleInstance(app as never, focus)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(events.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance keeps running and comes to the front when another one starts', () => {
    const { app, events } = fakeApp(true);
    const focus = vi.fn();
    expect(claimSingleInstance(app as never, focus)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(focus).not.toHaveBeenCalled();
    events.emit('second-instance', {}, ['localyst', '--workspace', '/other'], '/');
    expect(focus).toHaveBeenCalledTimes(1);
  });
});

describe('focusWindow', () => {
  it('restores a minimised window, then shows and focuses it', () => {
    const calls: string[] = [];
    const window = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    focusWindow(window);
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing without a live window', () => {
    expect(() => focusWindow(null)).not.toThrow();
    const focus = vi.fn();
    focusWindow({ isDestroyed: () => true, isMinimized: () => false, restore: vi.fn(), show: vi.fn(), focus });
    expect(focus).not.toHaveBeenCalled();
  });
});
