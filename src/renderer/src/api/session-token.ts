const STORAGE_KEY = 'localyst.token';

/**
 * The browser mode is opened as `/?token=…`. Keep the token for this tab (reloads must still connect), and take it
 * out of the address bar so it does not end up in bookmarks, history or screenshots.
 */
export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the cookie the host set still authenticates this page.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** `ws://host/api?token=…` for the page's own host. */
export function webSocketUrl(path: string, token: string | null): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${window.location.host}${path}${query}`;
}
