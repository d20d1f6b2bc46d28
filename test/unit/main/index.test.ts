import { EventEmitter } from 'node:events';
import type * as NodeFs from 'node:fs';
import type { PathLike } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The wiring of src/main/index.ts against a mocked Electron: what happens before ready, in which order the app is
 * assembled, and that a request from the window really travels to the engine process and back.
 */
const electron = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    gotLock: true,
    appEvents: null as unknown as EventEmitter,
    resolveReady: (): void => {},
    windows: [] as Array<Record<string, unknown>>,
    children: [] as Array<Record<string, unknown>>,
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    sessionHandlers: {} as Record<string, unknown>,
    messageBoxes: [] as unknown[],
    menuTemplate: null as unknown,
    paths: {} as Record<string, string>,
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { state } = electron;

  class BrowserWindow extends Emitter {
    destroyed = false;
    webContents: EventEmitter & Record<string, unknown>;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.calls.push('new BrowserWindow');
      const webContents = new Emitter() as EventEmitter & Record<string, unknown>;
      webContents.sent = [] as unknown[];
      webContents.send = (...args: unknown[]) => (webContents.sent as unknown[]).push(args);
      webContents.isDestroyed = () => false;
      webContents.mainFrame = { url: '', parent: null, processId: 4, routingId: 1 };
      this.webContents = webContents;
      state.windows.push(this as unknown as Record<string, unknown>);
    }
    loadFile(file: string) {
      state.calls.push(`loadFile ${file}`);
      (this.webContents.mainFrame as { url: string }).url = pathToFileUrl(file);
      return Promise.resolve();
    }
    loadURL(url: string) {
      state.calls.push(`loadURL ${url}`);
      return Promise.resolve();
    }
    show() {
      state.calls.push('show');
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      state.calls.push('focus');
    }
  }
  const { pathToFileURL: toUrl } = await import('node:url');
  const pathToFileUrl = (file: string): string => toUrl(file).href;

  return {
    app: {
      isPackaged: true,
      getPath: (name: string) => state.paths[name] ?? `/fake/${name}`,
      setPath: (name: string, value: string) => {
        state.calls.push(`setPath ${name}`);
        state.paths[name] = value;
      },
      enableSandbox: () => state.calls.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        state.calls.push('requestSingleInstanceLock');
        return state.gotLock;
      },
      quit: () => state.calls.push('quit'),
      on: (name: string, listener: (...args: unknown[]) => void) => state.appEvents.on(name, listener),
      // A new promise per launch: each test runs a fresh copy of index.ts.
      whenReady: () => {
        state.calls.push('whenReady');
        return new Promise<void>((resolve) => (state.resolveReady = resolve));
      },
      getVersion: () => '0.1.0',
      getAppPath: () => '/fake/app',
    },
    BrowserWindow,
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        state.messageBoxes.push(args.at(-1));
        return { response: 1 };
      },
      showErrorBox: (title: string) => state.calls.push(`showErrorBox ${title}`),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => {
        state.calls.push(`ipcMain.handle ${channel}`);
        state.handlers.set(channel, handler);
      },
      removeHandler: () => {},
    },
    Menu: {
      buildFromTemplate: (template: unknown) => (state.menuTemplate = template),
      setApplicationMenu: () => state.calls.push('setApplicationMenu'),
    },
    nativeTheme: { shouldUseDarkColors: false },
    // A stand-in OS key store: "encryption" that is visibly not the plain text.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
      decryptString: (data: Buffer) => Buffer.from(data.toString().slice('sealed:'.length), 'hex').toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => {
          state.calls.push('harden session');
          state.sessionHandlers.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: unknown) => (state.sessionHandlers.permissionCheck = handler),
        setDevicePermissionHandler: (handler: unknown) => (state.sessionHandlers.device = handler),
        webRequest: {
          onBeforeRequest: (handler: unknown) => (state.sessionHandlers.beforeRequest = handler),
          onHeadersReceived: (handler: unknown) => (state.sessionHandlers.headers = handler),
        },
      },
    },
    shell: { openExternal: async () => {} },
    utilityProcess: {
      fork: (modulePath: string, args: string[], options: unknown) => {
        state.calls.push('utilityProcess.fork');
        const child = Object.assign(new Emitter(), {
          modulePath,
          args,
          options,
          posted: [] as unknown[],
          postMessage: (message: unknown) => child.posted.push(message),
          kill: () => true,
          stdout: null,
          stderr: null,
        });
        state.children.push(child as unknown as Record<string, unknown>);
        return child;
      },
    },
  };
});

// The engine bundle is built by another script; here it only has to "exist".
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeFs>();
  const existsSync = (file: PathLike): boolean => String(file).endsWith('engine-process.js') || actual.existsSync(file);
  return { ...actual, existsSync, default: { ...actual, existsSync } };
});

const { state } = electron;
const srcMain = path.resolve(__dirname, '../../../src/main');
const rendererIndex = path.resolve(srcMain, '..', 'renderer', 'index.html');

type Child = EventEmitter & { modulePath: string; args: string[]; options: unknown; posted: Array<Record<string, unknown>> };
type Win = EventEmitter & { options: { webPreferences: Record<string, unknown> }; webContents: EventEmitter & { mainFrame: { url: string; parent: null }; sent: unknown[][] } };

async function launch(): Promise<void> {
  await import('../../../src/main/index');
}

async function launchReady(): Promise<{ window: Win; child: Child }> {
  await launch();
  state.resolveReady();
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
  return { window: state.windows[0] as unknown as Win, child: state.children[0] as unknown as Child };
}

const saved = { workspace: process.env.LOCALYST_WORKSPACE, home: process.env.LOCALYST_HOME };
beforeEach(() => {
  // A fresh main process per test: index.ts keeps its window and engine in module state.
  vi.resetModules();
  Object.assign(state, { appEvents: new EventEmitter(), resolveReady: () => {}, calls: [], gotLock: true, windows: [], children: [], handlers: new Map(), sessionHandlers: {}, messageBoxes: [], menuTemplate: null, paths: {} });
  process.env.LOCALYST_WORKSPACE = '/data/shop';
  process.env.LOCALYST_HOME = '/data/home';
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  process.env.LOCALYST_WORKSPACE = saved.workspace;
  process.env.LOCALYST_HOME = saved.home;
  if (saved.workspace === undefined) delete process.env.LOCALYST_WORKSPACE;
  if (saved.home === undefined) delete process.env.LOCALYST_HOME;
});

describe('main process wiring', () => {
  it('before ready: a shared userData folder, the sandbox for every renderer, and the single-instance lock', async () => {
    await launch();
    expect(state.calls.slice(0, 4)).toEqual(['setPath userData', 'enableSandbox', 'requestSingleInstanceLock', 'whenReady']);
    expect(state.paths.userData).toBe(path.join('/fake/appData', 'Localyst'));
    expect(state.windows).toHaveLength(0);
  });

  it('assembles the app in order: session locked down, engine started, IPC registered, then the window', async () => {
    const { window, child } = await launchReady();
    const order = (call: string): number => state.calls.findIndex((entry) => entry.startsWith(call));
    expect(order('harden session')).toBeGreaterThan(order('whenReady'));
    expect(order('harden session')).toBeLessThan(order('utilityProcess.fork'));
    expect(order('ipcMain.handle localyst:invoke')).toBeLessThan(order('new BrowserWindow'));
    expect(order('utilityProcess.fork')).toBeLessThan(order('new BrowserWindow'));
    expect(order('loadFile')).toBeGreaterThan(order('new BrowserWindow'));
    expect(state.calls).toContain(`loadFile ${rendererIndex}`);

    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);

    expect(child.modulePath).toMatch(/node[\\/]engine-process\.js$/);
    expect(child.options).toEqual({ serviceName: 'Localyst engine', stdio: 'pipe' });
    expect(child.args).toEqual(['--workspace', path.resolve('/data/shop'), '--home', path.resolve('/data/home'), '--key-store', 'os', '--app-version', '0.1.0']);
  });

  it('shows the window only when it is ready to show', async () => {
    const { window } = await launchReady();
    expect(state.calls).not.toContain('show');
    window.emit('ready-to-show');
    expect(state.calls).toContain('show');
  });

  it('carries a request from the window to the engine process and the answer back, and events the other way', async () => {
    const { window, child } = await launchReady();
    const handler = state.handlers.get('localyst:invoke')!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const answer = handler(event, 'jobs.list', {}) as Promise<unknown>;
    child.emit('message', { type: 'ready', workspace: '/data/shop' });
    await vi.waitFor(() => expect(child.posted.some((message) => message.type === 'invoke')).toBe(true));
    const request = child.posted.find((message) => message.type === 'invoke')!;
    expect(request).toMatchObject({ channel: 'jobs.list', input: {} });
    child.emit('message', { type: 'reply', id: request.id, envelope: { ok: true, value: { jobs: [] } } });
    expect(await answer).toEqual({ ok: true, value: { jobs: [] } });

    child.emit('message', { type: 'event', name: 'job.done', payload: { jobId: 'j' } });
    child.emit('message', { type: 'event', name: 'not.in.contract', payload: {} });
    expect(window.webContents.sent).toContainEqual(['localyst:event', 'job.done', { jobId: 'j' }]);
    expect(window.webContents.sent.some((args) => args[1] === 'not.in.contract')).toBe(false);
  });

  it('keeps the engine\'s pseudonymisation keys in the OS key store: saved sealed, loaded back, never in the workspace', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-home-'));
    process.env.LOCALYST_HOME = home;
    try {
      const { child } = await launchReady();
      expect(child.args.slice(child.args.indexOf('--key-store'), child.args.indexOf('--key-store') + 2)).toEqual(['--key-store', 'os']);
      const workspaceId = '0838659a-2dee-4da3-bdf4-ee0f75bf68cb';
      const key = Buffer.alloc(32, 7).toString('base64');
      child.emit('message', { type: 'key-request', op: 'save', id: 1, workspaceId, key });
      await vi.waitFor(() => expect(child.posted).toContainEqual({ type: 'key-reply', id: 1, key: null }));
      const sealed = path.join(home, 'keys', `${workspaceId}.key.safe`);
      expect(fs.readFileSync(sealed, 'utf8')).toMatch(/^sealed:/);
      expect(fs.readFileSync(sealed, 'utf8')).not.toContain(key);
      expect(fs.statSync(sealed).mode & 0o777).toBe(0o600);
      child.emit('message', { type: 'key-request', op: 'load', id: 2, workspaceId });
      await vi.waitFor(() => expect(child.posted).toContainEqual({ type: 'key-reply', id: 2, key }));
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses a request from a subframe before it reaches the engine', async () => {
    const { window, child } = await launchReady();
    child.emit('message', { type: 'ready', workspace: '/data/shop' });
    const handler = state.handlers.get('localyst:invoke')!;
    const subframe = { url: pathToFileURL(rendererIndex).href, parent: window.webContents.mainFrame, processId: 4, routingId: 2 };
    expect(await handler({ sender: window.webContents, senderFrame: subframe }, 'jobs.list', {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(child.posted.filter((message) => message.type === 'invoke')).toEqual([]);
  });

  it('hardens every new web contents: a <webview> cannot be attached, new windows are denied', async () => {
    await launchReady();
    const contents = Object.assign(new EventEmitter(), {
      openHandler: null as null | ((details: { url: string }) => unknown),
      setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
        this.openHandler = handler;
      },
    });
    state.appEvents.emit('web-contents-created', {}, contents);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
  });

  it('denies permissions on the default session', async () => {
    await launchReady();
    const callback = vi.fn();
    (state.sessionHandlers.permissionRequest as (c: unknown, p: string, cb: (granted: boolean) => void) => void)({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('has no DevTools or reload in the menu of the packaged app', async () => {
    await launchReady();
    expect(JSON.stringify(state.menuTemplate)).not.toMatch(/toggleDevTools|"reload"|forceReload/);
  });

  it('closing a window before the main one exists (the set-up notice) does not quit; closing the main window does', async () => {
    await launch();
    state.appEvents.emit('window-all-closed');
    expect(state.calls).not.toContain('quit');
    state.resolveReady();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    state.appEvents.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(state.calls).toContain('quit');
  });

  it('a second launch brings the window to the front', async () => {
    await launchReady();
    state.appEvents.emit('second-instance', {}, [], '/');
    expect(state.calls).toContain('focus');
  });

  it('quitting sends the engine a shutdown and quits once it has exited', async () => {
    const { child } = await launchReady();
    child.emit('message', { type: 'ready', workspace: '/data/shop' });
    let prevented = false;
    state.appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(child.posted.at(-1)).toEqual({ type: 'shutdown' });
    expect(state.calls).not.toContain('quit');
    child.emit('exit', 0);
    await vi.waitFor(() => expect(state.calls).toContain('quit'));
  });

  it('a workspace the engine refuses is explained in a dialog, and the engine is not restarted', async () => {
    const { child } = await launchReady();
    child.emit('message', { type: 'start-failed', error: { code: 'workspace-too-new', message: 'Saved by a newer Localyst.' } });
    child.emit('exit', 1);
    await vi.waitFor(() => expect(state.messageBoxes).toHaveLength(1));
    expect(state.messageBoxes[0]).toMatchObject({ message: 'Localyst could not open this workspace' });
    expect(String((state.messageBoxes[0] as { detail: string }).detail)).toContain('Saved by a newer Localyst.');
    expect(state.children).toHaveLength(1);
  });
});

describe('a second instance', () => {
  it('quits before ready and never opens a window or starts an engine', async () => {
    state.gotLock = false;
    await launch();
    expect(state.calls).toEqual(['setPath userData', 'enableSandbox', 'requestSingleInstanceLock', 'quit']);
    state.resolveReady();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.windows).toHaveLength(0);
    expect(state.children).toHaveLength(0);
  });
});

describe('the better-sqlite3 binary shipped for Electron', () => {
  let resources: string;
  beforeEach(async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    resources = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-resources-'));
    Object.defineProperty(process.versions, 'electron', { value: '38.8.6', configurable: true });
    (process as { resourcesPath?: string }).resourcesPath = resources;
  });
  afterEach(async () => {
    const fs = await import('node:fs');
    delete (process.versions as { electron?: string }).electron;
    delete (process as { resourcesPath?: string }).resourcesPath;
    fs.rmSync(resources, { recursive: true, force: true });
  });

  it('hands the engine the binary from the app\'s resources/native', async () => {
    const fs = await import('node:fs');
    const file = path.join(resources, 'native', `better_sqlite3-electron-38.8.6-${process.platform}-${process.arch}.node`);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'binary');
    const { child } = await launchReady();
    expect(child.args[child.args.indexOf('--native-binding') + 1]).toBe(file);
  });

  it('without it, says the app is incomplete and quits: no window, no engine, nothing fetched', async () => {
    await launch();
    state.resolveReady();
    await vi.waitFor(() => expect(state.calls).toContain('quit'));
    expect(state.children).toHaveLength(0);
    expect(state.windows).toHaveLength(0);
    const box = state.messageBoxes.at(-1) as { message: string; detail: string };
    expect(box.message).toBe('This copy of Localyst is missing its database component');
    expect(box.detail).toContain(path.join(resources, 'native'));
  });
});
