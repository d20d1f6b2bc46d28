import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { InvitationCode } from './transport-types';
import type { Invitation } from './protocol';

/**
 * Invitation codes: one per office, made by the coordinator, pasted or e-mailed to the office.
 * A code holds where to connect, which federation and office it is for, a 256-bit secret, and the coordinator's
 * public signing and box keys (pinned: the office refuses a coordinator with other keys). The secret is never sent:
 * both sides derive from it the TLS pre-shared key, the join token, and the office's package keys (file transport).
 * Layout (then base64url after "lyst1-"): version, federation id (16), secret (32), coordinator signing key (32),
 * coordinator box key (32), port (2), host, office id and office name (each a length byte and UTF-8), and the first
 * 4 bytes of the SHA-256 of all that, so a typo or a truncated paste is caught.
 */

const PREFIX = 'lyst1-';
const VERSION = 1;
const SECRET_BYTES = 32;
const CHECK_BYTES = 4;
const OFFICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A host name or an IPv4/IPv6 address; empty for an office that only exchanges files. */
const HOST = /^$|^[A-Za-z0-9.-]{1,253}$|^[0-9A-Fa-f:.]{2,45}$/;

export type ParsedInvitation = {
  federationId: string;
  officeId: string;
  name: string;
  host: string;
  port: number;
  secret: Uint8Array;
  coordinatorSignKey: Uint8Array;
  coordinatorBoxKey: Uint8Array;
};

const b64 = z.string().regex(/^[A-Za-z0-9+/_-]+={0,2}$/);

/** What the coordinator keeps private (a 0600 file beside the spec): its long-term keys and each office's secret. */
export const coordinatorIdentitySchema = z.strictObject({
  federationId: z.string().uuid(),
  /** X25519 and Ed25519 secret keys, base64. */
  boxKey: b64,
  signKey: b64,
  offices: z
    .array(z.strictObject({ officeId: z.string().regex(OFFICE_ID), name: z.string().min(1).max(120), secret: b64 }))
    .min(1)
    .max(50),
});
export type CoordinatorIdentity = z.infer<typeof coordinatorIdentitySchema>;

const toB64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** Fresh long-term keys and one secret per office; office ids are neutral ("office-2") because TLS-PSK sends them in the clear. */
export function createCoordinatorIdentity(names: string[], federationId: string = randomUUID()): CoordinatorIdentity {
  const cleaned = names.map((n) => n.trim());
  if (cleaned.length < 2 || cleaned.length > 50) {
    throw new AppError('bad-input', `A federation needs 2 to 50 offices; ${cleaned.length} ${cleaned.length === 1 ? 'was' : 'were'} named.`, { field: 'offices' });
  }
  const seen = new Set<string>();
  for (const name of cleaned) {
    if (name === '' || name.length > 120) throw new AppError('bad-input', 'Each office needs a name of 1 to 120 characters.', { field: 'offices' });
    if (seen.has(name.toLowerCase())) throw new AppError('bad-input', `The office "${name}" is named twice.`, { field: 'offices' });
    seen.add(name.toLowerCase());
  }
  return {
    federationId,
    boxKey: toB64(x25519.utils.randomSecretKey()),
    signKey: toB64(ed25519.utils.randomSecretKey()),
    offices: cleaned.map((name, i) => ({ officeId: `office-${i + 1}`, name, secret: toB64(randomBytes(SECRET_BYTES)) })),
  };
}

/** The coordinator's public keys, as pinned in every invitation. */
export function coordinatorPublicKeys(identity: CoordinatorIdentity): { signKey: Uint8Array; boxKey: Uint8Array } {
  return { signKey: ed25519.getPublicKey(fromB64(identity.signKey)), boxKey: x25519.getPublicKey(fromB64(identity.boxKey)) };
}

const uuidBytes = (id: string): Uint8Array => new Uint8Array(Buffer.from(id.replace(/-/g, ''), 'hex'));
const uuidText = (bytes: Uint8Array): string => {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

function derive(secret: Uint8Array, federationId: string, purpose: string, length = 32): Uint8Array {
  return hkdf(sha256, secret, uuidBytes(federationId), new TextEncoder().encode(`localyst federation ${purpose}`), length);
}

/** The TLS pre-shared key of one office (its PSK identity is the office id). */
export const pskOf = (secret: Uint8Array, federationId: string): Buffer => Buffer.from(derive(secret, federationId, 'tls-psk'));

/** The token the office's `join` carries (the protocol checks it); derived, so the secret itself never travels. */
export const tokenOf = (secret: Uint8Array, federationId: string): string => Buffer.from(derive(secret, federationId, 'join-token')).toString('base64url');

/**
 * The office's keys for the file transport, derived from its secret: the coordinator knows the public halves
 * without any exchange, and a package signed with them proves it came from the holder of the invitation.
 */
export function officePackageKeys(secret: Uint8Array, federationId: string): { signKey: Uint8Array; signPublic: Uint8Array; boxKey: Uint8Array; boxPublic: Uint8Array } {
  const signKey = derive(secret, federationId, 'office-sign');
  const boxKey = derive(secret, federationId, 'office-box');
  return { signKey, signPublic: ed25519.getPublicKey(signKey), boxKey, boxPublic: x25519.getPublicKey(boxKey) };
}

/** The invitations in the protocol's terms (office id, name, token) for `createCoordinator`. */
export function protocolInvitations(identity: CoordinatorIdentity): Invitation[] {
  return identity.offices.map((o) => ({ officeId: o.officeId, name: o.name, token: tokenOf(fromB64(o.secret), identity.federationId) }));
}

export const officeSecret = (office: { secret: string }): Uint8Array => fromB64(office.secret);

function lengthPrefixed(text: string, max: number, what: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > max) throw new AppError('bad-input', `The ${what} is too long for an invitation (${bytes.length} bytes; at most ${max}).`, { field: what });
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

/** One copy-paste code per office; `host` empty for offices that only exchange files. */
export function invitationCodes(identity: CoordinatorIdentity, host: string, port: number): InvitationCode[] {
  if (!HOST.test(host)) throw new AppError('bad-input', `"${host}" is not a host name or an IP address.`, { field: 'host' });
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('bad-input', `The port must be 0 to 65535, not ${port}.`, { field: 'port' });
  const keys = coordinatorPublicKeys(identity);
  return identity.offices.map((office) => {
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16BE(port);
    const body = Buffer.concat([
      Buffer.from([VERSION]),
      uuidBytes(identity.federationId),
      officeSecret(office),
      keys.signKey,
      keys.boxKey,
      portBytes,
      lengthPrefixed(host, 253, 'host'),
      lengthPrefixed(office.officeId, 64, 'office id'),
      lengthPrefixed(office.name, 120, 'office name'),
    ]);
    const check = Buffer.from(sha256(body)).subarray(0, CHECK_BYTES);
    return { office: office.name, code: `${PREFIX}${Buffer.concat([body, check]).toString('base64url')}` };
  });
}

const refuse = (message: string): never => {
  throw new AppError('bad-input', message, { field: 'invitation' });
};

/** Reads a pasted code; spaces and line breaks (from e-mail wrapping) are ignored. Any defect is a plain error. */
export function parseInvitation(raw: string): ParsedInvitation {
  const text = raw.replace(/\s+/g, '');
  if (!text.startsWith(PREFIX)) refuse('This is not a Localyst invitation code: it should start with "lyst1-". Paste the whole code the coordinator sent.');
  const payload = text.slice(PREFIX.length);
  if (payload.length > 1200 || !/^[A-Za-z0-9_-]+$/.test(payload)) refuse('The invitation code has characters that do not belong in it. Paste it again, exactly as sent.');
  const bytes = Buffer.from(payload, 'base64url');
  const fixed = 1 + 16 + SECRET_BYTES + 32 + 32 + 2;
  if (bytes.length < fixed + 3 + CHECK_BYTES) refuse('The invitation code is too short: part of it is missing. Paste the whole code.');
  const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
  const check = bytes.subarray(bytes.length - CHECK_BYTES);
  if (!Buffer.from(sha256(body)).subarray(0, CHECK_BYTES).equals(check)) {
    refuse('The invitation code does not check out: a character is wrong or missing. Paste it again, exactly as sent.');
  }
  if (body[0] !== VERSION) refuse('This invitation code was made by another version of Localyst. Ask the coordinator for a new one.');
  let at = 1;
  const take = (n: number): Buffer => {
    if (at + n > body.length) refuse('The invitation code is damaged (a field runs past its end).');
    const part = body.subarray(at, at + n);
    at += n;
    return part;
  };
  const federationId = uuidText(take(16));
  const secret = new Uint8Array(take(SECRET_BYTES));
  const coordinatorSignKey = new Uint8Array(take(32));
  const coordinatorBoxKey = new Uint8Array(take(32));
  const port = take(2).readUInt16BE(0);
  const text8 = (): string => take(take(1)[0] as number).toString('utf8');
  const host = text8();
  const officeId = text8();
  const name = text8();
  if (at !== body.length) refuse('The invitation code is damaged (extra bytes at its end).');
  if (!HOST.test(host)) refuse('The invitation code names a host that is not a host name or an IP address.');
  if (!OFFICE_ID.test(officeId)) refuse('The invitation code names an office id that is not valid.');
  if (name.trim() === '') refuse('The invitation code has no office name.');
  return { federationId, officeId, name, host, port, secret, coordinatorSignKey, coordinatorBoxKey };
}
