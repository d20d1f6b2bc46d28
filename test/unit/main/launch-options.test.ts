import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFiles, devServerUrl, engineArgs, launchOptions, readFlag, userDataDir } from '../../../src/main/launch-options';

describe('builtFiles', () => {
  it('finds the preload, the renderer and the engine next to out/main, as electron-vite and build-node lay them out', () => {
    const files = builtFiles(path.resolve('/app/out/main'));
    expect(files.preload).toBe(path.resolve('/app/out/preload/index.cjs'));
    expect(files.rendererDir).toBe(path.resolve('/app/out/renderer'));
    expect(files.rendererIndex).toBe(path.resolve('/app/out/renderer/index.html'));
    expect(files.engineEntry).toBe(path.resolve('/app/out/node/engine-process.js'));
  });
});

describe('launchOptions', () => {
  const base = { argv: ['/usr/bin/electron', '.'], env: {}, appData: '/home/u/.config', userData: '/home/u/.config/Localyst', cwd: '/work' };

  it('defaults to <appData>/Localyst/workspaces/default and the userData folder', () => {
    expect(launchOptions(base)).toEqual({ workspace: path.resolve('/home/u/.config/Localyst/workspaces/default'), home: path.resolve('/home/u/.config/Localyst') });
  });

  it('takes LOCALYST_WORKSPACE and LOCALYST_HOME from the environment', () => {
    const options = launchOptions({ ...base, env: { LOCALYST_WORKSPACE: '/data/shop', LOCALYST_HOME: '/data/home' } });
    expect(options).toEqual({ workspace: path.resolve('/data/shop'), home: path.resolve('/data/home') });
  });

  it('lets the command line win over the environment, in both spellings, resolving relative paths', () => {
    const options = launchOptions({
      ...base,
      argv: ['/usr/bin/electron', '.', '--workspace', 'shops/a', '--home=/h'],
      env: { LOCALYST_WORKSPACE: '/data/shop', LOCALYST_HOME: '/data/home' },
    });
    expect(options).toEqual({ workspace: path.resolve('/work/shops/a'), home: path.resolve('/h') });
  });

  it('ignores empty values', () => {
    const options = launchOptions({ ...base, argv: ['x', '--workspace='], env: { LOCALYST_WORKSPACE: '  ' } });
    expect(options.workspace).toBe(path.resolve('/home/u/.config/Localyst/workspaces/default'));
  });
});

describe('readFlag', () => {
  it('does not take the next flag as a value, and the last occurrence wins', () => {
    expect(readFlag(['--workspace', '--home', '/h'], 'workspace')).toBeUndefined();
    expect(readFlag(['--workspace', '/a', '--workspace=/b'], 'workspace')).toBe('/b');
    expect(readFlag(['--workspaces', '/a'], 'workspace')).toBeUndefined();
  });
});

describe('userDataDir', () => {
  it("is <appData>/Localyst, the engine's own app home, so the CLI and the app share recent workspaces", () => {
    expect(userDataDir('/home/u/.config')).toBe(path.join('/home/u/.config', 'Localyst'));
  });
});

describe('devServerUrl', () => {
  it('is honoured only in an unpackaged app', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)?.href).toBe('http://localhost:5173/');
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull();
    expect(devServerUrl({}, false)).toBeNull();
  });

  it('must be a loopback http(s) address', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' }, false)).not.toBeNull();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'https://evil.example' }, false)).toBeNull();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://192.168.1.5:5173' }, false)).toBeNull();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'file:///tmp/index.html' }, false)).toBeNull();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://user:pw@localhost:5173' }, false)).toBeNull();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeNull();
  });
});

describe('engineArgs', () => {
  it('builds the command line process-entry.ts reads', () => {
    expect(engineArgs({ workspace: '/w', home: '/h', nativeBinding: '/n.node', appVersion: '0.1.0' })).toEqual([
      '--workspace', '/w', '--home', '/h', '--native-binding', '/n.node', '--app-version', '0.1.0',
    ]);
    expect(engineArgs({ workspace: '/w', home: '/h', nativeBinding: null, appVersion: '0.1.0' })).toEqual([
      '--workspace', '/w', '--home', '/h', '--app-version', '0.1.0',
    ]);
  });
});
