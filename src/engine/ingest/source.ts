import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import type { Encoding } from '../../shared/import-schemas';
import { limitExceeded, READ_LIMITS, sizeText, type ReadLimits } from './limits';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (buf: Buffer, magic: number[]): boolean => magic.every((b, i) => buf[i] === b);

/** Checks the file exists and is readable; a clear error names it otherwise. */
export function statInput(file: string): fs.Stats {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new AppError('bad-input', `${file} is not a file.`, { file });
    fs.accessSync(file, fs.constants.R_OK);
    return stat;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'it cannot be read' : String(code);
    throw new AppError('not-found', `Cannot open ${file}: ${why}.`, { file });
  }
}

export function readMagic(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    fs.readSync(fd, buf, 0, 8, 0);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

export const isGzip = (file: string): boolean => startsWith(readMagic(file), GZIP_MAGIC);
export const isZip = (file: string): boolean => startsWith(readMagic(file), ZIP_MAGIC);

/** Bytes of the file read so far (before decompression), for progress and time left. */
export type ReadProgress = { bytes: number };

/** The file's bytes, decompressed when it is gzip (within the limits on what a .gz file may unpack to). */
export function openBytes(file: string, progress?: ReadProgress, limits: ReadLimits = READ_LIMITS): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (progress) raw.on('data', (chunk) => (progress.bytes += chunk.length));
  if (!isGzip(file)) return raw;
  // Larger pieces than zlib's 16 KiB: every stage after it (decoding, the line cap, the parser) pays per piece.
  const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
  raw.on('error', (e) => gunzip.destroy(e));
  const cap = inflateCap(file, fs.statSync(file).size, limits);
  gunzip.on('error', (e) => cap.destroy(e));
  return raw.pipe(gunzip).pipe(cap);
}

/** Counts unpacked bytes and stops a .gz file that unpacks past the absolute cap or the ratio to its own size. */
function inflateCap(file: string, packedBytes: number, limits: ReadLimits): Transform {
  const allowed = Math.min(limits.gzipBytes, Math.max(limits.gzipRatioFloorBytes, packedBytes * limits.gzipRatio));
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen <= allowed) return done(null, chunk);
      const why =
        allowed === limits.gzipBytes
          ? `the compressed file unpacks to more than ${sizeText(limits.gzipBytes, 'bytes')}, the most Localyst reads from a .gz file.`
          : `the compressed file unpacks to more than ${limits.gzipRatio} times its own size (${sizeText(allowed, 'bytes')}), which is how a "zip bomb" looks. Unpack it yourself and import the plain file if it is genuine.`;
      done(limitExceeded(file, allowed === limits.gzipBytes ? 'gzipBytes' : 'gzipRatio', why));
    },
  });
}

/** Up to `max` bytes from the start of the (decompressed) file. */
export async function readHead(file: string, max = 512 * 1024, limits: ReadLimits = READ_LIMITS): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = openBytes(file, undefined, limits);
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= max) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad-input', `${path.basename(file)} could not be read (${(error as Error).message}). Is it damaged?`, { file });
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max);
}

/** Detects the text encoding: a BOM first, then UTF-16 by its zero bytes, then strict UTF-8, else Windows-1252. */
export function detectEncoding(head: Buffer): { encoding: Encoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros += 1;
    else oddZeros += 1;
  }
  if (oddZeros > sample.length / 4) return { encoding: 'utf-16le', bom: false };
  if (evenZeros > sample.length / 4) return { encoding: 'utf-16be', bom: false };
  // A multi-byte character may be cut at the end of the sample: ignore the last 3 bytes.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

/**
 * A transform from bytes in `encoding` to text, dropping a BOM. Its output stays text (the readable side has an
 * encoding): without one, each decoded piece would be encoded back into bytes and decoded again by the next stage.
 * UTF-8, most files, goes through Node's StringDecoder, which keeps a character cut between two pieces whole as
 * TextDecoder does, for a little over half its cost on a big file.
 */
export function decoder(encoding: Encoding): Transform {
  const text = encoding === 'utf-8' ? utf8Text() : textDecoderText(encoding);
  return new Transform({
    encoding: 'utf8',
    transform(chunk: Buffer, _enc, done) {
      done(null, text.write(chunk));
    },
    flush(done) {
      done(null, text.end());
    },
  });
}

/** Streaming text from UTF-8 bytes, a leading BOM dropped. */
function utf8Text(): { write(chunk: Buffer): string; end(): string } {
  const sd = new StringDecoder('utf8');
  let first = true;
  const dropBom = (piece: string): string => {
    if (!first || piece.length === 0) return piece;
    first = false;
    return piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
  };
  return { write: (chunk) => dropBom(sd.write(chunk)), end: () => dropBom(sd.end()) };
}

/** Streaming text from bytes in any other encoding (TextDecoder drops the BOM itself). */
function textDecoderText(encoding: Encoding): { write(chunk: Buffer): string; end(): string } {
  const td = new TextDecoder(encoding, { ignoreBOM: false });
  return { write: (chunk) => td.decode(chunk, { stream: true }), end: () => td.decode() };
}

export function decodeHead(head: Buffer, encoding: Encoding): string {
  return new TextDecoder(encoding).decode(head);
}
