import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export type PageSource = { kind: 'file'; file: string } | { kind: 'url'; url: string };

export type WindowHandle = Pick<BrowserWindow, 'once' | 'show' | 'loadFile' | 'loadURL' | 'webContents'>;

/** Where the window's page comes from: the dev server in development, else the built index.html. */
export function pageSource(rendererIndex: string, devServer: URL | null): PageSource {
  return devServer ? { kind: 'url', url: devServer.href } : { kind: 'file', file: rendererIndex };
}

/** Creates the main window hidden, shows it at its first paint, and loads the app's page. */
export function openMainWindow<W extends WindowHandle>(input: {
  create: (options: BrowserWindowConstructorOptions) => W;
  options: BrowserWindowConstructorOptions;
  source: PageSource;
}): W {
  const window = input.create(input.options);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, description, url) => {
    console.error(`[main] the page did not load (${code} ${description}): ${url}`);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[main] the page's process ended: ${details.reason}`);
  });
  const loading = input.source.kind === 'url' ? window.loadURL(input.source.url) : window.loadFile(input.source.file);
  loading.catch((error: unknown) => console.error('[main] could not load the page', error));
  return window;
}
