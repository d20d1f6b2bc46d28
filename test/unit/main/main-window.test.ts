import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { openMainWindow, pageSource, type WindowHandle } from '../../../src/main/main-window';

class FakeWindow extends EventEmitter {
  shown = false;
  loaded: string[] = [];
  webContents = new EventEmitter();
  show(): void {
    this.shown = true;
  }
  loadFile(file: string): Promise<void> {
    this.loaded.push(`file:${file}`);
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(`url:${url}`);
    return Promise.resolve();
  }
}

const open = (source: ReturnType<typeof pageSource>) => {
  const created: unknown[] = [];
  const window = openMainWindow({
    create: (options) => {
      created.push(options);
      return new FakeWindow() as unknown as WindowHandle & FakeWindow;
    },
    options: { show: false, title: 'Localyst' },
    source,
  });
  return { window, created };
};

describe('openMainWindow', () => {
  it('creates the window with the given options and shows it only at ready-to-show', () => {
    const { window, created } = open({ kind: 'file', file: '/app/out/renderer/index.html' });
    expect(created).toEqual([{ show: false, title: 'Localyst' }]);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the built file in production and the dev server in development', () => {
    expect(open(pageSource('/app/out/renderer/index.html', null)).window.loaded).toEqual(['file:/app/out/renderer/index.html']);
    expect(open(pageSource('/app/out/renderer/index.html', new URL('http://localhost:5173'))).window.loaded).toEqual(['url:http://localhost:5173/']);
  });

  it('logs a page that fails to load instead of failing silently', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { window } = open({ kind: 'file', file: '/x' });
    window.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///x');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
    error.mockRestore();
  });
});
