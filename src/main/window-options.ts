import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'Localyst';

/** Mantine's default light and dark body colours so the window does not flash white before the first paint. */
export const BACKGROUND = { light: '#ffffff', dark: '#242424' } as const;

/**
 * The main window: hidden until its first paint (`ready-to-show`), the renderer sandboxed and isolated from Node,
 * only our preload, DevTools only in development.
 */
export function mainWindowOptions(input: { preload: string; dark: boolean; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: WINDOW_TITLE,
    backgroundColor: input.dark ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: false,
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: input.devTools,
    },
  };
}
