import type { ConnectionOptions } from 'node:tls';
import { WebSocket, type ClientOptions } from 'ws';
import { AppError } from '../../shared/errors';
import type { FederationMessage } from '../../shared/federate-schemas';
import { parseInvitation, pskOf, type ParsedInvitation } from './invitation';
import type { JoinOptions, JoinResult } from './transport-types';
import { officeDriver, type OfficeDriver } from './office-driver';
import { CLOSE, DEFAULT_MAX_MESSAGE_BYTES, PSK_CIPHERS, readMessage, reasonOf, requirePsk, TLS_VERSION, urlHost } from './wire';

/** Turns a socket error into a sentence an office manager can act on. */
function connectionProblem(error: NodeJS.ErrnoException, where: string): AppError {
  if (error.code === 'ECONNREFUSED') return new AppError('job-failed', `Nothing answers at ${where}. Is the coordinator running (localyst federate serve)?`);
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return new AppError('job-failed', `The host in the invitation (${where}) cannot be found from this machine.`);
  if (error.code === 'ETIMEDOUT' || /timed out/i.test(error.message)) return new AppError('timeout', `The coordinator at ${where} did not answer in time.`);
  if (error.code === 'EPROTO' || /SSL|TLS|psk/i.test(error.message)) {
    return new AppError('job-failed', `The coordinator at ${where} refused this invitation (the secure connection could not be set up). Check the code, or ask the coordinator for a new one.`);
  }
  return new AppError('job-failed', `The connection to ${where} failed: ${error.message}`);
}

/** Connects with the invitation's pre-shared key and runs the office's session until `done`, a failure, or cancel. */
export async function joinOverNetwork(options: JoinOptions): Promise<JoinResult> {
  const invitation = parseInvitation(options.code);
  if (invitation.host === '' || invitation.port === 0) {
    throw new AppError('bad-input', 'This invitation is for exchanging files, not for a live connection: join with a mailbox folder instead.', { field: 'invitation' });
  }
  if (options.signal?.aborted) throw new AppError('cancelled', 'Joining was cancelled.');
  requirePsk();
  const driver = officeDriver(invitation, options);
  const where = `${invitation.host}:${invitation.port}`;
  const psk = pskOf(invitation.secret, invitation.federationId);
  const deadline = Date.now() + (options.waitForCoordinatorMs ?? 0);
  // An office may be started before the coordinator: a refused connection is tried again until the deadline.
  for (;;) {
    const attempt = await connect(options, invitation, driver, psk, where);
    if (attempt.ok) return attempt.value;
    if (!attempt.retry || Date.now() + RETRY_MS > deadline || options.signal?.aborted) throw attempt.error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

const RETRY_MS = 2000;
type Attempt = { ok: true; value: JoinResult } | { ok: false; error: Error; retry: boolean };

/** One connection: resolves with the outcome; `retry` when nothing answered at all (no session message was sent). */
function connect(options: JoinOptions, invitation: ParsedInvitation, driver: OfficeDriver, psk: Buffer, where: string): Promise<Attempt> {
  return new Promise<Attempt>((resolveAttempt) => {
    let settled = false;
    let opened = false;
    const tlsOptions: ConnectionOptions = {
      pskCallback: () => ({ identity: invitation.officeId, psk }),
      ciphers: PSK_CIPHERS,
      minVersion: TLS_VERSION,
      maxVersion: TLS_VERSION,
      // No certificate in a PSK handshake: the key itself authenticates the coordinator.
      checkServerIdentity: () => undefined,
    };
    const ws = new WebSocket(`wss://${urlHost(invitation.host)}:${invitation.port}/`, {
      // ws hands these to tls.connect unchanged; its own type declares checkServerIdentity with another signature.
      ...(tlsOptions as unknown as ClientOptions),
      maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      perMessageDeflate: false,
      handshakeTimeout: 15_000,
    });
    const sendAll = (messages: FederationMessage[]): void => {
      for (const m of messages) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const settle = (outcome: { ok: true; value: JoinResult } | { ok: false; error: Error }, refused = false): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      resolveAttempt(outcome.ok ? outcome : { ...outcome, retry: refused && !opened });
    };
    /** Tells the coordinator why this office stops (best effort), closes, and fails the join. */
    const giveUp = (error: Error, tell: boolean): void => {
      if (settled) return;
      if (tell && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'failed', message: reasonOf(error).slice(0, 2000) } satisfies FederationMessage));
      settle({ ok: false, error });
      ws.close(CLOSE.done);
    };
    function onAbort(): void {
      giveUp(new AppError('cancelled', 'The office left the federation (cancelled).'), true);
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    // Messages are handled one after another: training in `receive` is asynchronous and must not interleave.
    let queue = Promise.resolve();
    ws.on('open', () => {
      opened = true;
      sendAll([driver.join()]);
    });
    ws.on('message', (data, isBinary) => {
      queue = queue.then(async () => {
        if (settled) return;
        const read = readMessage(data, isBinary);
        if (!read.ok) return giveUp(new AppError('bad-input', `The coordinator sent something unreadable: ${read.reason}`), true);
        try {
          const { replies, outcome } = await driver.receive(read.message);
          if (settled) return;
          sendAll(replies);
          if (outcome) {
            settle({ ok: true, value: outcome });
            ws.close(CLOSE.done);
          }
        } catch (error) {
          // A `failed` from the coordinator needs no answer; anything else (a declined spec, a bad key) is told.
          giveUp(error instanceof Error ? error : new Error(String(error)), read.message.type !== 'failed');
        }
      });
    });
    ws.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, error: connectionProblem(error, where) }, error.code === 'ECONNREFUSED'));
    ws.on('close', (code, reason) => {
      const why = reason.toString('utf8');
      // After the messages that arrived before the close (a `done` or a `failed` with its reason) are handled.
      queue = queue.then(() =>
        settle({
          ok: false,
          error: new AppError('job-failed', `The coordinator closed the connection before the federation ended${why ? `: ${why}` : ` (code ${code})`}.`),
        }),
      );
    });
  });
}
