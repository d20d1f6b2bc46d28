import type { App, BrowserWindow, Session, WebContents } from 'electron';
import { contentSecurityPolicy, isAllowedNavigation, isAllowedRequest, isExternalWebLink, withCsp, type AppOrigin } from './app-urls';

export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>;

/**
 * Locks down a session: every permission request and check is refused (Localyst needs no camera, location,
 * notifications, USB…), every request that is not the app's own is cancelled, and every response carries a
 * strict CSP.
 */
export function hardenSession(session: HardenableSession, origin: AppOrigin): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, origin);
    if (!allowed) console.warn(`[security] blocked a request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  const policy = contentSecurityPolicy(origin);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, policy) });
  });
}

export type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/**
 * No new windows, no navigation away from the app's page, no `<webview>`. A web link the user clicked is not
 * followed; it is handed to `offerLink`, which asks before opening it in the system browser.
 */
export function hardenWebContents(contents: HardenableContents, origin: AppOrigin, offerLink: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) offerLink(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, origin)) return;
    event.preventDefault();
    if (isExternalWebLink(event.url)) offerLink(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Opening a link in the browser is a way out of the machine, and the URL can carry data: so the user sees the
 * whole address and decides. One question at a time; a page asking again while a question is open is ignored.
 */
export function createLinkOffer(deps: {
  ask: (url: string) => Promise<boolean>;
  open: (url: string) => Promise<void>;
}): (url: string) => void {
  let asking = false;
  return (url) => {
    if (asking || !isExternalWebLink(url)) return;
    asking = true;
    void deps
      .ask(url)
      .then((yes) => (yes ? deps.open(url) : undefined))
      .catch((error: unknown) => console.error('[security] could not open a link', error))
      .finally(() => {
        asking = false;
      });
  };
}

/**
 * One Localyst at a time (two engines on one workspace would fight over it): a second start hands over to the
 * first, which comes to the front, and the second quits. Returns whether this instance holds the lock.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusExisting());
  return true;
}

/** Brings a window to the front, restoring it when minimised. */
export function focusWindow(window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
