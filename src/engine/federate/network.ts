import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import type { AgreedEncoding, FederationMessage, FederationSpec } from '../../shared/federate-schemas';
import { coordinatorIdentitySchema, createCoordinatorIdentity, invitationCodes, officeSecret, protocolInvitations, pskOf, type CoordinatorIdentity } from './invitation';
import { createCoordinator, type CoordinatorOptions, type CoordinatorSession, type CoordinatorState, type Outgoing } from './protocol';
import { CLOSE, DEFAULT_MAX_MESSAGE_BYTES, PSK_CIPHERS, readMessage, reasonOf, requirePsk, TLS_VERSION } from './wire';
import { joinOverNetwork } from './office-client';
import type { InvitationCode, JoinOptions, JoinResult } from './transport-types';

/**
 * The live transport. A small coordinator: a WebSocket server over TLS 1.2 with a pre-shared key per office
 * (ECDHE-PSK-CHACHA20-POLY1305; the PSK identity is the office id, the key is derived from the office's invitation),
 * so a machine without an invitation cannot even finish the TLS handshake. One connection per office; each message
 * is size-limited and schema-checked; a bad one gets `failed` and a close, never a crash; an office whose socket
 * closes mid-federation is reported to the session's `drop()`. The federation UI's jobs (E) and the CLI's
 * `federate serve|join` call only these two functions.
 */

export type { InvitationCode, JoinOptions, JoinResult } from './transport-types';

export type RunningCoordinator = {
  readonly host: string;
  readonly port: number;
  readonly invitations: InvitationCode[];
  state(): CoordinatorState;
  /** Resolves when the federation ends: the final weights, or rejects with the reason it failed. */
  readonly finished: Promise<{ weights: Float32Array; encoding: AgreedEncoding; state: CoordinatorState }>;
  close(): Promise<void>;
};

export type ServeOptions = {
  spec: FederationSpec;
  /** Names of the offices to invite; one invitation code each. */
  offices: string[];
  /** Where to listen: 127.0.0.1 in tests; the LAN address the user chose otherwise. */
  host: string;
  port: number;
  onChange?: (state: CoordinatorState) => void;
  signal?: AbortSignal;
  /** Keys and office secrets made earlier (`federate propose`); fresh ones when absent. Its office names win over `offices`. */
  identity?: CoordinatorIdentity;
  /** The address written into the invitations when it is not the listening one (listening on 0.0.0.0). */
  advertiseHost?: string;
  /** Largest message accepted, in bytes (default 32 MB); a bigger one closes that office's connection. */
  maxMessageBytes?: number;
  /** An office that connects must send `join` within this time (default 30 s). */
  joinTimeoutMs?: number;
  /** Liveness pings (default every 30 s). */
  pingIntervalMs?: number;
  /**
   * An office that answers no ping for this long is taken as gone (default 10 minutes): an office answers only
   * between its training epochs, and one epoch on a large table can take minutes.
   */
  silentLimitMs?: number;
  /** The protocol's coordinator (default `createCoordinator`); a test can pass a stand-in. */
  createSession?: (options: CoordinatorOptions) => CoordinatorSession;
};

type Result = { weights: Float32Array; encoding: AgreedEncoding; state: CoordinatorState };
type Office = { ws: WebSocket; joined: boolean; lastHeard: number; joinTimer: NodeJS.Timeout };

/** Types an office may send; anything else from an office is a protocol violation. */
const FROM_OFFICE = new Set<FederationMessage['type']>(['join', 'stats', 'update', 'failed']);

export async function serveCoordinator(options: ServeOptions): Promise<RunningCoordinator> {
  requirePsk();
  const { spec } = options;
  const identity = coordinatorIdentitySchema.parse(options.identity ?? createCoordinatorIdentity(options.offices, spec.id));
  if (identity.federationId !== spec.id) {
    throw new AppError('bad-input', 'The keys and invitations were made for another federation than this spec.', { field: 'spec' });
  }
  const session = (options.createSession ?? createCoordinator)({
    spec,
    invitations: protocolInvitations(identity),
    boxKey: identity.boxKey,
    signKey: identity.signKey,
  });
  const psks = new Map(identity.offices.map((o) => [o.officeId, pskOf(officeSecret(o), identity.federationId)]));
  const pskIdentity = new WeakMap<object, string>();
  const offices = new Map<string, Office>();
  let lastFailure: string | null = null;
  let settled = false;
  let resolveFinished!: (result: Result) => void;
  let rejectFinished!: (error: Error) => void;
  const finished = new Promise<Result>((resolve, reject) => {
    resolveFinished = resolve;
    rejectFinished = reject;
  });
  finished.catch(() => undefined); // the caller may not be listening yet; the rejection is still delivered to it

  const server = https.createServer({
    // Only an office holding its invitation's key completes the handshake; the identity is remembered per socket.
    pskCallback: (socket: TLSSocket, id: string) => {
      const key = psks.get(id);
      if (key === undefined) return null;
      pskIdentity.set(socket, id);
      return key;
    },
    ciphers: PSK_CIPHERS,
    minVersion: TLS_VERSION,
    maxVersion: TLS_VERSION,
    handshakeTimeout: 10_000,
  });
  // Room for each office and a reconnect; anyone else fails the handshake anyway, but must not pile up sockets.
  server.maxConnections = identity.offices.length * 2 + 4;
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('A Localyst federation coordinator: connect with `localyst federate join`.\n');
  });
  server.on('tlsClientError', () => undefined); // a refused handshake (wrong or missing key) is the office's problem, not ours
  const wss = new WebSocketServer({ server, maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES, perMessageDeflate: false });

  const finish = (outcome: { ok: true; result: Result } | { ok: false; error: Error }): void => {
    if (settled) return;
    settled = true;
    if (outcome.ok) resolveFinished(outcome.result);
    else rejectFinished(outcome.error);
  };

  const send = (out: Outgoing[]): void => {
    for (const { to, message } of out) {
      if (message.type === 'failed') lastFailure = message.message;
      const office = offices.get(to);
      // An office that is not connected any more was (or will be) dropped: the session restarts without it.
      if (office && office.ws.readyState === office.ws.OPEN) office.ws.send(JSON.stringify(message));
    }
  };

  const changed = (): void => {
    const state = session.state;
    options.onChange?.(state);
    if (state.phase === 'done') {
      const result = session.result();
      if (result) finish({ ok: true, result: { ...result, state } });
      else finish({ ok: false, error: new AppError('internal', 'The federation ended without a model.') });
    } else if (state.phase === 'failed') {
      finish({ ok: false, error: new AppError('job-failed', lastFailure ?? 'The federation failed.') });
    }
  };

  /** Tells one office why, and closes its connection; its close handler reports a drop if it had joined. */
  const refuseOffice = (ws: WebSocket, reason: string, code: number = CLOSE.policy): void => {
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ type: 'failed', message: reason } satisfies FederationMessage));
      ws.close(code, reason.slice(0, 120));
    }
  };

  const handle = (officeId: string, office: Office, data: unknown, isBinary: boolean): void => {
    if (settled) return;
    const read = readMessage(data, isBinary);
    if (!read.ok) return refuseOffice(office.ws, read.reason);
    const message = read.message;
    if (!FROM_OFFICE.has(message.type)) return refuseOffice(office.ws, `An office may not send "${message.type}".`);
    if (!office.joined && message.type !== 'join') return refuseOffice(office.ws, 'The first message must be "join".');
    if (office.joined && message.type === 'join') return refuseOffice(office.ws, 'This office has joined already.');
    if ('officeId' in message && message.officeId !== officeId) return refuseOffice(office.ws, 'The message names another office than this connection.');
    if (message.type === 'join' && message.federationId !== spec.id) return refuseOffice(office.ws, 'This invitation is for another federation.');
    if (message.type === 'failed') {
      office.ws.close(CLOSE.done); // the office gave up (declined the spec, cancelled): its close is a drop
      return;
    }
    let out: Outgoing[];
    try {
      out = session.receive(officeId, message);
    } catch (error) {
      return refuseOffice(office.ws, reasonOf(error));
    }
    if (message.type === 'join') {
      office.joined = true;
      clearTimeout(office.joinTimer);
    }
    send(out);
    changed();
  };

  wss.on('connection', (ws, req) => {
    ws.on('error', () => undefined); // too big, bad frame: ws closes the socket itself; the close handler does the rest
    const officeId = pskIdentity.get(req.socket);
    if (officeId === undefined) return refuseOffice(ws, 'Unknown office.');
    if (settled) return refuseOffice(ws, 'This federation has ended.', CLOSE.away);
    const current = offices.get(officeId);
    if (current && current.ws.readyState !== current.ws.CLOSED) return refuseOffice(ws, 'This office is connected already (one connection per office).');
    const office: Office = {
      ws,
      joined: false,
      lastHeard: Date.now(),
      joinTimer: setTimeout(() => refuseOffice(ws, 'No "join" arrived in time.'), options.joinTimeoutMs ?? 30_000),
    };
    offices.set(officeId, office);
    ws.on('pong', () => {
      office.lastHeard = Date.now();
    });
    ws.on('message', (data, isBinary) => {
      office.lastHeard = Date.now();
      handle(officeId, office, data, isBinary);
    });
    ws.on('close', () => {
      clearTimeout(office.joinTimer);
      if (offices.get(officeId) === office) offices.delete(officeId);
      if (!office.joined || settled) return;
      try {
        send(session.drop(officeId));
        changed();
      } catch (error) {
        finish({ ok: false, error: new AppError('job-failed', reasonOf(error)) });
      }
    });
  });

  const silentLimit = options.silentLimitMs ?? 10 * 60_000;
  const heartbeat = setInterval(() => {
    for (const office of offices.values()) {
      if (Date.now() - office.lastHeard > silentLimit) office.ws.terminate(); // its close handler reports the drop
      else office.ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError('conflict', `Port ${options.port} is in use on ${options.host}: choose another (--port) or stop what uses it.`, { field: 'port' })
          : new AppError('bad-input', `The coordinator cannot listen on ${where}: ${error.message}`, { field: 'host' }),
      );
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const invitations = invitationCodes(identity, options.advertiseHost ?? options.host, port);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(heartbeat);
      finish({ ok: false, error: new AppError('cancelled', 'The coordinator was stopped before the federation ended.') });
      for (const office of offices.values()) {
        clearTimeout(office.joinTimer);
        office.ws.close(CLOSE.away, 'The coordinator stopped.');
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  if (options.signal?.aborted) await close();

  return { host: options.host, port, invitations, state: () => session.state, finished, close };
}

export async function joinFederation(options: JoinOptions): Promise<JoinResult> {
  return joinOverNetwork(options);
}
