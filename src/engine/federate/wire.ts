import { getCiphers } from 'node:tls';
import { AppError } from '../../shared/errors';
import { federationMessageSchema, type FederationMessage } from '../../shared/federate-schemas';

/**
 * What both ends of the live transport agree on: TLS 1.2 with a pre-shared key per office (ECDHE-PSK with
 * ChaCha20-Poly1305: the key authenticates both sides and an ephemeral ECDH gives forward secrecy; no certificate),
 * message size limits, and one reader for incoming messages that never throws past the socket.
 */

export const PSK_CIPHERS = 'ECDHE-PSK-CHACHA20-POLY1305';
export const TLS_VERSION = 'TLSv1.2' as const;

/**
 * Refuses plainly where the TLS library lacks the cipher (checked under Node's OpenSSL; Electron's BoringSSL has
 * TLS 1.2 PSK suites, but whether its Node exposes them is checked here rather than assumed).
 */
export function requirePsk(): void {
  if (!getCiphers().includes(PSK_CIPHERS.toLowerCase())) {
    throw new AppError('internal', 'This build\'s TLS library has no pre-shared-key cipher, so the live connection is not available here. Exchange package files instead (a mailbox folder), or run `localyst federate` from the command line.');
  }
}

/** Weight vectors of the largest spec (4 × 512 hidden units over 500 features) stay well under this. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** Close codes: 1008 policy violation (a bad message or identity), 1009 too big, 1000 done, 1001 going away. */
export const CLOSE = { done: 1000, away: 1001, policy: 1008, tooBig: 1009 } as const;

/** Reads one WebSocket frame as a federation message, or says plainly why it is not one. */
export function readMessage(data: unknown, isBinary: boolean): { ok: true; message: FederationMessage } | { ok: false; reason: string } {
  if (isBinary) return { ok: false, reason: 'Messages are JSON text, not binary.' };
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data as Buffer[]).toString('utf8') : String(data);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The message is not JSON.' };
  }
  const parsed = federationMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'The message is not a federation message this version understands.' };
  return { ok: true, message: parsed.data };
}

/** A flat weight vector from its base64 form (little-endian float32). */
export function weightsFrom(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length % 4 !== 0) throw new AppError('bad-input', 'The model weights arrived damaged (not whole 32-bit numbers).', { field: 'weights' });
  const copy = new Uint8Array(bytes);
  return new Float32Array(copy.buffer, copy.byteOffset, copy.length / 4);
}

/** A plain sentence for an error thrown while handling a message (protocol errors are AppErrors already). */
export function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error && error.message !== '' ? error.message : 'The message could not be handled.';
}

/** The URL host part: IPv6 literals need brackets. */
export const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);
