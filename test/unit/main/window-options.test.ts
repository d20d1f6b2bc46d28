import { describe, expect, it } from 'vitest';
import { BACKGROUND, mainWindowOptions } from '../../../src/main/window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preload: '/app/out/preload/index.cjs', dark: false, devTools: false });

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('loads only our CommonJS preload', () => {
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('has no DevTools in production and has them in development', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preload: 'p', dark: false, devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('stays hidden until ready-to-show, at a size that fits a dense data app', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Localyst');
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 700 });
  });

  it('paints the background of the current colour scheme before the page', () => {
    expect(options.backgroundColor).toBe(BACKGROUND.light);
    expect(mainWindowOptions({ preload: 'p', dark: true, devTools: false }).backgroundColor).toBe(BACKGROUND.dark);
  });
});
