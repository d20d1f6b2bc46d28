import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, safeStorage, session, shell, utilityProcess, type MessageBoxOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppErrorData } from '../shared/errors';
import { isAppPage, type AppOrigin } from './app-urls';
import { aboutDialog, engineDownDialog, engineMissingMessage, externalLinkDialog, nativeBindingMissingDialog, startFailedDialog } from './dialogs';
import { createEngineSupervisor, type EngineSupervisor } from './engine-supervisor';
import { registerFileChoice } from './file-choice';
import { registerIpc } from './ipc';
import { builtFiles, devServerUrl, engineArgs, launchOptions, userDataDir } from './launch-options';
import { stopEngineBeforeQuit } from './lifecycle';
import { openMainWindow, pageSource } from './main-window';
import { menuTemplate } from './menu';
import { createKeyVault } from './key-vault';
import { decideNativeBinding } from './native-binding';
import { claimSingleInstance, createLinkOffer, focusWindow, hardenSession, hardenWebContents } from './security';
import { adaptUtilityProcess } from './utility-engine';
import { mainWindowOptions } from './window-options';

const files = builtFiles(path.dirname(fileURLToPath(import.meta.url)));
const isDev = !app.isPackaged;
const origin: AppOrigin = {
  rendererDir: files.rendererDir,
  rendererIndex: files.rendererIndex,
  devServer: devServerUrl(process.env, app.isPackaged),
};

let mainWindow: BrowserWindow | null = null;
let mainWindowOpened = false;
let engine: EngineSupervisor | null = null;

/** A message box over the main window when there is one. */
function ask(options: MessageBoxOptions): Promise<number> {
  const shown = mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  return shown.then((result) => result.response);
}

const offerLink = createLinkOffer({
  ask: async (url) => (await ask(externalLinkDialog(url))) === 0,
  open: (url) => shell.openExternal(url),
});

// Before ready: one profile folder shared with the CLI, the renderer sandbox for every window, one instance.
app.setPath('userData', userDataDir(app.getPath('appData')));
app.enableSandbox();
if (claimSingleInstance(app, () => focusWindow(mainWindow))) {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin, offerLink));
  // Registered early: without a listener Electron quits when the last window closes, and the set-up notice can be
  // the last window before the main one exists.
  app.on('window-all-closed', () => {
    if (mainWindowOpened && process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (error: unknown) => fatal(error));
}

async function start(): Promise<void> {
  try {
    hardenSession(session.defaultSession, origin);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', isDev, appName: 'Localyst', onAbout: showAbout })));
    const launch = launchOptions({
      argv: process.argv,
      env: process.env,
      appData: app.getPath('appData'),
      userData: app.getPath('userData'),
      cwd: process.cwd(),
    });
    const binding = await shippedNativeBinding();
    if (binding === 'quit') {
      app.quit();
      return;
    }
    if (!fs.existsSync(files.engineEntry)) {
      const missing = engineMissingMessage(files.engineEntry);
      dialog.showErrorBox(missing.title, missing.content);
      app.quit();
      return;
    }
    const supervisor = createEngineSupervisor({
      fork: (modulePath, args, options) => adaptUtilityProcess(utilityProcess.fork(modulePath, args, options)),
      entry: files.engineEntry,
      args: (workspace) => engineArgs({ workspace, home: launch.home, nativeBinding: binding.file, appVersion: app.getVersion(), keyStore: 'os' }),
      keyVault: createKeyVault({ safeStorage, dir: path.join(launch.home, 'keys') }),
      workspace: launch.workspace,
      onStartFailed: (error) => void offerAnotherWorkspace(error),
      onDown: (message) => void offerRetry(message),
    });
    engine = supervisor;
    stopEngineBeforeQuit(app, () => supervisor.stop());
    registerIpc({ ipcMain, engine: supervisor, window: () => mainWindow, isAppPage: (url) => isAppPage(url, origin) });
    registerFileChoice({
      ipcMain,
      showOpen: (window, options) => dialog.showOpenDialog(window as BrowserWindow, options),
      showSave: (window, options) => dialog.showSaveDialog(window as BrowserWindow, options),
      engine: supervisor,
      window: () => mainWindow,
      isAppPage: (url) => isAppPage(url, origin),
    });
    supervisor.start();
    createMainWindow();
    app.on('activate', () => {
      if (!mainWindow) createMainWindow();
    });
  } catch (error) {
    fatal(error);
  }
}

function createMainWindow(): void {
  const window = openMainWindow({
    create: (options) => new BrowserWindow(options),
    options: mainWindowOptions({ preload: files.preload, dark: nativeTheme.shouldUseDarkColors, devTools: isDev }),
    source: pageSource(files.rendererIndex, origin.devServer),
  });
  mainWindow = window;
  mainWindowOpened = true;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
}

/** The better-sqlite3 binary shipped for this Electron; 'quit' (after saying so) when the app was packaged without it. */
async function shippedNativeBinding(): Promise<{ file: string | null } | 'quit'> {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return { file: null };
  const decision = decideNativeBinding({
    target: { electronVersion, arch: process.arch, platform: process.platform },
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: app.getAppPath(),
    exists: (file) => {
      try {
        const stat = fs.statSync(file);
        return stat.isFile() && stat.size > 0;
      } catch {
        return false;
      }
    },
  });
  if (decision.action === 'none') return { file: null };
  if (decision.action === 'use') return { file: decision.file };
  console.error(`[main] the better-sqlite3 binary for Electron is missing: ${decision.file}`);
  await ask(
    nativeBindingMissingDialog({ file: decision.file, electronVersion, arch: process.arch, platform: process.platform, isPackaged: app.isPackaged }),
  );
  return 'quit';
}

/** A workspace the engine refuses (too new, not a workspace…): choose another or quit; never a restart loop. */
async function offerAnotherWorkspace(error: AppErrorData): Promise<void> {
  const supervisor = engine;
  if (!supervisor) return;
  for (;;) {
    if ((await ask(startFailedDialog(error, supervisor.workspace()))) !== 0) {
      app.quit();
      return;
    }
    const picked = mainWindow
      ? await dialog.showOpenDialog(mainWindow, { title: 'Open a workspace', properties: ['openDirectory', 'createDirectory'] })
      : await dialog.showOpenDialog({ title: 'Open a workspace', properties: ['openDirectory', 'createDirectory'] });
    const folder = picked.filePaths[0];
    if (!picked.canceled && folder) {
      supervisor.start(folder);
      return;
    }
  }
}

async function offerRetry(message: string): Promise<void> {
  if ((await ask(engineDownDialog(message))) === 0) engine?.start();
  else app.quit();
}

function showAbout(): void {
  void ask(aboutDialog({ app: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node }));
}

function fatal(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`[main] ${text}`);
  dialog.showErrorBox('Localyst could not start', `${error instanceof Error ? error.message : String(error)}\n\nThe details are in the log.`);
  app.quit();
}
