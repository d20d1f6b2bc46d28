import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/** The names this host answers to; anything else in Host or Origin is another site (DNS rebinding). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'] as const;

/** What every request is checked against: the secret and the one address it was handed out for. */
export type Session = { token: string; port: number; cookieName: string };

export type Verdict = { status: 200 | 400 | 401 | 403; message: string; viaQuery: boolean };

/** A request target the host can route: the decoded path and the query. */
export type Target = { pathname: string; query: URLSearchParams };

/**
 * The session cookie's name carries the port: cookies ignore ports, so without it two instances on 127.0.0.1
 * would overwrite each other's cookie. A later instance on the same port replaces a stale one.
 */
export const sessionCookieName = (port: number): string => `localyst_session_${port}`;

export const isAppOrigin = (origin: string | undefined, port: number): boolean =>
  origin !== undefined && LOOPBACK_HOSTS.some((name) => origin === `http://${name}:${port}`);

/**
 * The checks every HTTP request and WebSocket upgrade passes before anything else: exactly one loopback Host,
 * a loopback Origin if any, then the token (query or cookie). Nothing here parses a URL or decodes a header,
 * so no request can make it throw.
 */
export function checkRequest(req: http.IncomingMessage, session: Session): Verdict {
  const hosts = headerValues(req.rawHeaders, 'host');
  if (hosts.length !== 1) return deny(400, 'Bad request: a request needs exactly one Host header.');
  if (!LOOPBACK_HOSTS.some((name) => hosts[0] === `${name}:${session.port}`)) {
    return deny(403, 'Forbidden: Localyst only answers on its loopback address.');
  }
  if (req.headers.origin !== undefined && !isAppOrigin(req.headers.origin, session.port)) {
    return deny(403, 'Forbidden: requests from other sites are refused.');
  }
  const queryToken = rawQuery(req.url).get('token');
  if (queryToken !== null && sameSecret(queryToken, session.token)) return { status: 200, message: '', viaQuery: true };
  const cookieToken = readCookie(req.headers.cookie, session.cookieName);
  if (cookieToken !== null && sameSecret(cookieToken, session.token)) return { status: 200, message: '', viaQuery: false };
  return deny(401, 'Unauthorized: open the address that `localyst serve` printed (it carries the session token).');
}

/**
 * The request target in origin form (`/path?query`), its path percent-decoded; null for anything else (an
 * absolute or authority form, an invalid percent-encoding, a NUL byte), which the caller answers with 400.
 */
export function parseTarget(raw: string | undefined): Target | null {
  if (raw === undefined || !raw.startsWith('/')) return null;
  const end = raw.search(/[?#]/);
  const encodedPath = end < 0 ? raw : raw.slice(0, end);
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  return { pathname, query: rawQuery(raw) };
}

function deny(status: 400 | 401 | 403, message: string): Verdict {
  return { status, message, viaQuery: false };
}

/** The query of a raw target; URLSearchParams never throws, whatever the bytes. */
function rawQuery(raw: string | undefined): URLSearchParams {
  const start = raw?.indexOf('?') ?? -1;
  if (raw === undefined || start < 0) return new URLSearchParams();
  const hash = raw.indexOf('#', start);
  return new URLSearchParams(raw.slice(start + 1, hash < 0 ? undefined : hash));
}

/** Every value of one header as sent (Node keeps only the first Host in `headers`). */
function headerValues(rawHeaders: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) values.push(rawHeaders[i + 1] ?? '');
  }
  return values;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
