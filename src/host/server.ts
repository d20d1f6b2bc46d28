import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../shared/errors';
import { WIRE_PATH, wireRequestSchema, type WireEvent, type WireReply } from '../shared/wire';
import { isPlainFileName, realFileInside, type Engine } from '../engine';

export type HostOptions = {
  engine: Engine;
  rendererDir: string;
  port?: number;
  token?: string;
};

export type Host = { url: string; port: number; token: string; close(): Promise<void> };

const COOKIE = 'localyst_session';
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];
export const HOST_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/**
 * The browser mode: serves the built renderer and the contract (WebSocket) on 127.0.0.1 only. Every request
 * needs the session token (query once, then an HttpOnly cookie); a Host or Origin that is not this loopback
 * address is refused (DNS rebinding).
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let boundPort = 0;

  const server = http.createServer((req, res) => {
    const verdict = checkRequest(req, token, boundPort);
    if (verdict.status !== 200) return refuse(res, verdict.status, verdict.message);
    if (verdict.viaQuery) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === UPLOAD_PATH) return receiveUpload(options.engine, boundPort, req, res);
    if (pathname.startsWith(EXPORTS_PATH)) return serveExport(options.engine.workspaceDir(), pathname, req, res);
    serveStatic(options.rendererDir, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(req, token, boundPort);
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (verdict.status !== 200 || pathname !== WIRE_PATH) {
      const status = verdict.status !== 200 ? verdict.status : 404;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(options.engine, ws, data.toString()));
    });
  });

  const unsubscribe = options.engine.onEvent((event, payload) => {
    const frame: WireEvent = { event, payload };
    const text = JSON.stringify(frame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    port: boundPort,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(engine: Engine, ws: WebSocket, text: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const request = wireRequestSchema.safeParse(json);
  if (!request.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
    const error = new AppError('bad-input', 'The request frame is not valid JSON of the form {id, channel, input}.');
    send(ws, { id, envelope: { ok: false, error: error.toData() } });
    return;
  }
  const envelope = await engine.invoke(request.data.channel, request.data.input);
  send(ws, { id: request.data.id, envelope });
}

function send(ws: WebSocket, reply: WireReply): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
}

type Verdict = { status: 200 | 401 | 403; message: string; viaQuery: boolean };

/** The checks every HTTP request and WebSocket upgrade passes: loopback Host and Origin, then the token. */
export function checkRequest(req: http.IncomingMessage, token: string, port: number): Verdict {
  const allowed = new Set(LOOPBACK_HOSTS.map((h) => `${h}:${port}`));
  const host = req.headers.host ?? '';
  if (!allowed.has(host)) return { status: 403, message: 'Forbidden: Localyst only answers on its loopback address.', viaQuery: false };
  const origin = req.headers.origin;
  if (origin !== undefined && !LOOPBACK_HOSTS.some((h) => origin === `http://${h}:${port}`)) {
    return { status: 403, message: 'Forbidden: requests from other sites are refused.', viaQuery: false };
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  const queryToken = url.searchParams.get('token');
  if (queryToken !== null && sameSecret(queryToken, token)) return { status: 200, message: '', viaQuery: true };
  const cookieToken = readCookie(req.headers.cookie, COOKIE);
  if (cookieToken !== null && sameSecret(cookieToken, token)) return { status: 200, message: '', viaQuery: false };
  return {
    status: 401,
    message: 'Unauthorized: open the address that `localyst serve` printed (it carries the session token).',
    viaQuery: false,
  };
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

export const UPLOAD_PATH = '/upload';
export const EXPORTS_PATH = '/exports/';

/**
 * The browser cannot hand the engine a file path, so the browser mode receives the chosen file into the
 * workspace's `incoming/` folder (streamed to disk, any size) and answers with a handle to it (never its path):
 * the only files a request in the browser mode can have read are these uploads.
 * A POST must come from the app's own origin (a form on another site cannot send one).
 */
function receiveUpload(engine: Engine, port: number, req: http.IncomingMessage, res: http.ServerResponse): void {
  const workspaceDir = engine.workspaceDir();
  if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed');
  if (!LOOPBACK_HOSTS.some((h) => req.headers.origin === `http://${h}:${port}`)) return refuse(res, 403, 'Forbidden: uploads come from the app only.');
  const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'upload';
  const safe = path.basename(name).replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'upload';
  // One folder per upload keeps the file's own name (shown in job titles and the import history).
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const dir = path.join(workspaceDir, 'incoming', `${stamp}-${randomBytes(3).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, safe);
  const partial = `${file}.part`;
  const out = fs.createWriteStream(partial, { flags: 'wx' });
  let size = 0;
  req.on('data', (chunk: Buffer) => (size += chunk.length));
  req.pipe(out);
  const fail = (): void => {
    fs.rm(partial, { force: true }, () => undefined);
    if (!res.headersSent) refuse(res, 500, 'The file could not be received.');
  };
  req.on('aborted', fail);
  out.on('error', fail);
  out.on('finish', () => {
    fs.rename(partial, file, (err) => {
      // Granted only when it is a plain file that really lies in incoming/ (no link leads out of it).
      const real = err ? null : realFileInside(path.join(workspaceDir, 'incoming'), file);
      if (real === null) return fail();
      const { handle, name } = engine.grantFile(real, 'read');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ handle, name, sizeBytes: size }));
    });
  });
}

/** Exported files (customer lists, audiences) from the workspace's `exports/` folder, as downloads. */
function serveExport(workspaceDir: string, pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET') return refuse(res, 405, 'Method not allowed');
  const root = path.join(workspaceDir, 'exports');
  const name = decodeURIComponent(pathname.slice(EXPORTS_PATH.length));
  // A plain name of a file that really lies in exports/: no subfolders, no `..`, no link out.
  const file = isPlainFileName(name) ? realFileInside(root, path.join(root, name)) : null;
  if (file === null) return refuse(res, 404, 'Not found');
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) return refuse(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': name.endsWith('.json') ? 'application/json' : 'text/csv; charset=utf-8',
      'Content-Length': stat.size,
      'Content-Disposition': `attachment; filename="${path.basename(file).replace(/"/g, '')}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}

function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) return refuse(res, 404, 'Not found');
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) return refuse(res, 404, 'Not found');
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      'Content-Security-Policy': HOST_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
}
