import argon2 from 'argon2';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { UnlockSecret } from '../../shared/security-schemas';
import { DATA_KEY_BYTES, fileHeaderKind, PAGE_CIPHER } from '../db/open-database';
import { PRIVATE_FILE_MODE } from '../kernel/private-files';

/**
 * An encrypted workspace's key header, `encryption.json` (0600) in the workspace folder. It holds no secret in the
 * clear: the random 32-byte data key that SQLite3 Multiple Ciphers encrypts every page with is kept wrapped
 * (XChaCha20-Poly1305) twice, by a key derived from the passphrase with Argon2id, and by a key derived from the
 * recovery key (HKDF-SHA256: the recovery key is 160 random bits, so stretching it would add nothing). Changing the
 * passphrase re-wraps the data key; the data is not re-encrypted. Lose both the passphrase and the recovery key and
 * the data is gone: nobody, Localyst included, can open it.
 */
export const HEADER_FILE_NAME = 'encryption.json';

/**
 * Argon2id's cost, chosen on a 2-core machine to take about 0.5–1 s (128 MiB, 3 passes: ~0.6 s measured with other
 * work running) and recorded in each header, so a later version can raise it for new passphrases and still open old ones.
 */
export const DEFAULT_KDF = { name: 'argon2id' as const, memoryKiB: 131072, iterations: 3, parallelism: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const wrappedSchema = z.object({ nonce: b64, sealed: b64 });
const headerSchema = z.object({
  format: z.literal('localyst-encrypted-workspace'),
  version: z.literal(1),
  /** Not secret: names this workspace's remembered key on the desktop (the workspace id is inside the database). */
  id: z.string().uuid(),
  cipher: z.literal(PAGE_CIPHER),
  kdf: z.object({
    name: z.literal('argon2id'),
    memoryKiB: z.number().int().min(8192).max(4_194_304),
    iterations: z.number().int().min(1).max(64),
    parallelism: z.number().int().min(1).max(16),
    salt: b64,
  }),
  passphrase: wrappedSchema,
  recovery: wrappedSchema.extend({ salt: b64 }).nullable(),
  createdAt: z.string(),
  passphraseChangedAt: z.string().nullable(),
});
export type KeyHeader = z.infer<typeof headerSchema>;
export type KdfParams = typeof DEFAULT_KDF;

const AAD = new TextEncoder().encode(`localyst workspace data key v1 ${PAGE_CIPHER}`);
const RECOVERY_INFO = new TextEncoder().encode('localyst recovery key v1');
const RECOVERY_BYTES = 20;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function headerFile(dir: string): string {
  return path.join(dir, HEADER_FILE_NAME);
}

/** Whether the workspace in `dir` is encrypted: it has a key header and its database does not start plain. */
export function isEncryptedWorkspace(dir: string, dbFile: string): boolean {
  return fs.existsSync(headerFile(dir)) && fileHeaderKind(dbFile) === 'other';
}

export function readHeader(dir: string): KeyHeader {
  const file = headerFile(dir);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError(
        'workspace-key-missing',
        `This workspace is encrypted but its key file ${file} is missing. Restore encryption.json from your backup; without it the data cannot be recovered, even with the passphrase.`,
        { file },
      );
    }
    throw damaged(file);
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success) throw damaged(file);
  return header.data;
}

function damaged(file: string): AppError {
  return new AppError(
    'workspace-key-missing',
    `The key file ${file} of this encrypted workspace is damaged. Restore encryption.json from your backup; without it the data cannot be recovered.`,
    { file },
  );
}

/** Written beside and renamed, 0600: a half-written header never replaces a good one. */
export function writeHeader(dir: string, header: KeyHeader): void {
  const file = headerFile(dir);
  const partial = `${file}.${process.pid}.partial`;
  const fd = fs.openSync(partial, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, `${JSON.stringify(headerSchema.parse(header), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}

async function passphraseKek(passphrase: string, kdf: KdfParams, salt: Buffer): Promise<Uint8Array> {
  const hash = await argon2.hash(passphrase.normalize('NFC'), {
    type: argon2.argon2id,
    raw: true,
    salt,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    hashLength: 32,
  });
  return new Uint8Array(hash);
}

function recoveryKek(recovery: Uint8Array, salt: Uint8Array): Uint8Array {
  return hkdf(sha256, recovery, salt, RECOVERY_INFO, 32);
}

function wrap(kek: Uint8Array, dataKey: Uint8Array): { nonce: string; sealed: string } {
  const nonce = randomBytes(24);
  const sealed = xchacha20poly1305(kek, nonce, AAD).encrypt(dataKey);
  return { nonce: nonce.toString('base64'), sealed: Buffer.from(sealed).toString('base64') };
}

function unwrap(kek: Uint8Array, wrapped: { nonce: string; sealed: string }): Uint8Array | null {
  try {
    const key = xchacha20poly1305(kek, Buffer.from(wrapped.nonce, 'base64'), AAD).decrypt(Buffer.from(wrapped.sealed, 'base64'));
    return key.length === DATA_KEY_BYTES ? key : null;
  } catch {
    // Poly1305 refused the tag: another passphrase (or a changed header).
    return null;
  }
}

/** A recovery key as printed: 32 base32 letters in eight groups of four (160 random bits). */
export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{1,4}/g)?.join('-') ?? out;
}

/** The recovery key's bytes, or null when the text is not one (spaces, dashes and case are ignored). */
export function parseRecoveryKey(text: string): Uint8Array | null {
  const letters = text.toUpperCase().replace(/[\s-]/g, '');
  if (letters.length !== (RECOVERY_BYTES * 8) / 5) return null;
  const out = new Uint8Array(RECOVERY_BYTES);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of letters) {
    const digit = BASE32.indexOf(ch);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[at++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
    }
  }
  return out;
}

export type NewKeys = { header: KeyHeader; dataKey: Buffer; recoveryKey: string };

/** A fresh data key, wrapped by the passphrase and by a new recovery key (returned once, kept nowhere). */
export async function createKeys(passphrase: string, kdf: KdfParams = DEFAULT_KDF): Promise<NewKeys> {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const salt = randomBytes(16);
  const recovery = randomBytes(RECOVERY_BYTES);
  const recoverySalt = randomBytes(16);
  const kek = await passphraseKek(passphrase, kdf, salt);
  const header: KeyHeader = {
    format: 'localyst-encrypted-workspace',
    version: 1,
    id: randomUUID(),
    cipher: PAGE_CIPHER,
    kdf: { ...kdf, salt: salt.toString('base64') },
    passphrase: wrap(kek, dataKey),
    recovery: { ...wrap(recoveryKek(recovery, recoverySalt), dataKey), salt: recoverySalt.toString('base64') },
    createdAt: new Date().toISOString(),
    passphraseChangedAt: null,
  };
  kek.fill(0);
  return { header, dataKey, recoveryKey: formatRecoveryKey(recovery) };
}

/** The data key, or AppError 'wrong-passphrase' (nothing is written either way). */
export async function unwrapDataKey(header: KeyHeader, secret: UnlockSecret, dir: string): Promise<Buffer> {
  let key: Uint8Array | null = null;
  if ('passphrase' in secret) {
    const kek = await passphraseKek(secret.passphrase, header.kdf, Buffer.from(header.kdf.salt, 'base64'));
    key = unwrap(kek, header.passphrase);
    kek.fill(0);
  } else {
    const recovery = parseRecoveryKey(secret.recoveryKey);
    if (recovery && header.recovery) key = unwrap(recoveryKek(recovery, Buffer.from(header.recovery.salt, 'base64')), header.recovery);
  }
  if (!key) throw wrongSecret(secret, dir);
  return Buffer.from(key);
}

export function wrongSecret(secret: UnlockSecret, dir: string): AppError {
  const what = 'passphrase' in secret ? 'passphrase' : 'recovery key';
  return new AppError(
    'wrong-passphrase',
    `That ${what} does not open the encrypted workspace ${dir}; nothing was changed. Check it and try again, or use the ` +
      (what === 'passphrase' ? 'recovery key printed when the workspace was encrypted.' : 'passphrase.') +
      ' Without the passphrase or the recovery key the data cannot be recovered by anyone, Localyst included.',
    { file: dir, field: 'passphrase' in secret ? 'passphrase' : 'recoveryKey' },
  );
}

/** The header with the data key wrapped by a new passphrase (a new salt); the recovery wrap is kept. */
export async function rewrapForPassphrase(header: KeyHeader, dataKey: Uint8Array, next: string): Promise<KeyHeader> {
  const salt = randomBytes(16);
  const kdf: KdfParams = { name: 'argon2id', memoryKiB: DEFAULT_KDF.memoryKiB, iterations: DEFAULT_KDF.iterations, parallelism: DEFAULT_KDF.parallelism };
  const kek = await passphraseKek(next, kdf, salt);
  const passphrase = wrap(kek, dataKey);
  kek.fill(0);
  return { ...header, kdf: { ...kdf, salt: salt.toString('base64') }, passphrase, passphraseChangedAt: new Date().toISOString() };
}
