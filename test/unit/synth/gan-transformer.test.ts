import { describe, expect, it } from 'vitest';
import { conditionLayout, rowIndex, sampleConditions, sampleRealRows } from '../../../src/engine/synth/gan/sampler';
import { fitTransformer, inverseTransform, layout, transform } from '../../../src/engine/synth/gan/transformer';
import type { SynthData } from '../../../src/engine/synth/types';
import { seeded } from '../seeded';

function table(rows: number): SynthData {
  const random = seeded(21);
  const amount = Float64Array.from({ length: rows }, (_, i) => (i % 10 === 9 ? Number.NaN : i % 2 === 0 ? 10 + random() : 500 + 10 * random()));
  const plan = Int32Array.from({ length: rows }, (_, i) => (i % 13 === 0 ? -1 : i % 3));
  const flat = Float64Array.from({ length: rows }, () => 7);
  return {
    rows,
    columns: [
      { name: 'amount', kind: 'numeric', values: amount, integer: false, decimals: 2 },
      { name: 'plan', kind: 'categorical', codes: plan, levels: ['basic', 'plus', 'pro'] },
      { name: 'flat', kind: 'numeric', values: flat, integer: true, decimals: 0 },
    ],
  };
}

describe('GAN table encoding', () => {
  it('lays out scalar, modes and missing flag per number, a one-hot with a missing level per category', () => {
    const data = table(300);
    const state = fitTransformer(data, { seed: 1 });
    const { spans, columnSpans, categorical, width } = layout(state);
    const amountModes = (columnSpans[0]?.[1]?.size ?? 0);
    expect(columnSpans[0]?.map((s) => s.activation)).toEqual(['tanh', 'softmax', 'softmax']);
    expect(columnSpans[0]?.[2]?.size).toBe(2);
    expect(amountModes).toBeGreaterThanOrEqual(2);
    expect(columnSpans[1]?.[0]?.size).toBe(4);
    expect(columnSpans[2]?.map((s) => s.size)).toEqual([1, 1]);
    expect(categorical).toHaveLength(1);
    expect(width).toBe(spans.reduce((s, x) => s + x.size, 0));
  });

  it('encodes every row with one mode and scalars within ±0.99, and decodes it back', () => {
    const data = table(300);
    const state = fitTransformer(data, { seed: 1 });
    const encoded = transform(state, data, 9);
    const { width, columnSpans } = layout(state);
    const modes = columnSpans[0]?.[1];
    for (let r = 0; r < data.rows; r++) {
      const s = encoded[r * width] as number;
      expect(Math.abs(s)).toBeLessThanOrEqual(0.99);
      let hot = 0;
      for (let k = 0; k < (modes?.size ?? 0); k++) hot += encoded[r * width + (modes?.start ?? 0) + k] as number;
      expect(hot).toBe(1);
    }
    const back = inverseTransform(state, encoded, data.rows);
    const [amount, plan, flat] = back.columns;
    const [realAmount, realPlan] = data.columns;
    if (amount?.kind !== 'numeric' || plan?.kind !== 'categorical' || flat?.kind !== 'numeric') throw new Error('kinds');
    if (realAmount?.kind !== 'numeric' || realPlan?.kind !== 'categorical') throw new Error('kinds');
    for (let r = 0; r < data.rows; r++) {
      const v = realAmount.values[r] as number;
      if (Number.isNaN(v)) expect(amount.values[r]).toBeNaN();
      // Two decimals kept; a value 4σ beyond its mode would have been clipped, none is here.
      else expect(Math.abs((amount.values[r] as number) - v)).toBeLessThan(0.006);
      expect(plan.codes[r]).toBe(realPlan.codes[r]);
      expect(flat.values[r]).toBe(7);
    }
  });

  it('draws training conditions by log-frequency and real rows that have the condition', () => {
    const data = table(300);
    const state = fitTransformer(data, { seed: 1 });
    const encoded = transform(state, data, 9);
    const cond = conditionLayout(state);
    expect(cond.width).toBe(4);
    const random = seeded(3);
    const c = sampleConditions(cond, 400, random, true);
    if (!c) throw new Error('no conditions');
    const { width, categorical } = layout(state);
    const real = sampleRealRows(encoded, width, rowIndex(state, encoded), c, 400, random);
    const span = categorical[0]?.span;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) {
      const level = c.level[i] as number;
      counts[level] = (counts[level] as number) + 1;
      expect(real[i * width + (span?.start ?? 0) + level]).toBe(1);
      expect(c.vectors[i * 4 + level]).toBe(1);
    }
    // The missing level (24 of 300 rows) is drawn far more often than its 8% share: log-frequency.
    expect((counts[3] as number) / 400).toBeGreaterThan(0.15);
  });
});
