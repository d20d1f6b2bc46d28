// The strength hint under a new passphrase (pure: length × log2 of the character kinds used).
import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE, passphraseStrength } from '../../../src/renderer/src/security/strength';

describe('passphrase strength hint', () => {
  it('counts characters (not UTF-16 units) and the kinds used', () => {
    expect(passphraseStrength('abc')).toMatchObject({ length: 3, kinds: 1, level: 'weak' });
    expect(passphraseStrength('Ab1!')).toMatchObject({ length: 4, kinds: 4 });
    expect(passphraseStrength('😀😀').length).toBe(2);
  });

  it('is weak below the minimum length whatever the variety, and grows with length', () => {
    expect(passphraseStrength('A1!b2@C'.slice(0, MIN_PASSPHRASE - 1)).level).toBe('weak');
    // 10 lower-case letters: 10 × log2(26) ≈ 47 bits → fair; 14 → ≈ 66 bits → good; four words with spaces → strong.
    expect(passphraseStrength('abcdefghij').level).toBe('fair');
    expect(passphraseStrength('abcdefghijklmn').level).toBe('good');
    expect(passphraseStrength('violet staircase lamp harbour').level).toBe('strong');
    expect(passphraseStrength('abcdefghijklmn').bits).toBeCloseTo(14 * Math.log2(26), 10);
  });
});
