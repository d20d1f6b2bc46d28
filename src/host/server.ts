import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../shared/errors';
import { WIRE_PATH, wireRequestSchema, type WireEvent, type WireReply } from '../shared/wire';
import type { Engine } from '../engine';
import { EXPORTS_PATH, serveExport, serveStatic } from './files';
import { checkRequest, parseTarget, sessionCookieName, type Session } from './request-checks';
import { describeError, guardHandler, pathOnly, refuse, refuseUpgrade, stderrLog, type HostLog } from './respond';
import { DEFAULT_MAX_UPLOAD_BYTES, receiveUpload, UPLOAD_PATH } from './upload';

export { DEFAULT_MAX_UPLOAD_BYTES } from './upload';

export type HostOptions = {
  engine: Engine;
  rendererDir: string;
  port?: number;
  token?: string;
  /** The largest upload accepted, in bytes (default 2 GB). */
  maxUploadBytes?: number;
  /** Where errors on the host's side are reported (default stderr). */
  log?: HostLog;
};

export type Host = { url: string; port: number; token: string; cookieName: string; close(): Promise<void> };

/**
 * The browser mode: serves the built renderer and the contract (WebSocket) on 127.0.0.1 only. Every request
 * needs the session token (query once, then an HttpOnly cookie named for this port); a Host or Origin that is not
 * this loopback address is refused (DNS rebinding). Whatever a request holds, it gets an answer and the host goes
 * on serving: the checks come before any parsing, a target that does not parse gets 400, and an error in a
 * handler answers 500 and is logged.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? stderrLog;
  const session: Session = { token: options.token ?? randomBytes(24).toString('base64url'), port: 0, cookieName: '' };
  const sockets = new Set<WebSocket>();
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;

  const server = http.createServer(
    guardHandler(async (req, res) => {
      const verdict = checkRequest(req, session);
      if (verdict.status !== 200) return refuse(res, verdict.status, verdict.message);
      const target = parseTarget(req.url);
      if (!target) return refuse(res, 400, 'Bad request: the address is not a valid path on this host.');
      if (verdict.viaQuery) res.setHeader('Set-Cookie', `${session.cookieName}=${session.token}; HttpOnly; SameSite=Strict; Path=/`);
      const workspaceDir = options.engine.workspaceDir();
      if (target.pathname === UPLOAD_PATH) return receiveUpload({ engine: options.engine, workspaceDir, port: session.port, maxBytes: maxUploadBytes, log }, target, req, res);
      if (target.pathname.startsWith(EXPORTS_PATH)) return serveExport(workspaceDir, target.pathname, req, res, log);
      return serveStatic(options.rendererDir, target.pathname, req, res, log);
    }, log),
  );

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
    // Node takes its own error handler off an upgraded socket; a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      const verdict = checkRequest(req, session);
      if (verdict.status !== 200) return refuseUpgrade(socket, verdict.status);
      const target = parseTarget(req.url);
      if (!target) return refuseUpgrade(socket, 400);
      if (target.pathname !== WIRE_PATH) return refuseUpgrade(socket, 404);
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        // A frame no WebSocket may send: ws closes the socket and reports it here (unheard, it would be thrown).
        ws.on('error', (error) => log(`localyst serve: a WebSocket was closed: ${error.message}`));
        ws.on('message', (data) => {
          answer(options.engine, ws, data.toString()).catch((error: unknown) => log(`localyst serve: answering a request failed: ${describeError(error)}`));
        });
      });
    } catch (error) {
      log(`localyst serve: upgrade ${pathOnly(req.url)} failed: ${describeError(error)}`);
      socket.destroy();
    }
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
  server.on('error', (error) => log(`localyst serve: ${describeError(error)}`));
  session.port = (server.address() as AddressInfo).port;
  session.cookieName = sessionCookieName(session.port);
  return {
    url: `http://127.0.0.1:${session.port}/?token=${session.token}`,
    port: session.port,
    token: session.token,
    cookieName: session.cookieName,
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
