import { createHmac } from 'node:crypto';
import type { PiiKind } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { AppError } from '../../shared/errors';

/**
 * The workspace's secret for keyed hashes is kept apart from the data (workspace/keys.ts): the engine unlocks a
 * workspace when it opens it and attaches the key to that connection (and to each job's connection). Kept beside
 * the connection, not in it, so the database file and its backups never hold it.
 */
const keys = new WeakMap<Db, Buffer | AppError>();

/** Gives this connection the workspace's key, or the error to raise when pseudonymising is attempted without one. */
export function attachPseudonymKey(db: Db, key: Buffer | AppError): void {
  keys.set(db, key);
}

/** The workspace's own secret for keyed hashes; never shown, never stored in the workspace. */
export function pseudonymSecret(db: Db): Buffer {
  const key = keys.get(db);
  if (key instanceof AppError) throw key;
  if (!key) throw new AppError('internal', 'The workspace was opened without its pseudonymisation key. This is a bug in Localyst.');
  return key;
}

/** The key attached to this connection, if any (handed on to job workers). */
export function attachedPseudonymKey(db: Db): Buffer | AppError | undefined {
  return keys.get(db);
}

const PREFIX: Record<PiiKind, string> = { email: 'em_', phone: 'ph_', name: 'nm_' };

/** Normalises before hashing so the same person matches across files (case, spaces, phone punctuation). */
export function normalisePii(kind: PiiKind, value: string): string {
  const v = value.trim();
  if (kind === 'email') return v.toLowerCase();
  if (kind === 'phone') return v.replace(/[^\d+]/g, '');
  return v.toLowerCase().replace(/\s+/g, ' ');
}

/** A keyed hash (HMAC-SHA-256) of a personal value: stable within a workspace, meaningless outside it. */
export function createPseudonymiser(secret: Buffer): (kind: PiiKind, value: string) => string {
  return (kind, value) =>
    PREFIX[kind] + createHmac('sha256', secret).update(`${kind}:${normalisePii(kind, value)}`).digest('base64url').slice(0, 22);
}

export const isPseudonym = (value: string | null): boolean => value !== null && /^(em|ph|nm)_[A-Za-z0-9_-]{22}$/.test(value);
