import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { checkVariant } from '../../../src/engine/copy/checks';
import { closeJsonPrefix, generateWithLlm, llmAvailability, parseFields, type LlmGenerateOptions } from '../../../src/engine/copy/llm/llm-engine';
import { inspectModel } from '../../../src/engine/copy/llm/model-info';
import { briefSchema, copyFieldsSchema, type LlmStatus } from '../../../src/shared/copy-schemas';
import { AppError } from '../../../src/shared/errors';
import { invokeValue } from '../engine-helpers';
import { tempDir } from '../helpers';
import { encodeGguf, tinyLlamaSpec, withKv, writeTinyLlama } from './gguf-writer';

// The whole local-model path on a tiny llama with random weights that this test writes itself: header guard,
// hashing, loading with llama.cpp, JSON-schema constrained generation, streaming, cancelling, and the checks.
// Random weights write gibberish; what is asserted is the shape, the repeatability and the plumbing.

const tmp = tempDir('localyst-llm-');
const modelFile = path.join(tmp.dir, 'tiny-llama.gguf');
const brokenFile = path.join(tmp.dir, 'no-heads.gguf');
afterAll(() => tmp.cleanup());
beforeAll(() => {
  writeTinyLlama(modelFile, { seed: 7 });
  fs.writeFileSync(brokenFile, encodeGguf(withKv(tinyLlamaSpec(), 'llama.attention.head_count', null)));
});

const brief = (channel: 'email' | 'sms') =>
  briefSchema.parse({
    channel,
    goal: 'promotion',
    tone: 'friendly',
    product: { name: 'Trail Shoe', benefits: ['light', 'waterproof'], price: 89, currency: 'EUR' },
    offer: { discountPercent: 20, code: 'TRAIL20', endsOn: '2030-07-01' },
    brand: { name: 'Acme', bannedWords: ['cheap'] },
  });

/** Small budgets so the whole file runs in seconds on two cores with one thread. */
const run = (channel: 'email' | 'sms', extra: Partial<LlmGenerateOptions> = {}) =>
  generateWithLlm(brief(channel), { modelPath: modelFile, count: 2, seed: 11, maxTokens: 48, threads: 1, checkCancelled: () => {}, ...extra });

describe('the local language model', () => {
  it('is available in this installation (node-llama-cpp with its prebuilt CPU binary)', async () => {
    const status = await llmAvailability();
    expect(status.detail).toMatch(/node-llama-cpp 3\.\d+\.\d+ on the CPU/);
    expect(status.available).toBe(true);
  });

  it('inspects the model: name, architecture, size and a SHA-256 equal to the whole file hashed at once', async () => {
    const info = await inspectModel(modelFile);
    const bytes = fs.readFileSync(modelFile);
    expect(info).toEqual({
      path: modelFile,
      name: 'Tiny Random Llama',
      architecture: 'llama',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contextLength: 4096,
      parameters: expect.stringMatching(/^\d+K$/) as unknown as string,
    });
  });

  it.each(['email', 'sms'] as const)('writes %s variants that parse into the channel fields, streaming, and checks them', async (channel) => {
    const previews: string[] = [];
    const variants = await run(channel, { onPreview: (text) => previews.push(text) });
    expect(variants.map((v) => v.framework)).toEqual(['AIDA', 'PAS']);
    for (const v of variants) {
      expect(copyFieldsSchema.parse(v.fields)).toEqual(v.fields);
      expect(v.fields.channel).toBe(channel);
      expect(v.angle.length).toBeGreaterThan(0);
      const checks = checkVariant(brief(channel), v.fields);
      const names = checks.map((c) => c.name);
      expect(names).toContain(channel === 'email' ? 'unsubscribe-line' : 'opt-out');
      for (const c of checks) expect(typeof c.passed).toBe('boolean');
    }
    // The stream: each preview extends the previous one of the same variant, and starts the JSON object.
    expect(previews.length).toBeGreaterThan(4);
    expect(previews[0]!.trimStart().startsWith('{')).toBe(true);
    let grew = 0;
    for (let i = 1; i < previews.length; i++) if (previews[i]!.startsWith(previews[i - 1]!) && previews[i]!.length > previews[i - 1]!.length) grew++;
    expect(grew).toBeGreaterThanOrEqual(previews.length - 2); // one restart: the second variant
  });

  it('gives the same output for the same seed, and another for another seed', async () => {
    const a = await run('sms');
    const b = await run('sms');
    expect(b).toEqual(a);
    const c = await run('sms', { seed: 12 });
    expect(c).not.toEqual(a);
  });

  it('stops promptly with the cancelled error when the user cancels after the first chunk', async () => {
    let chunks = 0;
    let chunksAfterCancel = 0;
    let cancelled = false;
    const error = await run('email', {
      maxTokens: 400,
      onPreview: () => {
        chunks++;
        if (cancelled) chunksAfterCancel++;
        cancelled = true;
      },
      checkCancelled: () => {
        if (cancelled) throw new AppError('cancelled', 'Generation was cancelled.');
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(chunksAfterCancel).toBeLessThanOrEqual(1);
    expect(chunks).toBeLessThan(5); // the first variant stopped; the second never started
  });

  it('refuses a model llama.cpp would abort on, before loading it (the process survives)', async () => {
    const error = await run('sms', { modelPath: brokenFile }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad-input');
    expect((error as AppError).message).toContain('"llama.attention.head_count" should be a uint32');
  });
});

describe('reading what the model wrote', () => {
  it('closes JSON that ran out of tokens', () => {
    const cases: Array<[string, unknown]> = [
      ['{"subject": "Hi', { subject: 'Hi' }],
      ['{"subject": "Hi", "pre', { subject: 'Hi', pre: null }],
      ['{"subject": "Hi", "preheader"', { subject: 'Hi', preheader: null }],
      ['{"subject": "Hi", "preheader": ', { subject: 'Hi', preheader: null }],
      ['{"subject": "Hi",', { subject: 'Hi' }],
      ['{"text": "50% \\', { text: '50% ' }],
      ['{"text": "a\\u00', { text: 'a' }],
      ['{"text": "say \\"hi\\"', { text: 'say "hi"' }],
      ['{"headlines": ["One", "Tw', { headlines: ['One', 'Tw'] }],
      ['{"headlines": ["One",', { headlines: ['One'] }],
      ['{"headlines": ["One"], "descriptions": [', { headlines: ['One'], descriptions: [] }],
      ['', {}],
    ];
    for (const [prefix, value] of cases) expect(JSON.parse(closeJsonPrefix(prefix)), prefix).toEqual(value);
  });

  it('fills the channel fields, with empty text for what is missing and the network for social posts', () => {
    expect(parseFields(brief('email'), '{"subject": "Hello", "body": "Tex')).toEqual({ channel: 'email', subject: 'Hello', preheader: '', body: 'Tex' });
    const social = briefSchema.parse({ ...brief('sms'), channel: 'social', network: 'linkedin' });
    expect(parseFields(social, '{"text": " Post "}')).toEqual({ channel: 'social', network: 'linkedin', text: 'Post' });
  });
});

describe('copy.llmChoose and copy.llmStatus through the engine', () => {
  let engine: Engine;
  const ws = tempDir('localyst-llm-ws-');
  beforeAll(async () => {
    engine = await createEngine({ workspaceDir: path.join(ws.dir, 'ws'), home: path.join(ws.dir, 'home') });
  });
  afterAll(async () => {
    await engine.close();
    ws.cleanup();
  });
  const status = () => invokeValue<LlmStatus>(engine, 'copy.llmStatus', {});

  it('chooses a model (name, size, hash shown), refuses a broken one without changing anything, and forgets', async () => {
    const before = await status();
    expect(before).toMatchObject({ available: true, model: null });
    expect(before.detail).toMatch(/No model chosen yet/);

    const copy = path.join(tmp.dir, 'chosen.gguf');
    fs.copyFileSync(modelFile, copy);
    const chosen = await invokeValue<LlmStatus>(engine, 'copy.llmChoose', { file: engine.grantFile(copy, 'read').handle });
    const bytes = fs.readFileSync(copy);
    expect(chosen.model).toMatchObject({ path: copy, name: 'Tiny Random Llama', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(await status()).toEqual(chosen);

    const refused = await engine.invoke('copy.llmChoose', { file: engine.grantFile(brokenFile, 'read').handle });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('bad-input');
      expect(refused.error.message).toContain('"no-heads.gguf"');
    }
    const missing = await engine.invoke('copy.llmChoose', { file: engine.grantFile(path.join(tmp.dir, 'nope.gguf'), 'read').handle });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    expect(await status()).toEqual(chosen);

    fs.appendFileSync(copy, Buffer.alloc(16));
    const changed = await status();
    expect(changed.model).toBeNull();
    expect(changed.detail).toMatch(/has changed since it was chosen/);
    fs.rmSync(copy);
    expect((await status()).detail).toMatch(/is no longer there/);

    const forgotten = await invokeValue<LlmStatus>(engine, 'copy.llmChoose', { file: null });
    expect(forgotten.model).toBeNull();
    expect(forgotten.detail).toMatch(/No model chosen yet/);
  });
});

describe('an installation where node-llama-cpp cannot load', () => {
  afterAll(() => {
    vi.doUnmock('node-llama-cpp');
    vi.resetModules();
  });

  it('says so with the reason, and generation answers engine-unavailable', async () => {
    vi.resetModules();
    vi.doMock('node-llama-cpp', () => {
      throw new Error('libllama.so: cannot open shared object file');
    });
    const fresh = await import('../../../src/engine/copy/llm/llm-engine');
    const status = await fresh.llmAvailability();
    expect(status.available).toBe(false);
    expect(status.detail).toMatch(/^The local language model is not available: node-llama-cpp could not be loaded \(.+\)\.$/);
    const error = await fresh.generateWithLlm(brief('sms'), { modelPath: modelFile, count: 1, seed: 1, checkCancelled: () => {} }).then(
      () => null,
      (e: unknown) => e,
    );
    // A fresh module registry has its own AppError class: compare by name and code.
    expect(error).toMatchObject({ name: 'AppError', code: 'engine-unavailable' });
  });
});
