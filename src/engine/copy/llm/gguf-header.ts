import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * The header of a GGUF model file, read without loading the model: llama.cpp aborts the whole process on some
 * malformed files (a missing head count, a vocabulary with duplicate tokens, a token-type list shorter than the
 * vocabulary), so a file the user picked is read and checked here first.
 *
 * Layout (v2 and v3): "GGUF", uint32 version, uint64 tensor count, uint64 key/value count, then per key/value a
 * string key, a uint32 value type and the value. Strings are a uint64 byte length and UTF-8 bytes; arrays are a
 * uint32 item type, a uint64 count and the items. Everything is little-endian.
 */

export const ggufTypes = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'bool', 'string', 'array', 'uint64', 'int64', 'float64'] as const;
export type GgufType = (typeof ggufTypes)[number];
export type GgufScalarType = Exclude<GgufType, 'array'>;

/** A scalar keeps its value; an array keeps only its item type and length (tokens also count their duplicates). */
export type GgufEntry =
  | { type: GgufScalarType; value: number | bigint | boolean | string }
  | { type: 'array'; itemType: GgufScalarType; length: number; duplicates?: number };

export type GgufHeader = {
  file: string;
  sizeBytes: number;
  version: number;
  tensorCount: number;
  kvCount: number;
  kv: Map<string, GgufEntry>;
};

const FIXED_SIZE: Partial<Record<GgufScalarType, number>> = {
  uint8: 1, int8: 1, bool: 1, uint16: 2, int16: 2, uint32: 4, int32: 4, float32: 4, uint64: 8, int64: 8, float64: 8,
};

/** Caps that keep a hostile header from making us allocate or loop much; real models stay far below them. */
export const GGUF_LIMITS = {
  keyValues: 65_536,
  keyBytes: 65_535,
  /** A string value kept in memory (chat templates are tens of kilobytes). */
  valueBytes: 1 << 20,
  /** Token bytes kept to look for duplicates (a 256k-token vocabulary is a few megabytes). */
  tokenBytes: 64 << 20,
  tokens: 4_000_000,
  tensors: 1_000_000,
} as const;

const TOKENS_KEY = 'tokenizer.ggml.tokens';
const CHUNK = 1 << 16;

/** Buffered little-endian reads from an open file, never past its end. */
class Reader {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
    private readonly file: string,
  ) {}

  refuse(why: string): never {
    throw new AppError('bad-input', `"${path.basename(this.file)}" is not a GGUF model file llama.cpp can load: ${why}.`, { file: this.file });
  }

  get remaining(): number {
    return this.size - this.pos;
  }

  private async bytes(n: number): Promise<Buffer> {
    if (n > this.remaining) this.refuse(`the file ends early (truncated at byte ${this.size})`);
    const end = this.bufStart + this.buf.length;
    if (this.pos < this.bufStart || this.pos + n > end) {
      const want = Math.min(Math.max(n, CHUNK), this.remaining);
      const next = Buffer.alloc(want);
      const { bytesRead } = await this.handle.read(next, 0, want, this.pos);
      if (bytesRead < n) this.refuse('the file ends early');
      this.buf = next.subarray(0, bytesRead);
      this.bufStart = this.pos;
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  skip(n: number): void {
    if (n > this.remaining) this.refuse(`the file ends early (truncated at byte ${this.size})`);
    this.pos += n;
  }

  async u32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0);
  }

  /** A uint64 count or length; anything beyond what the rest of the file could hold is refused by the caller. */
  async u64(): Promise<number> {
    const n = (await this.bytes(8)).readBigUInt64LE(0);
    return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  }

  async string(max: number, what: string): Promise<string> {
    const n = await this.u64();
    if (n > max) this.refuse(`${what} is ${n} bytes long (at most ${max})`);
    return (await this.bytes(n)).toString('utf8');
  }

  async scalar(type: GgufScalarType, what: string): Promise<number | bigint | boolean | string> {
    if (type === 'string') return this.string(GGUF_LIMITS.valueBytes, what);
    const b = await this.bytes(FIXED_SIZE[type] ?? 0);
    switch (type) {
      case 'uint8':
        return b.readUInt8(0);
      case 'int8':
        return b.readInt8(0);
      case 'bool':
        return b.readUInt8(0) !== 0;
      case 'uint16':
        return b.readUInt16LE(0);
      case 'int16':
        return b.readInt16LE(0);
      case 'uint32':
        return b.readUInt32LE(0);
      case 'int32':
        return b.readInt32LE(0);
      case 'float32':
        return b.readFloatLE(0);
      case 'uint64':
        return b.readBigUInt64LE(0);
      case 'int64':
        return b.readBigInt64LE(0);
      case 'float64':
        return b.readDoubleLE(0);
    }
  }
}

async function readType(r: Reader, what: string): Promise<GgufType> {
  const id = await r.u32();
  const type = ggufTypes[id];
  if (type === undefined) r.refuse(`${what} has an unknown value type (${id})`);
  return type;
}

/** Skips an array's items (reading only string lengths); the vocabulary is also checked for duplicates. */
async function readArray(r: Reader, key: string): Promise<GgufEntry> {
  const itemType = await readType(r, `the array "${key}"`);
  if (itemType === 'array') r.refuse(`"${key}" is an array of arrays`);
  const length = await r.u64();
  const itemSize = FIXED_SIZE[itemType] ?? 8; // a string takes at least its 8-byte length
  if (length > r.remaining / itemSize) r.refuse(`"${key}" claims ${length} items, more than the file holds`);
  if (itemType !== 'string') {
    r.skip(length * itemSize);
    return { type: 'array', itemType, length };
  }
  const isTokens = key === TOKENS_KEY;
  if (length > GGUF_LIMITS.tokens) r.refuse(`"${key}" has ${length} strings (at most ${GGUF_LIMITS.tokens})`);
  const seen = new Set<string>();
  let keptBytes = 0;
  let duplicates = 0;
  for (let i = 0; i < length; i++) {
    if (isTokens) {
      const token = await r.string(GGUF_LIMITS.valueBytes, `token ${i}`);
      keptBytes += Buffer.byteLength(token);
      if (keptBytes > GGUF_LIMITS.tokenBytes) r.refuse(`the vocabulary is larger than ${GGUF_LIMITS.tokenBytes >> 20} MiB`);
      if (seen.has(token)) duplicates++;
      else seen.add(token);
    } else {
      r.skip(await r.u64());
    }
  }
  return isTokens ? { type: 'array', itemType, length, duplicates } : { type: 'array', itemType, length };
}

/** Reads a GGUF file's header and metadata (not its tensors); refuses anything that is not a sane GGUF v2/v3 file. */
export async function readGgufHeader(file: string): Promise<GgufHeader> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not-found', `The model file ${file} does not exist.`, { file });
    throw new AppError('bad-input', `The model file ${file} cannot be read (${code ?? String(error)}).`, { file });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('bad-input', `${file} is not a file. Choose a .gguf model file.`, { file });
    const r = new Reader(handle, stat.size, file);
    if (stat.size < 24) r.refuse('the file is too small');
    const magic = (await r.scalar('uint32', 'magic')) as number;
    if (magic !== 0x46554747) r.refuse('it does not start with "GGUF"');
    const version = await r.u32();
    if (version !== 2 && version !== 3) r.refuse(`GGUF version ${version} is not supported (2 or 3)`);
    const tensorCount = await r.u64();
    const kvCount = await r.u64();
    // A tensor info takes at least 33 bytes and a key/value at least 14: counts the file cannot hold are lies.
    if (tensorCount > GGUF_LIMITS.tensors || tensorCount > r.remaining / 33) r.refuse(`it claims ${tensorCount} tensors`);
    if (kvCount > GGUF_LIMITS.keyValues || kvCount > r.remaining / 14) r.refuse(`it claims ${kvCount} metadata keys`);

    const kv = new Map<string, GgufEntry>();
    for (let i = 0; i < kvCount; i++) {
      const key = await r.string(GGUF_LIMITS.keyBytes, `metadata key ${i}`);
      if (kv.has(key)) r.refuse(`the key "${key}" appears twice`);
      const type = await readType(r, `"${key}"`);
      kv.set(key, type === 'array' ? await readArray(r, key) : { type, value: await r.scalar(type, `"${key}"`) });
    }
    return { file, sizeBytes: stat.size, version, tensorCount, kvCount, kv };
  } finally {
    await handle.close();
  }
}

/** Architectures that normalise with RMSNorm and so need `<arch>.attention.layer_norm_rms_epsilon`. */
const RMS_NORM_ARCHITECTURES = new Set(['llama', 'mistral', 'qwen2', 'qwen3', 'gemma', 'gemma2', 'gemma3', 'phi3', 'granite', 'olmo2']);

const typeName = (entry: GgufEntry | undefined): string =>
  !entry ? 'missing' : entry.type === 'array' ? `an array of ${entry.itemType}` : `a ${entry.type}`;

/** A header's string value, or null. */
export function ggufString(header: GgufHeader, key: string): string | null {
  const entry = header.kv.get(key);
  return entry?.type === 'string' && typeof entry.value === 'string' ? entry.value : null;
}

/** A header's uint32 value, or null. */
export function ggufUint32(header: GgufHeader, key: string): number | null {
  const entry = header.kv.get(key);
  return entry?.type === 'uint32' && typeof entry.value === 'number' ? entry.value : null;
}

/**
 * Refuses (AppError 'bad-input', naming the file and the key) a header llama.cpp would abort or fail on: the
 * architecture's hyperparameters with their exact types, and a tokenizer whose lists agree with each other.
 */
export function checkLlamaHeader(header: GgufHeader): void {
  const name = path.basename(header.file);
  const refuse = (key: string, why: string): never => {
    throw new AppError('bad-input', `"${name}" is not a model llama.cpp can load: ${why}. Choose another GGUF file.`, { file: header.file, field: key });
  };
  const expect = (key: string, want: string, ok: boolean): void => {
    if (!ok) refuse(key, `"${key}" should be ${want} but is ${typeName(header.kv.get(key))}`);
  };

  const arch = ggufString(header, 'general.architecture');
  expect('general.architecture', 'a string', arch !== null && arch.length > 0);
  const a = arch as string;

  for (const key of ['context_length', 'embedding_length', 'block_count']) {
    const value = ggufUint32(header, `${a}.${key}`);
    expect(`${a}.${key}`, 'a uint32', value !== null);
    if (value === 0) refuse(`${a}.${key}`, `"${a}.${key}" is 0`);
  }
  const blocks = ggufUint32(header, `${a}.block_count`) ?? 0;
  // llama.cpp also accepts one value per block as an array.
  for (const key of ['feed_forward_length', 'attention.head_count']) {
    const entry = header.kv.get(`${a}.${key}`);
    const perBlock = entry?.type === 'array' && (entry.itemType === 'uint32' || entry.itemType === 'int32') && entry.length === blocks;
    expect(`${a}.${key}`, `a uint32 (or one per block)`, entry?.type === 'uint32' || perBlock);
  }
  if (ggufUint32(header, `${a}.attention.head_count`) === 0) refuse(`${a}.attention.head_count`, `"${a}.attention.head_count" is 0`);

  const rms = `${a}.attention.layer_norm_rms_epsilon`;
  const plain = `${a}.attention.layer_norm_epsilon`;
  if (RMS_NORM_ARCHITECTURES.has(a) || !header.kv.has(plain)) expect(rms, 'a float32', header.kv.get(rms)?.type === 'float32');
  else expect(plain, 'a float32', header.kv.get(plain)?.type === 'float32');

  expect('tokenizer.ggml.model', 'a string', ggufString(header, 'tokenizer.ggml.model') !== null);
  const tokens = header.kv.get(TOKENS_KEY);
  expect(TOKENS_KEY, 'an array of string', tokens?.type === 'array' && tokens.itemType === 'string' && tokens.length > 0);
  const vocab = tokens?.type === 'array' ? tokens : { length: 0, duplicates: 0 };
  if (vocab.duplicates) refuse(TOKENS_KEY, `the vocabulary lists ${vocab.duplicates} token${vocab.duplicates === 1 ? '' : 's'} twice`);
  for (const [key, itemType] of [['tokenizer.ggml.scores', 'float32'], ['tokenizer.ggml.token_type', 'int32']] as const) {
    const entry = header.kv.get(key);
    if (entry) expect(key, `an array of ${vocab.length} ${itemType}`, entry.type === 'array' && entry.itemType === itemType && entry.length === vocab.length);
  }
  for (const [key, entry] of header.kv) {
    if (/^tokenizer\.ggml\.\w+_token_id$/.test(key)) expect(key, 'a uint32', entry.type === 'uint32');
    if (/^tokenizer\.ggml\.add_\w+_token$/.test(key)) expect(key, 'a bool', entry.type === 'bool');
  }
  const alignment = header.kv.get('general.alignment');
  if (alignment) {
    const n = alignment.type === 'uint32' ? Number(alignment.value) : 0;
    expect('general.alignment', 'a uint32 power of two', n > 0 && (n & (n - 1)) === 0);
  }
}

/** Reads and checks a model file's header: what every path does before llama.cpp sees the file. */
export async function guardModelFile(file: string): Promise<GgufHeader> {
  const header = await readGgufHeader(file);
  checkLlamaHeader(header);
  return header;
}
