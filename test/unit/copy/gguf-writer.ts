import fs from 'node:fs';
import { seeded } from '../seeded';

/**
 * Writes GGUF files for tests: a tiny llama model with random F32 weights that llama.cpp really loads and runs,
 * and the parts to build broken ones (a missing key, a wrong type, huge counts).
 *
 * GGUF v3: magic "GGUF", uint32 version, uint64 tensor count, uint64 key/value count, the typed key/values, the
 * tensor infos (name, dims, type, offset), padding to the alignment, then the tensor data.
 */

export const GGUF_TYPE = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;
export type GgufScalarType = Exclude<keyof typeof GGUF_TYPE, 'array'>;

export type GgufWriteValue =
  | { type: Exclude<GgufScalarType, 'bool' | 'string'>; value: number | bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufScalarType; value: Array<number | bigint | boolean | string> };

export type GgufWriteTensor = { name: string; /** ggml order: the first dimension is the innermost. */ dims: number[]; data: Float32Array };

export type GgufWriteSpec = {
  version?: number;
  kv: Array<[string, GgufWriteValue]>;
  tensors: GgufWriteTensor[];
  alignment?: number;
};

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: number | bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const str = (s: string): Buffer => {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([u64(bytes.length), bytes]);
};

function scalar(type: GgufScalarType, value: number | bigint | boolean | string): Buffer {
  const b = Buffer.alloc(8);
  switch (type) {
    case 'uint8':
      return Buffer.from([Number(value)]);
    case 'int8':
      b.writeInt8(Number(value));
      return b.subarray(0, 1);
    case 'uint16':
      b.writeUInt16LE(Number(value));
      return b.subarray(0, 2);
    case 'int16':
      b.writeInt16LE(Number(value));
      return b.subarray(0, 2);
    case 'uint32':
      b.writeUInt32LE(Number(value));
      return b.subarray(0, 4);
    case 'int32':
      b.writeInt32LE(Number(value));
      return b.subarray(0, 4);
    case 'float32':
      b.writeFloatLE(Number(value));
      return b.subarray(0, 4);
    case 'bool':
      return Buffer.from([value ? 1 : 0]);
    case 'string':
      return str(String(value));
    case 'uint64':
      b.writeBigUInt64LE(BigInt(value as number | bigint));
      return b;
    case 'int64':
      b.writeBigInt64LE(BigInt(value as number | bigint));
      return b;
    case 'float64':
      b.writeDoubleLE(Number(value));
      return b;
  }
}

function encodeValue(v: GgufWriteValue): Buffer {
  if (v.type !== 'array') return Buffer.concat([u32(GGUF_TYPE[v.type]), scalar(v.type, v.value)]);
  return Buffer.concat([u32(GGUF_TYPE.array), u32(GGUF_TYPE[v.itemType]), u64(v.value.length), ...v.value.map((x) => scalar(v.itemType, x))]);
}

const padTo = (n: number, alignment: number): number => Math.ceil(n / alignment) * alignment;

/** The bytes of a GGUF file (all tensors F32). */
export function encodeGguf(spec: GgufWriteSpec): Buffer {
  const alignment = spec.alignment ?? 32;
  const kv = spec.kv.map(([key, value]) => Buffer.concat([str(key), encodeValue(value)]));
  let offset = 0;
  const infos = spec.tensors.map((t) => {
    const info = Buffer.concat([str(t.name), u32(t.dims.length), ...t.dims.map((d) => u64(d)), u32(0 /* F32 */), u64(offset)]);
    offset = padTo(offset + t.data.byteLength, alignment);
    return info;
  });
  const head = Buffer.concat([Buffer.from('GGUF', 'latin1'), u32(spec.version ?? 3), u64(spec.tensors.length), u64(spec.kv.length), ...kv, ...infos]);
  const dataStart = padTo(head.length, alignment);
  const out = Buffer.alloc(dataStart + offset);
  head.copy(out, 0);
  let at = dataStart;
  for (const t of spec.tensors) {
    Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).copy(out, at);
    at = padTo(at + t.data.byteLength, alignment);
  }
  return out;
}


const SPACE = '\u2581'; // SentencePiece's word-start mark, shown as a space
const WORDS = [
  'the', 'and', 'you', 'your', 'for', 'to', 'a', 'of', 'in', 'is', 'on', 'with', 'our', 'new', 'now', 'off', 'save',
  'shop', 'get', 'today', 'free', 'deal', 'offer', 'code', 'ends', 'back', 'we', 'miss', 'it', 'just', 'more', 'love',
  'Reply', 'STOP', 'opt', 'out', 'unsubscribe', 'here', 'Hi', 'there', 'best', 'time', 'all', 'this', 'week',
];
const PIECES = ['ing', 'ed', 'er', 'es', 'ly', 'th', 'st', '":', '", "', '"}', '{"'];

/** Token type ids of tokenizer.ggml.token_type. */
const TOKEN = { normal: 1, unknown: 2, control: 3, unused: 5 } as const;

/** A SentencePiece-style vocabulary: control tokens, the 256 byte tokens (marked unused), printable ASCII, words. */
export function tinyVocab(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN.unknown, TOKEN.control, TOKEN.control];
  // Byte tokens are what SentencePiece falls back to for text it has no piece for. Marked unused, they have no
  // text, so constrained sampling never picks one and the output stays valid UTF-8 and valid JSON.
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN.unused);
  }
  for (let c = 0x20; c < 0x7f; c++) {
    tokens.push(c === 0x20 ? SPACE : String.fromCharCode(c));
    types.push(TOKEN.normal);
  }
  tokens.push('\n');
  types.push(TOKEN.normal);
  for (const w of WORDS) {
    tokens.push(SPACE + w);
    types.push(TOKEN.normal);
  }
  for (const p of PIECES) {
    tokens.push(p);
    types.push(TOKEN.normal);
  }
  // SentencePiece merges the pair with the highest score first: longer pieces score higher.
  const scores = tokens.map((t, i) => (types[i] === TOKEN.normal ? -100 + 10 * [...t].length : 0));
  return { tokens, scores, types };
}

export type TinyLlamaOptions = {
  seed?: number;
  embedding?: number;
  blocks?: number;
  heads?: number;
  feedForward?: number;
  contextLength?: number;
  name?: string;
};

/** The key/values and tensors of a tiny llama model with random weights (sizes as llama.cpp expects them). */
export function tinyLlamaSpec(options: TinyLlamaOptions = {}): GgufWriteSpec {
  const nEmbd = options.embedding ?? 32;
  const nLayer = options.blocks ?? 2;
  const nHead = options.heads ?? 4;
  const nFf = options.feedForward ?? 64;
  const random = seeded(options.seed ?? 42);
  const vocab = tinyVocab();
  const nVocab = vocab.tokens.length;

  // Box-Muller normal draws; a larger output scale gives the model a few strong preferences.
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weights = (dims: number[], scale: number): GgufWriteTensor['data'] => Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => normal() * scale);
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);
  const tensor = (name: string, dims: number[], data?: Float32Array): GgufWriteTensor => ({ name, dims, data: data ?? weights(dims, 1 / Math.sqrt(dims[0] ?? 1)) });

  const tensors: GgufWriteTensor[] = [tensor('token_embd.weight', [nEmbd, nVocab], weights([nEmbd, nVocab], 1))];
  for (let i = 0; i < nLayer; i++) {
    tensors.push(
      tensor(`blk.${i}.attn_norm.weight`, [nEmbd], ones(nEmbd)),
      tensor(`blk.${i}.attn_q.weight`, [nEmbd, nEmbd]),
      tensor(`blk.${i}.attn_k.weight`, [nEmbd, nEmbd]),
      tensor(`blk.${i}.attn_v.weight`, [nEmbd, nEmbd]),
      tensor(`blk.${i}.attn_output.weight`, [nEmbd, nEmbd]),
      tensor(`blk.${i}.ffn_norm.weight`, [nEmbd], ones(nEmbd)),
      tensor(`blk.${i}.ffn_gate.weight`, [nEmbd, nFf]),
      tensor(`blk.${i}.ffn_up.weight`, [nEmbd, nFf]),
      tensor(`blk.${i}.ffn_down.weight`, [nFf, nEmbd]),
    );
  }
  tensors.push(tensor('output_norm.weight', [nEmbd], ones(nEmbd)), tensor('output.weight', [nEmbd, nVocab], weights([nEmbd, nVocab], 0.5)));

  const kv: GgufWriteSpec['kv'] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: options.name ?? 'Tiny Random Llama' }],
    ['general.size_label', { type: 'string', value: `${Math.round(tensors.reduce((n, t) => n + t.data.length, 0) / 1000)}K` }],
    ['general.alignment', { type: 'uint32', value: 32 }],
    ['llama.context_length', { type: 'uint32', value: options.contextLength ?? 4096 }],
    ['llama.embedding_length', { type: 'uint32', value: nEmbd }],
    ['llama.block_count', { type: 'uint32', value: nLayer }],
    ['llama.feed_forward_length', { type: 'uint32', value: nFf }],
    ['llama.attention.head_count', { type: 'uint32', value: nHead }],
    ['llama.attention.head_count_kv', { type: 'uint32', value: nHead }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'uint32', value: nEmbd / nHead }],
    ['llama.rope.freq_base', { type: 'float32', value: 10000 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'array', itemType: 'string', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'array', itemType: 'float32', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'array', itemType: 'int32', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'uint32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'uint32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'uint32', value: 2 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
  ];
  return { version: 3, kv, tensors, alignment: 32 };
}

/** Writes a tiny random llama model to `file`; returns its size in bytes. */
export function writeTinyLlama(file: string, options: TinyLlamaOptions = {}): number {
  const bytes = encodeGguf(tinyLlamaSpec(options));
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

/** The same spec with one key removed, or its value replaced. */
export function withKv(spec: GgufWriteSpec, key: string, value: GgufWriteValue | null): GgufWriteSpec {
  const kv = spec.kv.filter(([k]) => k !== key);
  if (value) kv.push([key, value]);
  return { ...spec, kv };
}
