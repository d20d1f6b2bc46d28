import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { encodeAgreed, localEncoding, netFromWeights } from '../../../src/engine/federate/evaluate';
import { specOf } from '../../../src/engine/federate/handlers';
import { federateProposeInputSchema } from '../../../src/shared/federate-schemas';
import { loadTf } from '../../../src/engine/ml/backend';
import { predictLogits } from '../../../src/engine/ml/trainer';
import { tempDir } from '../helpers';
import { invokeValue } from '../engine-helpers';

describe('the agreed encoding and the flat weights', () => {
  const encoding = { numeric: [{ name: 'orders', mean: 2, std: 4 }], categorical: [{ name: 'country', levels: ['FR', 'DE'] }], width: 3 };

  it('standardises numbers (missing → the mean), one-hots agreed levels (unseen → zeros)', () => {
    const table = { columns: ['country', 'orders'], rows: [['DE', 10], ['FR', null], ['IT', '-2']] };
    expect(Array.from(encodeAgreed(encoding, table).X)).toEqual([2, 0, 1, 0, 1, 0, -1, 0, 0]);
  });

  it('reads flat weights as kernel then bias per layer, the trainer’s order', async () => {
    // 3 inputs → 2 hidden (ReLU) → 1: kernel row-major inputs × units.
    const weights = Float32Array.from([1, 0, 0, 1, 1, -1, /* bias */ 0, 0.5, /* out kernel */ 2, -1, /* out bias */ 0.25]);
    const net = netFromWeights(weights, 3, [2]);
    const { tf } = await loadTf('cpu');
    // x = [1, 2, 3]: h = relu([1·1 + 2·0 + 3·1, 1·0 + 2·1 − 3 + 0.5]) = [4, 0]; z = 2·4 − 0 + 0.25 = 8.25.
    expect(Array.from(predictLogits(tf, net, Float32Array.from([1, 2, 3]), 1, 3))).toEqual([8.25]);
    expect(() => netFromWeights(weights.subarray(1), 3, [2])).toThrow(/needs 11/);
  });

  it('fits a local encoding from one office’s rows alone (population std, levels seen 5 times or more, the rest as (other))', () => {
    const spec = specOf(federateProposeInputSchema.parse({ label: 'churn', features: ['orders', 'country'], office: 'A', offices: ['B'] }));
    const rows = [...Array.from({ length: 5 }, () => [1, 'FR']), ...Array.from({ length: 3 }, () => [3, 'DE'])];
    const local = localEncoding(spec, { columns: ['orders', 'country', 'label'], rows: rows.map((r, i) => [...r, i % 2]) });
    expect(local.numeric[0]?.mean).toBeCloseTo(1.75, 12);
    expect(local.numeric[0]?.std).toBeCloseTo(Math.sqrt((5 * 0.75 ** 2 + 3 * 1.25 ** 2) / 8), 12);
    expect(local.categorical).toEqual([{ name: 'country', levels: ['FR', '(other)'] }]);
    expect(local.width).toBe(3);
  });
});

describe('federate channels on an engine', () => {
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

  it('lists the shared customer features, with no models and no customers in a new workspace', async () => {
    const features = await invokeValue<{ features: Array<{ name: string; type: string }>; customers: number; categories: string[] }>(engine, 'federate.features', {});
    expect(features.features.find((f) => f.name === 'country')?.type).toBe('categorical');
    expect(features.features.some((f) => f.name.startsWith('cat_'))).toBe(false);
    expect(features.customers).toBe(0);
    expect(await invokeValue(engine, 'federate.list', {})).toEqual({ models: [] });
  });

  it('refuses to propose without orders, and names the problem', async () => {
    const reply = await engine.invoke('federate.propose', { label: 'churn', features: ['orders'], office: 'Lyon', offices: ['Paris'] });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/no sale orders/) });
    const jobs = await invokeValue<{ jobs: unknown[] }>(engine, 'jobs.list', {});
    expect(jobs.jobs).toEqual([]);
  });

  it('refuses two offices with one name, a purchase without a category, and an unknown feature', async () => {
    for (const input of [
      { label: 'churn', features: ['orders'], office: 'Lyon', offices: ['lyon'] },
      { label: 'purchase', features: ['orders'], office: 'Lyon', offices: ['Paris'] },
    ]) {
      const reply = await engine.invoke('federate.propose', input);
      expect(reply.ok ? null : reply.error.code).toBe('bad-input');
    }
    expect(() => specOf(federateProposeInputSchema.parse({ label: 'churn', features: ['email'], office: 'A', offices: ['B'] }))).toThrow(/"email"/);
  });

  it('has nothing to accept or get when no federation runs', async () => {
    const accept = await engine.invoke('federate.accept', { jobId: 'nope' });
    expect(accept.ok ? null : accept.error.code).toBe('not-found');
    const get = await engine.invoke('federate.get', { id: 9 });
    expect(get.ok ? null : get.error.code).toBe('not-found');
  });
});
