import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src/engine/ml/backend';
import { appHome, defaultWorkspaceDir } from '../../../src/engine/workspace/paths';
import { readRecent, rememberWorkspace } from '../../../src/engine/workspace/recent';
import { tempDir } from '../helpers';

describe('TensorFlow.js backend choice', () => {
  it('falls back from the native backend to WebAssembly with SIMD and says why', async () => {
    const { tf, info } = await loadTf(undefined);
    const nativeInstalled = fs.existsSync(path.resolve('node_modules/@tensorflow/tfjs-node'));
    expect(info.backend).toBe(nativeInstalled ? 'tensorflow' : 'wasm');
    expect(tf.getBackend()).toBe(info.backend);
    if (!nativeInstalled) {
      expect(info.note).toMatch(/Native TensorFlow \(@tensorflow\/tfjs-node\) is not installed/);
      expect(info.note).not.toMatch(/imported from|node_modules/);
      expect(info.simd).toBe(true);
    }
    // The backend really computes.
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(product).toBe(11);
  });

  it('can be forced to the plain CPU backend', async () => {
    const { tf, info } = await loadTf('cpu');
    expect(info.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('application folders', () => {
  it('follows each OS convention and honours the overrides', () => {
    expect(appHome({ HOME: '/h' }, 'linux')).toMatch(/\.config\/Localyst$/);
    expect(appHome({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Localyst');
    expect(appHome({}, 'darwin')).toMatch(/Library\/Application Support\/Localyst$/);
    expect(appHome({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toBe(path.join('C:/Users/a/AppData/Roaming', 'Localyst'));
    expect(appHome({ LOCALYST_HOME: '/tmp/lh' }, 'linux')).toBe('/tmp/lh');
    expect(defaultWorkspaceDir({ LOCALYST_HOME: '/tmp/lh' }, 'linux')).toBe('/tmp/lh/workspaces/default');
    expect(defaultWorkspaceDir({ LOCALYST_WORKSPACE: '/data/shop' }, 'linux')).toBe('/data/shop');
  });

  it('keeps recent workspaces newest first without duplicates, and survives a damaged list', () => {
    const { dir, cleanup } = tempDir();
    try {
      rememberWorkspace(dir, '/a');
      rememberWorkspace(dir, '/b');
      rememberWorkspace(dir, '/a');
      expect(readRecent(dir).map((w) => w.path)).toEqual(['/a', '/b']);
      fs.writeFileSync(path.join(dir, 'recent-workspaces.json'), '{ not json');
      expect(readRecent(dir)).toEqual([]);
      expect(rememberWorkspace(dir, '/c').map((w) => w.path)).toEqual(['/c']);
    } finally {
      cleanup();
    }
  });
});
