import type { MessageBoxOptions } from 'electron';
import type { AppErrorData } from '../shared/errors';
import { escapeHtml } from '../shared/html';

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

export function nativeBindingFailedDialog(input: { file: string; reason: string; electronVersion: string; arch: string }): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Localyst',
    message: 'Localyst needs an internet connection once to finish setting up',
    detail:
      'The first time this version of Localyst starts, it fetches the database component built for this computer ' +
      '(a few megabytes, or a local build when none is published). This did not work: ' +
      `${input.reason}\n\nConnect to the internet and choose Try again. No customer data is sent; only the component ` +
      `for Electron ${input.electronVersion} (${input.arch}) is downloaded.\n\nWithout internet, copy this file from ` +
      `another computer where the same version of Localyst runs:\n${input.file}`,
    buttons: ['Try again', 'Quit'],
    defaultId: 0,
    cancelId: 1,
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

/** The page of the small window shown while the database component is prepared: static, no script. */
export function noticePageUrl(input: { title: string; message: string; dark: boolean }): string {
  const [bg, fg] = input.dark ? ['#242424', '#c9c9c9'] : ['#ffffff', '#212529'];
  const html =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${escapeHtml(input.title)}</title>` +
    `<style>body{margin:0;padding:28px;font:14px/1.5 system-ui,sans-serif;background:${bg};color:${fg}}` +
    'h1{font-size:16px;margin:0 0 8px}</style></head>' +
    `<body><h1>${escapeHtml(input.title)}</h1><p>${escapeHtml(input.message)}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
