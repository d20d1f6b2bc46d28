import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { encodeFeatures } from '../../../src/engine/ml/encoder';
import { createRng } from '../../../src/engine/ml/folds';
import type { RawTable, RawValue } from '../../../src/engine/ml/table';
import { scoreTabular, trainTabular } from '../../../src/engine/ml/tabular';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

/**
 * Customers whose outcome depends on `visits` (+), `complaints` (−) and `plan` only:
 * logit = 1.2·visits − 0.9·complaints + 1.0·[plan = pro] − 0.3; four more columns are pure noise.
 */
function synthetic(n: number, seed: number): RawTable {
  const rng = createRng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const rows: RawValue[][] = [];
  for (let i = 0; i < n; i++) {
    const visits = normal();
    const complaints = normal();
    const plan = rng() < 0.5 ? 'pro' : 'basic';
    const z = 1.2 * visits - 0.9 * complaints + (plan === 'pro' ? 1 : 0) - 0.3;
    const y = rng() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no';
    rows.push([`c${i}`, visits.toFixed(4), complaints.toFixed(4), plan, normal().toFixed(4), normal().toFixed(4), ['a', 'b', 'c'][Math.floor(rng() * 3)] as string, rng() < 0.5 ? 'x' : 'y', y]);
  }
  return { columns: ['id', 'visits', 'complaints', 'plan', 'noise1', 'noise2', 'noise3', 'noise4', 'bought'], rows };
}

describe('trainTabular on data where only known columns matter', () => {
  let result: Awaited<ReturnType<typeof trainTabular>>;
  let tensorsBefore: number;
  beforeAll(async () => {
    tensorsBefore = tf.memory().numTensors;
    result = await trainTabular(tf, synthetic(3000, 1), { target: 'bought', id: 'id', folds: 3, seed: 2 });
  });

  it('ranks the three columns that matter first by permutation importance; noise drops ≈ 0', () => {
    expect(result.importance.slice(0, 3).map((i) => i.feature).sort()).toEqual(['complaints', 'plan', 'visits']);
    expect(result.importance[0]?.feature).toBe('visits');
    for (const noise of result.importance.slice(3)) expect(Math.abs(noise.drop)).toBeLessThan(0.005);
    expect(result.importance[2]?.drop).toBeGreaterThan(0.03);
  });

  it('reports out-of-fold metrics, a calibrated model and frees its tensors', () => {
    expect(result.aucFolds).toHaveLength(3);
    expect(result.aucMean).toBeGreaterThan(0.8);
    expect(result.aucCi.low).toBeLessThan(result.aucPooled);
    expect(result.aucCi.high).toBeGreaterThan(result.aucPooled);
    expect(result).toMatchObject({ rows: 3000, features: 11, backend: tf.getBackend() });
    expect(result.positives).toBe(synthetic(3000, 1).rows.filter((r) => r[8] === 'yes').length);
    // Calibrated: predicted and observed rates agree in every well-filled bin.
    for (const bin of result.calibration.filter((b) => b.count > 200)) expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.06);
    expect(result.history.every((h) => h.valLoss === null)).toBe(true);
    expect(result.foldHistories).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(JSON.parse(JSON.stringify(result.artifact))).toEqual(result.artifact);
  });

  it('explains a score by the columns that move it, with the sign of their effect on the log-odds', () => {
    const before = tf.memory().numTensors;
    const table: RawTable = {
      columns: result.artifact.encoder.columns.map((c) => c.source),
      rows: [
        // Many visits, typical otherwise: visits raise the probability.
        ['2.5', '0', 'basic', '0', '0', 'a', 'x'],
        // Many complaints: they lower it.
        ['0', '2.5', 'basic', '0', '0', 'a', 'x'],
      ],
    };
    const scored = scoreTabular(tf, result.artifact, table, { reasons: 2 });
    expect(tf.memory().numTensors).toBe(before);
    const [high, low] = scored.reasons;
    expect(high?.[0]).toMatchObject({ feature: 'visits', value: '2.5' });
    expect(low?.[0]).toMatchObject({ feature: 'complaints', value: '2.5' });
    expect(high?.[0]?.effect).toBeGreaterThan(0);
    expect(low?.[0]?.effect).toBeLessThan(0);
    expect(high).toHaveLength(2);
    // The model is linear in its features: an effect is exactly the calibration slope times Σ w·(x − baseline).
    const { encoder, net, calibration } = result.artifact;
    const { X } = encodeFeatures(encoder, table);
    const baseline = encodeFeatures(encoder, { columns: table.columns, rows: [encoder.columns.map((c) => (c.kind === 'numeric' ? c.median : (c.levels[0] as string)))] }).X;
    const kernel = net.layers[0]?.kernel ?? [];
    const visits = encoder.featureNames.flatMap((name, j) => (name === 'visits' || name === 'visits missing' ? [j] : []));
    const expected = calibration.a * visits.reduce((s, j) => s + (kernel[j] as number) * ((X[j] as number) - (baseline[j] as number)), 0);
    expect(high?.[0]?.effect).toBeCloseTo(expected, 4);
    // Against the generating model: 1.2 per standard deviation, 2.5 above the median ≈ +3 log-odds.
    expect(high?.[0]?.effect).toBeGreaterThan(2);
    expect(high?.[0]?.effect).toBeLessThan(4);
    expect(scored.probabilities[0]).toBeGreaterThan(0.8);
    expect(scored.probabilities[1]).toBeLessThan(0.2);
  });
});

describe('trainTabular cancellation and checks', () => {
  it('stops when checkCancelled throws mid-way, rejects with that error and frees every tensor', async () => {
    const table = synthetic(2000, 3);
    const before = tf.memory().numTensors;
    const stop = new Error('stop');
    let calls = 0;
    const stages = new Set<string>();
    await expect(
      trainTabular(tf, table, { target: 'bought', id: 'id', folds: 4, seed: 1 }, {
        onProgress: (p) => stages.add(p.stage),
        checkCancelled: () => {
          if (++calls === 120) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect([...stages].some((s) => s.startsWith('Fold'))).toBe(true);
    expect(stages.has('Done')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses too few rows of an outcome for the folds, and unknown columns, before training', async () => {
    const tiny: RawTable = { columns: ['x', 'y'], rows: [['1', 'yes'], ['2', 'no'], ['3', 'no'], ['4', 'yes'], ['5', 'no']] };
    await expect(trainTabular(tf, tiny, { target: 'y', folds: 3, seed: 1 })).rejects.toThrow(/needs at least 3 rows of each outcome; there are 2 positive and 3 negative/);
    await expect(trainTabular(tf, tiny, { target: 'y', id: 'customer', folds: 2, seed: 1 })).rejects.toThrow(/There is no column "customer"/);
    await expect(trainTabular(tf, tiny, { target: 'y', folds: 21, seed: 1 })).rejects.toThrow(/Folds take a whole number from 2 to 20/);
  });
});
