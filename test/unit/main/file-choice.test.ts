import { describe, expect, it, vi } from 'vitest';
import { dialogPlan, handleChooseFile, registerFileChoice, safeSuggestedName, type FileChoiceDeps } from '../../../src/main/file-choice';
import type { AppWindow } from '../../../src/main/ipc';
import { IPC_CHOOSE_FILE } from '../../../src/shared/ipc-names';

const APP_PAGE = 'file:///app/out/renderer/index.html';
const HANDLE = 'fh_BBBBBBBBBBBBBBBBBBBBBB';

function scene(picked: { open?: string[]; save?: string; canceled?: boolean } = {}) {
  const mainFrame = { url: APP_PAGE, parent: null, processId: 4, routingId: 1 };
  const webContents = { mainFrame, send: vi.fn(), isDestroyed: () => false };
  const window = { isDestroyed: () => false, webContents } as unknown as AppWindow;
  const grantFile = vi.fn(async (file: string) => ({ ok: true as const, value: { handle: HANDLE, name: file.split('/').pop() ?? '', path: file } }));
  const deps: FileChoiceDeps = {
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    showOpen: vi.fn(async () => ({ canceled: picked.canceled ?? false, filePaths: picked.open ?? [] })),
    showSave: vi.fn(async () => ({ canceled: picked.canceled ?? false, filePath: picked.save })),
    engine: { grantFile },
    window: () => window,
    isAppPage: (url) => url === APP_PAGE,
    log: () => {},
  };
  const fromApp = { sender: webContents, senderFrame: mainFrame } as never;
  return { deps, grantFile, fromApp, webContents, mainFrame };
}

describe('file dialogs in main', () => {
  it('shows the open dialog for an import, registers the path with the engine and gives the page only handle and name', async () => {
    const { deps, grantFile, fromApp } = scene({ open: ['/home/ann/orders.csv'] });
    const envelope = await handleChooseFile(deps, fromApp, 'import', undefined);
    expect(deps.showOpen).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ properties: ['openFile'] }));
    expect(grantFile).toHaveBeenCalledWith('/home/ann/orders.csv', 'read');
    expect(envelope).toEqual({ ok: true, value: { handle: HANDLE, name: 'orders.csv' } });
    expect(JSON.stringify(envelope)).not.toContain('/home/ann');
  });

  it('grants each purpose for its own use only', () => {
    expect(dialogPlan('import').use).toBe('read');
    expect(dialogPlan('table').use).toBe('read');
    expect(dialogPlan('model').use).toBe('read');
    expect(dialogPlan('workspace')).toMatchObject({ kind: 'open', use: 'workspace' });
    expect(dialogPlan('export-folder')).toMatchObject({ kind: 'open', use: 'folder' });
    expect(dialogPlan('export-csv', 'customers.csv')).toMatchObject({ kind: 'save', use: 'write', options: { defaultPath: 'customers.csv' } });
  });

  it('a save dialog suggests a plain name only, never a folder the page names', async () => {
    expect(safeSuggestedName('../../.bashrc')).toBe('bashrc');
    expect(safeSuggestedName('/etc/passwd')).toBe('passwd');
    expect(safeSuggestedName('C:\\Users\\x\\a.csv')).toBe('a.csv');
    expect(safeSuggestedName(42)).toBeUndefined();
    const { deps, grantFile, fromApp } = scene({ save: '/home/ann/list.csv' });
    await handleChooseFile(deps, fromApp, 'export-csv', '/home/ann/.bashrc');
    expect(deps.showSave).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ defaultPath: 'bashrc' }));
    expect(grantFile).toHaveBeenCalledWith('/home/ann/list.csv', 'write');
  });

  it('answers null when the user cancels, and grants nothing', async () => {
    const { deps, grantFile, fromApp } = scene({ canceled: true });
    expect(await handleChooseFile(deps, fromApp, 'model', undefined)).toEqual({ ok: true, value: null });
    expect(grantFile).not.toHaveBeenCalled();
  });

  it('refuses an unknown purpose and a request from another frame without showing a dialog', async () => {
    const { deps, webContents, mainFrame, fromApp } = scene({ open: ['/etc/passwd'] });
    expect(await handleChooseFile(deps, fromApp, '/etc/passwd', undefined)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const subFrame = { ...mainFrame, parent: mainFrame, routingId: 2 };
    expect(await handleChooseFile(deps, { sender: webContents, senderFrame: subFrame } as never, 'import', undefined)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(deps.showOpen).not.toHaveBeenCalled();
  });

  it('passes on the engine refusing the path', async () => {
    const { deps, fromApp } = scene({ open: ['/data/x.csv'] });
    deps.engine.grantFile = vi.fn(async () => ({ ok: false as const, error: { code: 'engine-unavailable' as const, message: 'The engine is not running.' } }));
    expect(await handleChooseFile(deps, fromApp, 'import', undefined)).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } });
  });

  it('registers one handler on its own IPC channel', () => {
    const { deps } = scene();
    const off = registerFileChoice(deps);
    expect(deps.ipcMain.handle).toHaveBeenCalledWith(IPC_CHOOSE_FILE, expect.any(Function));
    off();
    expect(deps.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CHOOSE_FILE);
  });
});
