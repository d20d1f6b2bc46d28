import type { MessageBoxOptions } from 'electron';
import type { AppErrorData } from '../shared/errors';

/**
 * The words of every dialog main shows, kept apart from Electron so they can be read and tested. Each one says what
 * happened, what it means, and what to do; the first button is the way forward.
 */

export function startFailedDialog(error: AppErrorData, workspace: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Localyst',
    message: 'Localyst could not open this workspace',
    detail: `${error.message}\n\nWorkspace: ${workspace}\n\nOpen another workspace, or quit and deal with this one first.`,
    buttons: ['Open another workspace…', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

export function engineDownDialog(message: string): MessageBoxOptions {
  return {
    type: 'error',
    title: 'Localyst',
    message: 'The Localyst engine keeps stopping',
    detail: message,
    buttons: ['Try again', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

/** The app was packaged without the database component for this computer; nothing is fetched at run time. */
export function nativeBindingMissingDialog(input: { file: string; electronVersion: string; arch: string; platform: string; isPackaged: boolean }): MessageBoxOptions {
  const fix = input.isPackaged
    ? 'Install Localyst again from its download for this computer; if that copy has the same problem, tell us which one it was.'
    : 'Run "bash scripts/build-electron-binding.sh" in the Localyst folder (it needs a network connection once and checks ' +
      'the file against its pinned checksum), then start Localyst again. Or use the browser mode: "node bin/localyst.js serve".';
  return {
    type: 'error',
    title: 'Localyst',
    message: 'This copy of Localyst is missing its database component',
    detail:
      `Localyst needs the SQLite component built for Electron ${input.electronVersion} (${input.platform}, ${input.arch}), ` +
      `which ships with the app. It is not there:\n${input.file}\n\nLocalyst never downloads or builds program files while ` +
      `it runs. ${fix}`,
    buttons: ['Quit'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

export function engineMissingMessage(entry: string): { title: string; content: string } {
  return {
    title: 'Localyst is not built completely',
    content: `The engine file is missing:\n${entry}\n\nRun "npm run build" and start Localyst again.`,
  };
}

export function externalLinkDialog(url: string): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Open a web page?',
    message: 'Open this address in your web browser?',
    detail: `${url}\n\nThe address is shown in full because it leaves Localyst: check it does not carry data you want to keep.`,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

export function aboutDialog(versions: { app: string; electron: string; chrome: string; node: string }): MessageBoxOptions {
  return {
    type: 'info',
    title: 'About Localyst',
    message: `Localyst ${versions.app}`,
    detail:
      'Local-first marketing analytics: your customer data never leaves your machine.\n\n' +
      `Electron ${versions.electron} · Chromium ${versions.chrome} · Node ${versions.node}`,
    buttons: ['OK'],
    noLink: true,
  };
}
