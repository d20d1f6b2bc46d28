import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../src/engine/ingest/numbers';

describe('parseNumber', () => {
  it('reads plain numbers on the fast path exactly as Number does', () => {
    for (const text of ['0', '12', '-3', '1.5', '-0.25', '007', '541909', '12345678901234567890', ' 42 ']) {
      expect(parseNumber(text, false)).toBe(Number(text.trim()));
    }
  });

  it('reads what exports write beside plain numbers', () => {
    expect(parseNumber('1,234.50', false)).toBe(1234.5);
    expect(parseNumber('(12.00)', false)).toBe(-12);
    expect(parseNumber('€ 12,99', true)).toBe(12.99);
    expect(parseNumber('1.234,50', true)).toBe(1234.5);
    expect(parseNumber('1.', false)).toBe(1);
    expect(parseNumber('.5', false)).toBe(0.5);
    expect(parseNumber('+7', false)).toBe(7);
    expect(parseNumber('2e3', false)).toBe(2000);
    expect(parseNumber('$1,000', false)).toBe(1000);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', '   ', '-', '--1', '1.2.3', '1-2', 'abc', '12a', '١٢', '0x10', '1..2', '.']) {
      expect(parseNumber(text, false), text).toBeNaN();
    }
  });
});
