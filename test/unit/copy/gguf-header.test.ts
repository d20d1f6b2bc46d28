import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLlamaHeader, guardModelFile, readGgufHeader } from '../../../src/engine/copy/llm/gguf-header';
import { AppError } from '../../../src/shared/errors';
import { refusal, tempDir } from '../helpers';
import { encodeGguf, tinyLlamaSpec, withKv, type GgufWriteSpec } from './gguf-writer';

const tmp = tempDir('localyst-gguf-');
afterAll(() => tmp.cleanup());

let n = 0;
function writeFile(bytes: Buffer, name = `model-${++n}.gguf`): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
const writeSpec = (spec: GgufWriteSpec, name?: string): string => writeFile(encodeGguf(spec), name);


/** A raw header: magic, version, tensor and key/value counts, then whatever bytes follow. */
function rawHeader(version: number, tensors: bigint, kvs: bigint, rest: Buffer = Buffer.alloc(32)): Buffer {
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'latin1');
  head.writeUInt32LE(version, 4);
  head.writeBigUInt64LE(tensors, 8);
  head.writeBigUInt64LE(kvs, 16);
  return Buffer.concat([head, rest]);
}

describe('readGgufHeader', () => {
  it('reads the typed key/values of a tiny llama model, and the check passes', async () => {
    const file = writeSpec(tinyLlamaSpec());
    const header = await readGgufHeader(file);
    expect(header.version).toBe(3);
    expect(header.sizeBytes).toBe(fs.statSync(file).size);
    expect(header.tensorCount).toBe(tinyLlamaSpec().tensors.length);
    expect(header.kvCount).toBe(tinyLlamaSpec().kv.length);
    expect(header.kv.get('general.architecture')).toEqual({ type: 'string', value: 'llama' });
    expect(header.kv.get('llama.embedding_length')).toEqual({ type: 'uint32', value: 32 });
    expect(header.kv.get('tokenizer.ggml.add_bos_token')).toEqual({ type: 'bool', value: true });
    const eps = header.kv.get('llama.attention.layer_norm_rms_epsilon');
    expect(eps?.type).toBe('float32');
    expect(eps?.type === 'float32' && (eps.value as number)).toBeCloseTo(1e-5, 8);
    const tokens = header.kv.get('tokenizer.ggml.tokens');
    expect(tokens).toMatchObject({ type: 'array', itemType: 'string', duplicates: 0 });
    expect(tokens?.type === 'array' && tokens.length).toBeGreaterThan(300);
    expect(() => checkLlamaHeader(header)).not.toThrow();
  });

  it('accepts GGUF version 2 and refuses version 1', async () => {
    await expect(guardModelFile(writeSpec({ ...tinyLlamaSpec(), version: 2 }))).resolves.toMatchObject({ version: 2 });
    const error = await refusal(readGgufHeader(writeSpec({ ...tinyLlamaSpec(), version: 1 })));
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(/version 1 is not supported/);
  });

  it('refuses a file that is not GGUF, naming it', async () => {
    const file = writeFile(Buffer.from('name,email\nAda,ada@example.com\n'.repeat(10)), 'customers.gguf');
    const error = await refusal(readGgufHeader(file));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('"customers.gguf"');
    expect(error.message).toMatch(/does not start with "GGUF"/);
    expect((await refusal(readGgufHeader(writeFile(Buffer.from('GG'))))).message).toMatch(/too small/);
  });

  it('refuses a truncated file, wherever it was cut', async () => {
    const whole = encodeGguf(tinyLlamaSpec());
    // Inside the counts, inside a key, inside the vocabulary.
    for (const at of [20, 60, 2000]) {
      const error = await refusal(readGgufHeader(writeFile(whole.subarray(0, at))));
      expect(error.code).toBe('bad-input');
      expect(error.message).toMatch(/ends early|too small|claims/);
    }
  });

  it('refuses huge counts and lengths at once, without allocating them', async () => {
    const before = process.memoryUsage().rss;
    const cases: Array<[Buffer, RegExp]> = [
      [rawHeader(3, 0n, 2n ** 62n), /claims \d+ metadata keys/],
      [rawHeader(3, 2n ** 40n, 1n), /claims \d+ tensors/],
      [rawHeader(3, 0n, 1n, Buffer.concat([u64(2n ** 50n), Buffer.alloc(64)])), /metadata key 0 is \d+ bytes long/],
    ];
    // A string value of 2^40 bytes, and an array of 2^40 uint32 and of 2^40 strings.
    const key = Buffer.concat([u64(1n), Buffer.from('k')]);
    cases.push([rawHeader(3, 0n, 1n, Buffer.concat([key, u32(8), u64(2n ** 40n), Buffer.alloc(64)])), /is \d+ bytes long/]);
    cases.push([rawHeader(3, 0n, 1n, Buffer.concat([key, u32(9), u32(4), u64(2n ** 40n), Buffer.alloc(64)])), /claims \d+ items/]);
    cases.push([rawHeader(3, 0n, 1n, Buffer.concat([key, u32(9), u32(8), u64(2n ** 40n), Buffer.alloc(64)])), /claims \d+ items/]);
    cases.push([rawHeader(3, 0n, 1n, Buffer.concat([key, u32(99), Buffer.alloc(64)])), /unknown value type \(99\)/]);
    for (const [bytes, message] of cases) {
      const error = await refusal(readGgufHeader(writeFile(bytes)));
      expect(error.code).toBe('bad-input');
      expect(error.message).toMatch(message);
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('answers not-found for a missing file and bad-input for a folder', async () => {
    expect((await refusal(readGgufHeader(path.join(tmp.dir, 'nope.gguf')))).code).toBe('not-found');
    expect((await refusal(readGgufHeader(tmp.dir))).code).toBe('bad-input');
  });
});

describe('checkLlamaHeader', () => {
  const base = tinyLlamaSpec();
  async function refusedFor(spec: GgufWriteSpec): Promise<AppError> {
    const file = writeSpec(spec, 'broken.gguf');
    const header = await readGgufHeader(file);
    let error: unknown = null;
    try {
      checkLlamaHeader(header);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('bad-input');
    expect(appError.message).toContain('"broken.gguf"');
    expect(appError.details).toMatchObject({ file });
    return appError;
  }

  it('refuses each key llama.cpp needs when it is missing', async () => {
    for (const key of [
      'general.architecture',
      'llama.context_length',
      'llama.embedding_length',
      'llama.block_count',
      'llama.feed_forward_length',
      'llama.attention.head_count',
      'llama.attention.layer_norm_rms_epsilon',
      'tokenizer.ggml.model',
      'tokenizer.ggml.tokens',
    ]) {
      const error = await refusedFor(withKv(base, key, null));
      expect(error.message).toContain(`"${key}" should be`);
      expect(error.message).toContain('but is missing');
      expect(error.details).toMatchObject({ field: key });
    }
  });

  it('refuses a missing head count with a plain message', async () => {
    const error = await refusedFor(withKv(base, 'llama.attention.head_count', null));
    expect(error.message).toBe('"broken.gguf" is not a model llama.cpp can load: "llama.attention.head_count" should be a uint32 (or one per block) but is missing. Choose another GGUF file.');
  });

  it('refuses keys with the wrong type', async () => {
    const cases: Array<[string, Parameters<typeof withKv>[2], RegExp]> = [
      ['llama.context_length', { type: 'uint64', value: 4096n }, /"llama.context_length" should be a uint32 but is a uint64/],
      ['llama.attention.head_count', { type: 'int32', value: 4 }, /should be a uint32 \(or one per block\) but is a int32/],
      ['llama.attention.layer_norm_rms_epsilon', { type: 'float64', value: 1e-5 }, /should be a float32 but is a float64/],
      ['general.architecture', { type: 'uint32', value: 1 }, /"general.architecture" should be a string but is a uint32/],
      ['tokenizer.ggml.tokens', { type: 'array', itemType: 'int32', value: [1, 2, 3] }, /should be an array of string but is an array of int32/],
      ['tokenizer.ggml.bos_token_id', { type: 'int32', value: 1 }, /"tokenizer.ggml.bos_token_id" should be a uint32/],
      ['tokenizer.ggml.token_type', { type: 'array', itemType: 'int32', value: [1, 1, 1] }, /should be an array of \d+ int32 but is an array of int32/],
      ['tokenizer.ggml.scores', { type: 'array', itemType: 'float64', value: [0] }, /should be an array of \d+ float32/],
      ['llama.block_count', { type: 'uint32', value: 0 }, /"llama.block_count" is 0/],
      ['llama.attention.head_count', { type: 'uint32', value: 0 }, /"llama.attention.head_count" is 0/],
      ['general.alignment', { type: 'uint32', value: 24 }, /should be a uint32 power of two/],
    ];
    for (const [key, value, message] of cases) expect((await refusedFor(withKv(base, key, value))).message).toMatch(message);
  });

  it('accepts a head count given per block, and follows the architecture named in the file', async () => {
    const perBlock = withKv(base, 'llama.attention.head_count', { type: 'array', itemType: 'uint32', value: [4, 4] });
    await expect(guardModelFile(writeSpec(perBlock))).resolves.toBeTruthy();
    // Renamed to another architecture, the llama.* keys no longer count.
    const error = await refusedFor(withKv(base, 'general.architecture', { type: 'string', value: 'qwen2' }));
    expect(error.message).toContain('"qwen2.context_length" should be a uint32 but is missing');
  });

  it('refuses a vocabulary that lists a token twice', async () => {
    const vocab = base.kv.find(([k]) => k === 'tokenizer.ggml.tokens')![1];
    if (vocab.type !== 'array') throw new Error('the vocabulary should be an array');
    const twice = withKv(base, 'tokenizer.ggml.tokens', { ...vocab, value: vocab.value.map((t, i) => (i === 300 ? vocab.value[299]! : t)) });
    expect((await refusedFor(twice)).message).toMatch(/lists 1 token twice/);
  });
});

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}
