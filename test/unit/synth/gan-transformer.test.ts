import { describe, expect, it } from 'vitest';
import { conditionLayout, rowIndex, sampleConditions, sampleRealRows } from '../../../src/engine/synth/gan/sampler';
import { fitTransformer, inverseTransform, layout, pointMasses, SPIKE_SHARE, transform, type NumericColumnCode } from '../../../src/engine/synth/gan/transformer';
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
    const { spans, columnSpans, conditioned, width } = layout(state);
    const amountModes = (columnSpans[0]?.[1]?.size ?? 0);
    expect(columnSpans[0]?.map((s) => s.activation)).toEqual(['tanh', 'softmax', 'softmax']);
    expect(columnSpans[0]?.[2]?.size).toBe(2);
    expect(amountModes).toBeGreaterThanOrEqual(2);
    expect(columnSpans[1]?.[0]?.size).toBe(4);
    expect(columnSpans[2]?.map((s) => s.size)).toEqual([1, 1]);
    expect(conditioned).toHaveLength(1);
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
    const { width, conditioned } = layout(state);
    const real = sampleRealRows(encoded, width, rowIndex(state, encoded), c, 400, random);
    const span = conditioned[0]?.span;
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

  it('makes a value that holds a large share of the rows a mode of its own that decodes exactly', () => {
    // A zero-inflated amount (Adult's capital gain, a shop's refunds): 80 % exact zeros, the rest spread from 100 to 20,000.
    const random = seeded(5);
    const rows = 1000;
    const refund = Float64Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? Math.round(100 * Math.exp(random() * 5.3)) : 0));
    const hours = Float64Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 40 : i % 4 === 1 ? 38 + (i % 7) : 50));
    const data: SynthData = {
      rows,
      columns: [
        { name: 'refund', kind: 'numeric', values: refund, integer: true, decimals: 0 },
        { name: 'hours', kind: 'numeric', values: hours, integer: true, decimals: 0 },
        { name: 'level', kind: 'numeric', values: Float64Array.from({ length: rows }, (_, i) => i % 3), integer: true, decimals: 0 },
      ],
    };
    expect(pointMasses(refund)).toEqual([0]);
    // 40 in half the rows, 50 in a quarter; 38..44 each under the 5 % share.
    expect(pointMasses(hours)).toEqual([40, 50]);
    expect(pointMasses(Float64Array.from([1, 1, 2, Number.NaN]))).toEqual([1, 2]);
    expect(SPIKE_SHARE).toBe(0.05);
    const state = fitTransformer(data, { seed: 1 });
    const [refundCode, , levelCode] = state.columns as NumericColumnCode[];
    const { width, columnSpans } = layout(state);
    const modes = columnSpans[0]?.[1];
    if (!refundCode || !levelCode || !modes) throw new Error('layout');
    const K = refundCode.vgm.weights.length;
    expect(K).toBeGreaterThanOrEqual(1);
    expect(modes.size).toBe(K + 1);
    // Every value of the third column is a point mass: no mixture, three exact modes.
    expect(levelCode.vgm.weights).toEqual([]);
    expect(columnSpans[2]?.[1]?.size).toBe(3);
    // Mixed columns (point masses and a mixture) are conditioned on by their modes; the all-point-mass one is not.
    const { conditioned } = layout(state);
    expect(conditioned.map((c) => c.column)).toEqual([0, 1]);
    expect(conditioned[0]?.span).toEqual(modes);
    expect(levelCode.modeCounts).toBeUndefined();
    const counts = refundCode.modeCounts ?? [];
    expect(counts).toHaveLength(K + 1);
    expect(counts[K]).toBe(800);
    expect(counts.reduce((a, b) => a + b, 0)).toBeCloseTo(rows, 6);
    const cond = conditionLayout(state);
    expect(cond.width).toBe(modes.size + (columnSpans[1]?.[1]?.size ?? 0));
    const encoded = transform(state, data, 9);
    for (let r = 0; r < rows; r += 5) {
      // A zero row (r % 5 !== 0 below) is the point-mass mode with scalar 0; a refund row never is.
      const zero = r + 1;
      expect(encoded[zero * width + modes.start + K]).toBe(1);
      expect(encoded[zero * width]).toBe(0);
      expect(encoded[r * width + modes.start + K]).toBe(0);
    }
    // A generator's scalar a little off does not move a point mass: it decodes to exactly 0 (and 40, and 2).
    const noisy = encoded.slice();
    for (let r = 0; r < rows; r++) noisy[r * width] = 0.3;
    const back = inverseTransform(state, noisy, rows);
    const [refundBack, hoursBack, levelBack] = back.columns;
    if (refundBack?.kind !== 'numeric' || hoursBack?.kind !== 'numeric' || levelBack?.kind !== 'numeric') throw new Error('kinds');
    for (let r = 0; r < rows; r++) {
      if (refund[r] === 0) expect(refundBack.values[r]).toBe(0);
      else expect(refundBack.values[r]).not.toBe(0);
      if (hours[r] === 40 || hours[r] === 50) expect(hoursBack.values[r]).toBe(hours[r]);
      expect(levelBack.values[r]).toBe(r % 3);
    }
    // A model saved before point masses existed (no spikes) still decodes with its mixture alone.
    const old = { ...state, columns: state.columns.map((c) => (c.kind === 'categorical' ? c : { ...c, spikes: undefined })) };
    delete (old.columns[0] as NumericColumnCode).spikes;
    delete (old.columns[0] as NumericColumnCode).modeCounts;
    const oldLayout = layout(old);
    expect(oldLayout.columnSpans[0]?.[1]?.size).toBe(K);
    expect(oldLayout.conditioned.map((c) => c.column)).toEqual([1]);
  });
});

