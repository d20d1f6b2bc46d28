import { randomBytes } from 'node:crypto';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../../shared/errors';
import { federationMessageSchema, federationPackageSchema, type FederationMessage, type FederationPackage } from '../../shared/federate-schemas';

/**
 * A federation message as a file (federationPackageSchema): encrypted to its recipient's X25519 key with a fresh
 * ephemeral key (ECDH, HKDF-SHA256, ChaCha20-Poly1305 with the header as associated data) and signed by its sender's
 * Ed25519 key over every field. `openPackage` checks the signature before it decrypts anything.
 */

const FORMAT = 'localyst-federation-package/1' as const;
const enc = new TextEncoder();

const header = (p: Pick<FederationPackage, 'federationId' | 'from' | 'to'>): Uint8Array => enc.encode(JSON.stringify([FORMAT, p.federationId, p.from, p.to]));

function signedBytes(p: Omit<FederationPackage, 'signature'>): Uint8Array {
  return enc.encode(JSON.stringify([p.format, p.federationId, p.from, p.to, p.ephemeralKey, p.nonce, p.ciphertext]));
}

function packageKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array, head: Uint8Array): Uint8Array {
  const salt = new Uint8Array([...ephemeralPublic, ...recipientPublic]);
  return hkdf(sha256, shared, salt, new Uint8Array([...enc.encode('localyst federation package key'), ...head]), 32);
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const bytesOf = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

export type SealOptions = {
  federationId: string;
  from: string;
  to: string;
  /** The sender's Ed25519 secret key and the recipient's X25519 public key. */
  signKey: Uint8Array;
  recipientBoxKey: Uint8Array;
};

/** Encrypts and signs one message for one recipient. */
export function sealPackage(message: FederationMessage, options: SealOptions): FederationPackage {
  const ephemeral = x25519.utils.randomSecretKey();
  const ephemeralPublic = x25519.getPublicKey(ephemeral);
  const head = header(options);
  const key = packageKey(x25519.getSharedSecret(ephemeral, options.recipientBoxKey), ephemeralPublic, options.recipientBoxKey, head);
  const nonce = new Uint8Array(randomBytes(12));
  const ciphertext = chacha20poly1305(key, nonce, head).encrypt(enc.encode(JSON.stringify(message)));
  const unsigned = {
    format: FORMAT,
    federationId: options.federationId,
    from: options.from,
    to: options.to,
    ephemeralKey: b64(ephemeralPublic),
    nonce: b64(nonce),
    ciphertext: b64(ciphertext),
  };
  return { ...unsigned, signature: b64(ed25519.sign(signedBytes(unsigned), options.signKey)) };
}

export type OpenOptions = {
  federationId: string;
  /** Who this side is, its X25519 secret key, and the Ed25519 public key the sender must have signed with. */
  me: string;
  boxKey: Uint8Array;
  senderSignKey: Uint8Array;
};

const refused = (why: string, file?: string): never => {
  throw new AppError('bad-input', `This federation package is refused: ${why}`, file === undefined ? { field: 'package' } : { file, field: 'package' });
};

/** Checks, verifies and decrypts a package (already parsed JSON); any defect is refused with a plain reason. */
export function openPackage(raw: unknown, options: OpenOptions, file?: string): { from: string; message: FederationMessage } {
  const parsed = federationPackageSchema.safeParse(raw);
  if (!parsed.success) return refused('it is not a Localyst federation package.', file);
  const p = parsed.data;
  if (p.federationId !== options.federationId) return refused('it belongs to another federation.', file);
  if (p.to !== options.me) return refused(`it is addressed to "${p.to}", not to this side ("${options.me}").`, file);
  const { signature, ...unsigned } = p;
  let valid = false;
  try {
    valid = ed25519.verify(bytesOf(signature), signedBytes(unsigned), options.senderSignKey);
  } catch {
    valid = false;
  }
  if (!valid) return refused(`its signature does not match "${p.from}"'s key (it was changed, or someone else made it).`, file);
  const recipientPublic = x25519.getPublicKey(options.boxKey);
  const ephemeralPublic = bytesOf(p.ephemeralKey);
  const nonce = bytesOf(p.nonce);
  if (ephemeralPublic.length !== 32 || nonce.length !== 12) return refused('its key or nonce has the wrong length.', file);
  let plain: Uint8Array;
  try {
    const head = header(p);
    const key = packageKey(x25519.getSharedSecret(options.boxKey, ephemeralPublic), ephemeralPublic, recipientPublic, head);
    plain = chacha20poly1305(key, nonce, head).decrypt(bytesOf(p.ciphertext));
  } catch {
    return refused('it cannot be decrypted with this side\'s key.', file);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return refused('its content is not a message.', file);
  }
  const message = federationMessageSchema.safeParse(json);
  if (!message.success) return refused('its content is not a federation message.', file);
  return { from: p.from, message: message.data };
}
