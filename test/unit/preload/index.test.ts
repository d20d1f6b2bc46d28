import { build } from 'esbuild';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ calls: [] as Array<[string, unknown]> }));
const ipcRenderer = vi.hoisted(() => ({
  invoke: async () => ({ ok: true, value: null }),
  on: () => undefined,
  removeListener: () => undefined,
  send: () => undefined,
  sendSync: () => undefined,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.calls.push([key, api]) },
  ipcRenderer,
}));

describe('the preload script', () => {
  beforeAll(async () => {
    await import('../../../src/preload/index');
  });

  it('exposes one object, window.localyst, with exactly invoke, on and chooseFile (the file dialogs of main)', () => {
    expect(exposed.calls).toHaveLength(1);
    const [key, api] = exposed.calls[0]!;
    expect(key).toBe('localyst');
    expect(Object.keys(api as object).sort()).toEqual(['chooseFile', 'invoke', 'on']);
    for (const value of Object.values(api as object)) expect(typeof value).toBe('function');
  });

  it('never hands the page ipcRenderer or its methods', () => {
    const api = exposed.calls[0]![1] as Record<string, unknown>;
    for (const value of Object.values(api)) {
      expect(value).not.toBe(ipcRenderer);
      expect(Object.values(ipcRenderer)).not.toContain(value);
    }
  });

  it('bundles to one file that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const result = await build({
      entryPoints: [path.resolve(__dirname, '../../../src/preload/index.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.includes('node_modules'))).toBe(false);
    expect(inputs.some((file) => file.endsWith('contract.ts') || file.endsWith('wire.ts'))).toBe(false);
  });
});
