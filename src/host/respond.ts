import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppErrorData } from '../shared/errors';

/** Where the host reports what went wrong on its side (stderr for `localyst serve`). */
export type HostLog = (line: string) => void;

export const stderrLog: HostLog = (line) => {
  process.stderr.write(`${line}\n`);
};

export function refuse(res: http.ServerResponse, status: number, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(message);
}

/** A JSON answer for the page's own fetches (uploads): `{ error: { code, message, details } }` on failure. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export const errorBody = (error: AppErrorData): { error: AppErrorData } => ({ error });

/** Refuses a WebSocket upgrade on the raw socket (there is no response object yet). */
export function refuseUpgrade(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/**
 * Runs a request handler so that whatever it throws, at once or later in its promise, answers 500 (or cuts the
 * response if it had begun) and is logged, and the server goes on serving. The log names the method and path
 * only: the query may carry the session token.
 */
export function guardHandler(handler: Handler, log: HostLog): Handler {
  return (req, res) =>
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        log(`localyst serve: ${req.method ?? '?'} ${pathOnly(req.url)} failed: ${describeError(error)}`);
        if (!res.headersSent) refuse(res, 500, 'Internal error: Localyst could not answer this request (the error is logged).');
        else res.destroy();
      });
}

export const describeError = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** The target without its query, shortened, for the log. */
export const pathOnly = (url: string | undefined): string => JSON.stringify((url ?? '').split('?')[0]?.slice(0, 200) ?? '');
