import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What counts as the app's own page and files: the built renderer folder, or the dev server in development. */
export type AppOrigin = {
  rendererDir: string;
  rendererIndex: string;
  devServer: URL | null;
};

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A file path from a file: URL, or null when the URL names a host or hides a separator (`%2F`). */
function filePath(url: URL): string | null {
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return null;
  try {
    return path.resolve(fileURLToPath(url));
  } catch {
    return null;
  }
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

const sameOrigin = (a: URL, b: URL): boolean => a.protocol === b.protocol && a.host === b.host;

/** The dev server's HMR WebSocket: same host and port, ws(s) instead of http(s). */
function isDevSocket(url: URL, dev: URL): boolean {
  const wsProtocol = dev.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.protocol === wsProtocol && url.host === dev.host;
}

/**
 * The page the window shows (and the only page allowed to call the engine): the built index.html, or the dev
 * server's root. Query and hash are ignored, so client-side routes stay the same page.
 */
export function isAppPage(url: string, origin: AppOrigin): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (origin.devServer) {
    return sameOrigin(parsed, origin.devServer) && (parsed.pathname === '/' || parsed.pathname === '/index.html');
  }
  const file = filePath(parsed);
  return file !== null && file === path.resolve(origin.rendererIndex);
}

/**
 * Whether a request may leave the page at all: files inside the built renderer folder, the DevTools, inline
 * `data:`/`blob:` resources (they never touch the network; the CSP still governs where they may be used) and, in
 * development, the dev server. Everything else (http(s) anywhere, other files, custom schemes) is cancelled, so the
 * page cannot send customer data off the machine even if it were compromised.
 */
export function isAllowedRequest(url: string, origin: AppOrigin): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    case 'file:': {
      const file = filePath(parsed);
      return file !== null && isInside(origin.rendererDir, file);
    }
    default:
      return origin.devServer !== null && (sameOrigin(parsed, origin.devServer) || isDevSocket(parsed, origin.devServer));
  }
}

/** Where a navigation may go: the app's own page, or DevTools' own pages inside the DevTools window. */
export function isAllowedNavigation(url: string, origin: AppOrigin): boolean {
  return isAppPage(url, origin) || parse(url)?.protocol === 'devtools:';
}

/** Links a user may be offered to open in the system browser (after confirming); never file:, custom schemes… */
export function isExternalWebLink(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
}

/**
 * The Content-Security-Policy sent with every response. Styles allow inline because Mantine and AG Grid inject
 * style elements; development additionally allows Vite's inline React-refresh preamble and its HMR socket.
 */
export function contentSecurityPolicy(origin: AppOrigin): string {
  const dev = origin.devServer;
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : null;
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', devSocket ? ["'self'", devSocket] : ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Response headers with our CSP in place of any the response carried (header names compared case-insensitively). */
export function withCsp(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
