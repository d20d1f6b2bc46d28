import { randomBytes } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../../shared/errors';
import { federationMessageSchema, federationPackageSchema, type FederationMessage, type FederationPackage } from '../../shared/federate-schemas';
import { fromBase64, toBase64 } from './weights';

/**
 * A federation message as a file (the mailbox transport): encrypted to its recipient's X25519 key with a fresh
 * ephemeral key (X25519 → HKDF-SHA256 → XChaCha20-Poly1305, the header bound as associated data) and signed by its
 * sender's Ed25519 key over every other field. Opening checks the addressee, then the signature, then decrypts.
 */

const FORMAT = 'localyst-federation-package/1' as const;
const encoder = new TextEncoder();

/** Sender and recipient keys are base64: the recipient's X25519 public key, the sender's Ed25519 secret key. */
export type SealOptions = { federationId: string; from: string; to: string; recipientBoxKey: string; senderSignKey: string };

const header = (p: Pick<FederationPackage, 'format' | 'federationId' | 'from' | 'to' | 'ephemeralKey'>): Uint8Array =>
  encoder.encode(JSON.stringify([p.format, p.federationId, p.from, p.to, p.ephemeralKey]));

const signedBytes = (p: Omit<FederationPackage, 'signature'>): Uint8Array =>
  encoder.encode(JSON.stringify([p.format, p.federationId, p.from, p.to, p.ephemeralKey, p.nonce, p.ciphertext]));

function packageKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array, p: { federationId: string; from: string; to: string }): Uint8Array {
  const salt = new Uint8Array([...ephemeralPublic, ...recipientPublic]);
  return hkdf(sha256, shared, salt, encoder.encode(`localyst/federate/package/1|${p.federationId}|${p.from}|${p.to}`), 32);
}

/** Seals a message for one recipient. */
export function sealPackage(message: FederationMessage, options: SealOptions): FederationPackage {
  const recipientPublic = fromBase64(options.recipientBoxKey, 'recipientBoxKey');
  const ephemeral = x25519.keygen();
  const shared = x25519.getSharedSecret(ephemeral.secretKey, recipientPublic);
  const key = packageKey(shared, ephemeral.publicKey, recipientPublic, options);
  const nonce = new Uint8Array(randomBytes(24));
  const head = { format: FORMAT, federationId: options.federationId, from: options.from, to: options.to, ephemeralKey: toBase64(ephemeral.publicKey) };
  const ciphertext = xchacha20poly1305(key, nonce, header(head)).encrypt(encoder.encode(JSON.stringify(federationMessageSchema.parse(message))));
  const unsigned = { ...head, nonce: toBase64(nonce), ciphertext: toBase64(ciphertext) };
  const signature = ed25519.sign(signedBytes(unsigned), fromBase64(options.senderSignKey, 'senderSignKey'));
  return { ...unsigned, signature: toBase64(signature) };
}

export type OpenOptions = {
  /** Who this party is (an office id or 'coordinator'): a package for anyone else is refused. */
  self: string;
  /** This party's X25519 secret key (base64). */
  boxKey: string;
  /** The Ed25519 public key (base64) of a sender id, or null when the sender is unknown. */
  signerKey: (from: string) => string | null;
};

const refuse = (message: string, field: string): never => {
  throw new AppError('bad-input', message, { field });
};

/** Opens a package: addressed to `self`, signed by the key its sender is known by, decrypted and checked. */
export function openPackage(input: unknown, options: OpenOptions): { from: string; federationId: string; message: FederationMessage } {
  const parsed = federationPackageSchema.safeParse(input);
  if (!parsed.success) return refuse('This is not a Localyst federation package (or it was cut short).', 'package');
  const p = parsed.data;
  if (p.to !== options.self) refuse(`This package is addressed to "${p.to}", not to "${options.self}".`, 'to');
  const signer = options.signerKey(p.from) ?? refuse(`This package says it comes from "${p.from}", which is not part of this federation.`, 'from');
  let valid = false;
  try {
    valid = ed25519.verify(fromBase64(p.signature, 'signature'), signedBytes(p), fromBase64(signer, 'signerKey'));
  } catch {
    valid = false;
  }
  if (!valid) refuse(`The package's signature does not match "${p.from}": it was changed after sealing, or someone else sealed it.`, 'signature');
  let plain: Uint8Array;
  try {
    const secret = fromBase64(options.boxKey, 'boxKey');
    const ephemeral = fromBase64(p.ephemeralKey, 'ephemeralKey');
    const key = packageKey(x25519.getSharedSecret(secret, ephemeral), ephemeral, x25519.getPublicKey(secret), p);
    plain = xchacha20poly1305(key, fromBase64(p.nonce, 'nonce'), header(p)).decrypt(fromBase64(p.ciphertext, 'ciphertext'));
  } catch {
    return refuse('This package cannot be opened with this key: it was sealed for another recipient.', 'ciphertext');
  }
  let message: FederationMessage;
  try {
    message = federationMessageSchema.parse(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    return refuse('The package opened but does not hold a valid federation message.', 'message');
  }
  if ((message.type === 'stats' || message.type === 'update') && message.officeId !== p.from) {
    refuse(`The package from "${p.from}" carries a message of "${message.officeId}".`, 'from');
  }
  return { from: p.from, federationId: p.federationId, message };
}

/** Fresh long-term keys for a party (base64): X25519 to receive packages, Ed25519 to sign them. */
export function partyKeys(): { boxKey: string; boxPublicKey: string; signKey: string; signPublicKey: string } {
  const box = x25519.keygen();
  const signKey = ed25519.utils.randomSecretKey();
  return { boxKey: toBase64(box.secretKey), boxPublicKey: toBase64(box.publicKey), signKey: toBase64(signKey), signPublicKey: toBase64(ed25519.getPublicKey(signKey)) };
}
