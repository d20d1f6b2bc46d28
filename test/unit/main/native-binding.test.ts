import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingMissingDialog } from '../../../src/main/dialogs';
import { engineArgs } from '../../../src/main/launch-options';
import { decideNativeBinding, nativeBindingName, shippedBindingPath } from '../../../src/main/native-binding';

const target = { electronVersion: '38.8.6', arch: 'x64', platform: 'linux' as const };
const resourcesPath = path.resolve('/opt/Localyst/resources');
const appRoot = path.resolve('/home/u/localyst');
const packaged = path.join(resourcesPath, 'native', 'better_sqlite3-electron-38.8.6-linux-x64.node');
const fromRepo = path.join(appRoot, 'build', 'native', 'better_sqlite3-electron-38.8.6-linux-x64.node');

describe('which better-sqlite3 binary main hands the engine', () => {
  it('names one binary per Electron version, platform and CPU', () => {
    expect(nativeBindingName(target)).toBe('better_sqlite3-electron-38.8.6-linux-x64.node');
    expect(nativeBindingName({ electronVersion: '39.0.0', arch: 'arm64', platform: 'darwin' })).toBe('better_sqlite3-electron-39.0.0-darwin-arm64.node');
  });

  it('uses the one shipped in the resources of a packaged app, or in build/native when run from the repository', () => {
    expect(shippedBindingPath({ target, isPackaged: true, resourcesPath, appRoot })).toBe(packaged);
    expect(shippedBindingPath({ target, isPackaged: false, resourcesPath, appRoot })).toBe(fromRepo);
    const exists = (file: string): boolean => file === packaged;
    const decision = decideNativeBinding({ target, isPackaged: true, resourcesPath, appRoot, exists });
    expect(decision).toEqual({ action: 'use', file: packaged });
    // The very file is what the engine process is told to load.
    expect(engineArgs({ workspace: '/w', home: '/h', nativeBinding: decision.action === 'use' ? decision.file : null, appVersion: '1.0.0' })).toContain(packaged);
  });

  it('reports it missing (never "build" or "download") when the app was packaged without it', () => {
    expect(decideNativeBinding({ target, isPackaged: true, resourcesPath, appRoot, exists: () => false })).toEqual({ action: 'missing', file: packaged });
    expect(decideNativeBinding({ target, isPackaged: false, resourcesPath, appRoot, exists: () => false })).toEqual({ action: 'missing', file: fromRepo });
  });

  it('needs none outside Electron (CLI, browser mode, tests): the Node build in node_modules serves', () => {
    expect(decideNativeBinding({ target: null, isPackaged: false, resourcesPath, appRoot, exists: () => true })).toEqual({ action: 'none' });
  });

  it('the missing-binary message names the file and what to do, and offers no retry that would fetch anything', () => {
    const dialog = nativeBindingMissingDialog({ file: packaged, electronVersion: '38.8.6', arch: 'x64', platform: 'linux', isPackaged: true });
    expect(dialog.detail).toContain(packaged);
    expect(dialog.detail).toContain('Electron 38.8.6 (linux, x64)');
    expect(dialog.detail).toMatch(/Install Localyst again/);
    expect(dialog.buttons).toEqual(['Quit']);
    const dev = nativeBindingMissingDialog({ file: fromRepo, electronVersion: '38.8.6', arch: 'x64', platform: 'linux', isPackaged: false });
    expect(dev.detail).toContain('scripts/build-electron-binding.sh');
  });

  it('main holds no code that downloads or compiles at run time', () => {
    const dir = path.resolve('src/main');
    const source = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
      .join('\n');
    for (const banned of ['child_process', 'prebuild-install', 'node-gyp', 'electronjs.org/headers']) expect(source).not.toContain(banned);
  });
});
