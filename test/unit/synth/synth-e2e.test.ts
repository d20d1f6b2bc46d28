import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import type { SynthColumns, SynthModelReport, SynthSampleResult, SynthTrainResult, SynthWorkspaceResult } from '../../../src/shared/synth-schemas';
import { synthTrainResultSchema } from '../../../src/shared/synth-schemas';
import { chosen, demoEngine, invokeValue, nextJobDone } from '../engine-helpers';
import { tempDir, writeCsvHead } from '../helpers';

// End to end with the real synthesizers and reports (GAN, copula, quality, efficacy, privacy): a few hundred Adult
// rows through the engine and its worker, both methods, then sampling and the model channels.
const ADULT = path.resolve('test/data/adult/adult_sdgym_train.csv');
let engine: Engine;
let dir: string;
let cleanup: () => void;
let slice: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  slice = path.join(dir, 'adult-400.csv');
  writeCsvHead(ADULT, 400, slice);
  engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), home: path.join(dir, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('synthetic twin end to end (real synthesizers)', () => {
  it('trains a copula and a GAN (2 epochs) on 400 Adult rows, stores both, samples a CSV, lists and deletes', async () => {
    const source = { kind: 'file' as const, file: chosen(engine, slice) };
    const detected = await invokeValue<SynthColumns>(engine, 'synth.columns', { source });
    const columns = detected.columns.map((c) => ({ name: c.name, role: c.role }));
    expect(columns.filter((c) => ['numeric', 'categorical'].includes(c.role)).length).toBeGreaterThanOrEqual(12);
    const done = nextJobDone<SynthTrainResult>(engine, 'synth.train');
    await invokeValue(engine, 'synth.train', {
      source: { kind: 'file', file: chosen(engine, slice) },
      columns,
      target: 'label',
      positive: '>50K',
      methods: ['copula', 'gan'],
      epochs: 2,
      seed: 3,
    });
    const result = synthTrainResultSchema.parse(await done);
    expect(result.models.map((m) => m.method)).toEqual(['copula', 'gan']);
    for (const m of result.models) {
      expect(m.rows).toBe(320);
      expect(m.qualityReport.score).toBeGreaterThan(0.3);
      expect(m.efficacy?.testRows).toBe(80);
      expect(m.privacy.rows).toBeGreaterThan(250);
    }
    const gan = result.models[1] as SynthModelReport;
    expect(gan.history.length).toBeGreaterThanOrEqual(1);
    expect(['wasm', 'cpu', 'tensorflow']).toContain(gan.backend);

    const listed = await invokeValue<{ models: Array<{ id: number }> }>(engine, 'synth.list', {});
    expect(listed.models.map((m) => m.id)).toEqual([gan.id, result.models[0]?.id]);
    expect((await invokeValue<SynthModelReport>(engine, 'synth.get', { id: gan.id })).qualityReport).toEqual(gan.qualityReport);

    const out = path.join(dir, 'twin.csv');
    const sampled = nextJobDone<SynthSampleResult>(engine, 'synth.sample');
    await invokeValue(engine, 'synth.sample', { rows: 700, seed: 2, file: chosen(engine, out, 'write') });
    const sample = await sampled;
    expect(sample).toMatchObject({ modelId: gan.id, rows: 700, file: out });
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(700);
    expect(parsed.meta.fields).toContain('label');
    expect(parsed.data.every((r) => ['<=50K', '>50K'].includes(r.label ?? ''))).toBe(true);
    expect(parsed.data.every((r) => /^\d+$/.test(r.age ?? ''))).toBe(true);

    expect(await invokeValue(engine, 'synth.delete', { id: gan.id })).toEqual({ deleted: true });
    expect((await invokeValue<{ models: unknown[] }>(engine, 'synth.list', {})).models).toHaveLength(1);
  }, 300_000);

  it('makes a new workspace from a twin of the customer features that opens as a shop with orders', async () => {
    const shop = await demoEngine({ customers: 250, seed: 6 });
    try {
      const features = await shop.value<SynthColumns>('synth.columns', { source: { kind: 'customer-features' } });
      const trained = shop.nextDone<SynthTrainResult>('synth.train');
      await shop.value('synth.train', { source: { kind: 'customer-features' }, columns: features.columns.map((c) => ({ name: c.name, role: c.role })), methods: ['copula'], seed: 1 });
      const model = (await trained).models[0] as SynthModelReport;
      const made = shop.nextDone<SynthWorkspaceResult>('synth.workspace');
      await shop.value('synth.workspace', { name: 'twin-shop', rows: 200 });
      const result = await made;
      expect(result).toMatchObject({ modelId: model.id, name: 'twin-shop', customers: 200 });
      expect(result.orders).toBeGreaterThan(200);
      await shop.value('workspace.open', { name: 'twin-shop', create: false });
      const stats = await shop.value<{ customers: number; orders: number; revenue: number }>('workspace.stats', {});
      expect(stats).toMatchObject({ customers: 200, orders: result.orders });
      expect(stats.revenue).toBeGreaterThan(0);
    } finally {
      await shop.close();
    }
  }, 300_000);
});
