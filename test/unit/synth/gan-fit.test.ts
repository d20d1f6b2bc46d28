import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { defaultBatch, fitGan, GAN_DEFAULTS, sampleGan, type GanOptions } from '../../../src/engine/synth/gan';
import type { FitHooks, SynthData } from '../../../src/engine/synth/types';
import type { GanEpoch } from '../../../src/shared/synth-schemas';
import { seeded } from '../seeded';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

function table(rows: number, seed: number): SynthData {
  const random = seeded(seed);
  const plan = Int32Array.from({ length: rows }, () => (random() < 0.1 ? -1 : Math.floor(random() * 3)));
  const spend = Float64Array.from(plan, (p) => (random() < 0.05 ? Number.NaN : Math.round((p === 2 ? 200 : 20) + 10 * random())));
  const when = Float64Array.from({ length: rows }, () => 1_700_000_000 + Math.floor(random() * 100) * 86_400);
  return {
    rows,
    columns: [
      { name: 'spend', kind: 'numeric', values: spend, integer: true, decimals: 0 },
      { name: 'plan', kind: 'categorical', codes: plan, levels: ['basic', 'plus', 'pro'] },
      { name: 'joined', kind: 'datetime', values: when, integer: true, decimals: 0, dateOnly: true },
    ],
  };
}

const small: Omit<GanOptions, 'epochs' | 'seed'> = { batchSize: 50, generatorDims: [16, 16], criticDims: [16, 16], noise: 8 };
const quiet = (events: GanEpoch[] = []): FitHooks => ({ checkCancelled() {}, onProgress() {}, onEpoch: (e) => events.push(e) });

describe('conditional tabular GAN', () => {
  it('trains, reports both losses each epoch, and samples the same columns back within the real ranges', async () => {
    const data = table(200, 1);
    const events: GanEpoch[] = [];
    const fit = await fitGan(tf, data, { ...small, epochs: 2, seed: 3 }, quiet(events));
    expect(events.map((e) => e.epoch)).toEqual([1, 2]);
    for (const e of events) {
      expect(Number.isFinite(e.generator)).toBe(true);
      expect(Number.isFinite(e.discriminator)).toBe(true);
      expect(e.quality).toBeNull();
    }
    expect(fit.history).toEqual(events);
    expect(fit.epochs).toBe(2);
    expect(fit.bestEpoch).toBe(2);
    expect(fit.dp).toBeNull();
    // Plain JSON that survives a round trip.
    const artefact = JSON.parse(JSON.stringify(fit.artefact)) as typeof fit.artefact;
    const out = await sampleGan(tf, artefact, 4500, 7);
    expect(out.rows).toBe(4500);
    expect(out.columns.map((c) => [c.name, c.kind])).toEqual(data.columns.map((c) => [c.name, c.kind]));
    const [spend, plan, joined] = out.columns;
    if (spend?.kind !== 'numeric' || plan?.kind !== 'categorical' || joined?.kind !== 'datetime') throw new Error('kinds');
    expect(plan.levels).toEqual(['basic', 'plus', 'pro']);
    for (let r = 0; r < out.rows; r++) {
      const s = spend.values[r] as number;
      if (!Number.isNaN(s)) {
        expect(Number.isInteger(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(20);
        expect(s).toBeLessThanOrEqual(210);
      }
      expect(plan.codes[r]).toBeGreaterThanOrEqual(-1);
      expect(plan.codes[r]).toBeLessThanOrEqual(2);
      expect((joined.values[r] as number) % 86_400).toBe(0);
    }
  });

  it('the same seed gives the same artefact and the same rows', async () => {
    const data = table(120, 2);
    const a = await fitGan(tf, data, { ...small, epochs: 1, seed: 5 }, quiet());
    const b = await fitGan(tf, data, { ...small, epochs: 1, seed: 5 }, quiet());
    expect(JSON.stringify(a.artefact)).toBe(JSON.stringify(b.artefact));
    const first = await sampleGan(tf, a.artefact, 300, 11);
    const again = await sampleGan(tf, b.artefact, 300, 11);
    const other = await sampleGan(tf, a.artefact, 300, 12);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('keeps the generator of the best validation score and stops after the patience', async () => {
    const data = table(120, 3);
    const validation = table(60, 4);
    const scores = [0.5, 0.8, 0.6, 0.55, 0.7, 0.9];
    let calls = 0;
    const score = (real: SynthData, synthetic: SynthData): number => {
      expect(synthetic.rows).toBe(real.rows);
      return scores[calls++] as number;
    };
    const fit = await fitGan(tf, data, { ...small, epochs: 6, seed: 1, validation, evalEvery: 1, patience: 2, minEpochs: 1, score }, quiet());
    // Best at epoch 2; epochs 3 and 4 are no better: stop after epoch 4.
    expect(fit.epochs).toBe(4);
    expect(fit.bestEpoch).toBe(2);
    expect(fit.history.map((h) => h.quality)).toEqual([0.5, 0.8, 0.6, 0.55]);
    // An early peak before minEpochs is reported but not kept: from epoch 3 on, the best is 0.9 at epoch 6.
    calls = 0;
    const later = await fitGan(tf, data, { ...small, epochs: 6, seed: 1, validation, evalEvery: 1, patience: 2, minEpochs: 3, score }, quiet());
    expect(later.epochs).toBe(6);
    expect(later.bestEpoch).toBe(6);
  });

  it('leaves no tensor behind, per step or after a cancel, with and without DP-SGD', async () => {
    const data = table(150, 5);
    await fitGan(tf, data, { ...small, epochs: 1, seed: 1 }, quiet());
    const before = tf.memory().numTensors;
    for (const extra of [{}, { dp: { epsilon: 5, delta: 1e-4 } }]) {
      const fit = await fitGan(tf, data, { ...small, ...extra, epochs: 3, seed: 1 }, quiet());
      await sampleGan(tf, fit.artefact, 500, 1);
      expect(tf.memory().numTensors).toBe(before);
      let steps = 0;
      const cancelling: FitHooks = {
        checkCancelled() {
          if (++steps === 4) throw new AppError('cancelled', 'Cancelled.');
        },
        onProgress() {},
      };
      await expect(fitGan(tf, data, { ...small, ...extra, epochs: 5, seed: 1 }, cancelling)).rejects.toMatchObject({ code: 'cancelled' });
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('sizes the default batch by the table: 200 rows, fewer on a small table so that an epoch has 20 steps', () => {
    expect(GAN_DEFAULTS.batchSize).toBe(200);
    // Adult's training rows in the app (80 % of 22,561): batches of 200, 90 steps an epoch.
    expect(defaultBatch(18_049)).toBe(200);
    expect(defaultBatch(4_000)).toBe(200);
    expect(defaultBatch(3_000)).toBe(150);
    expect(defaultBatch(1_600)).toBe(80);
    // Never under 5 packs of 10 rows.
    expect(defaultBatch(800)).toBe(50);
    expect(defaultBatch(60)).toBe(50);
    expect(defaultBatch(1_600, 5)).toBe(80);
  });

  it('refuses a malformed privacy budget and a damaged artefact with plain errors', async () => {
    const data = table(50, 6);
    await expect(fitGan(tf, data, { ...small, epochs: 1, seed: 1, dp: { epsilon: 0, delta: 1e-5 } }, quiet())).rejects.toMatchObject({ code: 'bad-input', details: { field: 'dp' } });
    await expect(fitGan(tf, data, { ...small, epochs: 1, seed: 1, dp: { epsilon: 1, delta: 1 } }, quiet())).rejects.toMatchObject({ code: 'bad-input', details: { field: 'dp' } });
    await expect(sampleGan(tf, { version: 1 }, 10, 1)).rejects.toMatchObject({ code: 'bad-input' });
  });
});
