import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Encoding } from '../../../src/shared/import-schemas';
import { decoder } from '../../../src/engine/ingest/source';

/** Bytes cut into pieces of `size` (so characters fall across pieces), through the decoder; its output pieces. */
async function decode(bytes: Buffer, encoding: Encoding, size: number): Promise<unknown[]> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  const out: unknown[] = [];
  for await (const piece of Readable.from(pieces).pipe(decoder(encoding))) out.push(piece);
  return out;
}

const TEXT = 'Name;City\nZoë Müller;Kraków\n“Quotes” 🌍;São Paulo\n';

describe('decoder', () => {
  for (const size of [1, 2, 3, 5, 64]) {
    it(`gives text pieces, whole characters and no BOM, from UTF-8 cut every ${size} bytes`, async () => {
      const out = await decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8', size);
      expect(out.every((piece) => typeof piece === 'string')).toBe(true);
      expect(out.join('')).toBe(TEXT);
    });
  }

  it('keeps a BOM-like character that is not at the start', async () => {
    expect((await decode(Buffer.from('a\ufeffb', 'utf8'), 'utf-8', 2)).join('')).toBe('a\ufeffb');
  });

  it('decodes Windows-1252 and UTF-16 (with its BOM dropped) to text', async () => {
    const latin = Buffer.from([0x5a, 0x6f, 0xeb, 0x3b, 0x80, 0x0a]); // Zoë;€
    expect((await decode(latin, 'windows-1252', 2)).join('')).toBe('Zoë;€\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const out = await decode(utf16, 'utf-16le', 3);
    expect(out.every((piece) => typeof piece === 'string')).toBe(true);
    expect(out.join('')).toBe(TEXT);
  });
});
