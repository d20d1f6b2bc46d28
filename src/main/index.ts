import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session, shell, utilityProcess, type MessageBoxOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppErrorData } from '../shared/errors';
import { isAppPage, type AppOrigin } from './app-urls';
import { aboutDialog, engineDownDialog, engineMissingMessage, externalLinkDialog, nativeBindingFailedDialog, noticePageUrl, startFailedDialog } from './dialogs';
import { createEngineSupervisor, type EngineSupervisor } from './engine-supervisor';
import { registerFileChoice } from './file-choice';
import { registerIpc } from './ipc';
import { builtFiles, devServerUrl, engineArgs, launchOptions, userDataDir } from './launch-options';
import { stopEngineBeforeQuit } from './lifecycle';
import { openMainWindow, pageSource } from './main-window';
import { menuTemplate } from './menu';
import { ensureNativeBinding } from './native-binding';
import { betterSqlitePackageDir, findBuildTools, nodeBuildOps } from './native-binding-host';
import { claimSingleInstance, createLinkOffer, focusWindow, hardenSession, hardenWebContents } from './security';
import { adaptUtilityProcess } from './utility-engine';
import { mainWindowOptions, noticeWindowOptions } from './window-options';

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
    const binding = await prepareNativeBinding();
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
      args: (workspace) => engineArgs({ workspace, home: launch.home, nativeBinding: binding.file, appVersion: app.getVersion() }),
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

/** The binary the engine loads, built once per Electron version; 'quit' when the user gives up. */
async function prepareNativeBinding(): Promise<{ file: string | null } | 'quit'> {
  const electronVersion = process.versions.electron;
  const native = electronVersion ? { electronVersion, arch: process.arch, platform: process.platform } : null;
  for (;;) {
    let notice: BrowserWindow | null = null;
    let packageDir: string;
    try {
      packageDir = betterSqlitePackageDir(import.meta.url);
    } catch (error) {
      fatal(error);
      return 'quit';
    }
    const result = await ensureNativeBinding({
      native,
      userData: app.getPath('userData'),
      packageDir,
      tools: findBuildTools(packageDir, process.execPath),
      env: process.env,
      ops: nodeBuildOps,
      onBuildStart: () => {
        notice = new BrowserWindow(noticeWindowOptions({ dark: nativeTheme.shouldUseDarkColors }));
        const shown = notice;
        shown.once('ready-to-show', () => shown.show());
        void shown.loadURL(
          noticePageUrl({
            title: 'Setting up Localyst',
            message: 'Fetching the database component for this computer. This happens once per version and takes a moment.',
            dark: nativeTheme.shouldUseDarkColors,
          }),
        );
      },
      onBuildEnd: () => {
        const shown: BrowserWindow | null = notice;
        if (shown && !shown.isDestroyed()) shown.destroy();
      },
    });
    if (result.ok) return { file: result.file };
    console.error(`[main] could not prepare better-sqlite3 for Electron: ${result.reason}\n${result.log}`);
    const response = await ask(
      nativeBindingFailedDialog({ file: result.file, reason: result.reason, electronVersion: electronVersion ?? '', arch: process.arch }),
    );
    if (response !== 0) return 'quit';
  }
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
