/** A passphrase's rough strength from its length and the kinds of character in it (no dictionary: a hint, not a verdict). */
export type Strength = { length: number; kinds: number; level: 'weak' | 'fair' | 'good' | 'strong'; bits: number };

const KINDS: Array<{ pattern: RegExp; pool: number }> = [
  { pattern: /[a-z]/, pool: 26 },
  { pattern: /[A-Z]/, pool: 26 },
  { pattern: /[0-9]/, pool: 10 },
  { pattern: /[^a-zA-Z0-9]/, pool: 33 },
];

/** The new passphrases the app asks for (a workspace's, an archive's) are at least this long. */
export const MIN_PASSPHRASE = 8;

/**
 * Length × log2(pool of the kinds used), the upper bound a brute-force search would face; thresholds follow the
 * usual guidance that ≥ 60 bits resists offline guessing behind a memory-hard KDF and ≥ 80 bits resists it outright.
 */
export function passphraseStrength(passphrase: string): Strength {
  const length = [...passphrase].length;
  const used = KINDS.filter((kind) => kind.pattern.test(passphrase));
  const pool = used.reduce((sum, kind) => sum + kind.pool, 0);
  const bits = pool > 0 ? length * Math.log2(pool) : 0;
  const level = length < MIN_PASSPHRASE || bits < 45 ? 'weak' : bits < 60 ? 'fair' : bits < 80 ? 'good' : 'strong';
  return { length, kinds: used.length, level, bits };
}
