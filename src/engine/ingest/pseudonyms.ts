import { createHmac, randomBytes } from 'node:crypto';
import type { PiiKind } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { readSetting, writeSetting } from '../db/settings-repo';

const SECRET_KEY = 'privacy.pseudonymSecret';

/** The workspace's own secret for keyed hashes; made once, stored in the workspace, never shown. */
export function pseudonymSecret(db: Db): Buffer {
  const existing = readSetting(db, SECRET_KEY);
  if (typeof existing === 'string' && existing.length >= 32) return Buffer.from(existing, 'base64');
  const secret = randomBytes(32);
  writeSetting(db, SECRET_KEY, secret.toString('base64'));
  return secret;
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
