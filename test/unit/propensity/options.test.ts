import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import type { ModelOptions } from '../../../src/shared/model-schemas';
import { tempDir } from '../helpers';

let engine: Engine;
let cleanup: () => void;
beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  engine = await createEngine({ workspaceDir: path.join(tmp.dir, 'ws'), home: path.join(tmp.dir, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('the model lab on an empty workspace', () => {
  it('says what is missing and refuses to train, in plain words', async () => {
    const options = await engine.invoke('models.options', {});
    expect(options.ok).toBe(true);
    if (!options.ok) return;
    const value = options.value as ModelOptions;
    expect(value).toMatchObject({ firstOrderDate: null, historyDays: 0, customersWithOrders: 0, categories: [], retrainAfterImport: false });
    expect(value.notEnough).toMatch(/no sale orders.*Import orders \(or create a demo shop\)/);
    for (const [channel, input] of [
      ['models.train', { target: 'churn' }],
      ['models.trainClv', {}],
    ] as const) {
      const reply = await engine.invoke(channel, input);
      expect(reply.ok ? null : reply.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/no sale orders yet/) });
    }
    const list = await engine.invoke('models.list', {});
    expect(list.ok ? list.value : null).toEqual({ models: [] });
    const missing = await engine.invoke('models.get', { id: 1 });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');
  });
});
