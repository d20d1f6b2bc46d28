import { describe, expect, it } from 'vitest';
import { createRng, normal } from '../../../src/engine/kernel/random';
import { closestDistances, numericRanges, packRows } from '../../../src/engine/synth/distance';
import { dropExactCopies, privacyReport, privacyVerdict } from '../../../src/engine/synth/privacy';
import { selectSynthRows } from '../../../src/engine/synth/raw';
import type { SynthData } from '../../../src/engine/synth/types';
import { privacyReportSchema } from '../../../src/shared/synth-schemas';
import { mixedTable } from './reports-fixtures';

const range = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** The training rows themselves, each number moved by at most a hundredth of its spread: a twin that memorised. */
function jittered(data: SynthData, seed: number): SynthData {
  const rng = createRng(seed, 9);
  return {
    rows: data.rows,
    columns: data.columns.map((c) => (c.kind === 'categorical' ? c : { ...c, values: c.values.map((v) => v + 0.05 * normal(rng)) })),
  };
}

describe('distance to the closest record', () => {
  it('mixes numbers over their range and category mismatches, as SDMetrics does (hand-computed)', () => {
    const train: SynthData = {
      rows: 2,
      columns: [
        { name: 'x', kind: 'numeric', values: Float64Array.from([0, 10]), integer: true, decimals: 0 },
        { name: 'c', kind: 'categorical', codes: Int32Array.from([0, 1]), levels: ['a', 'b'] },
      ],
    };
    const query: SynthData = {
      rows: 3,
      columns: [
        { name: 'x', kind: 'numeric', values: Float64Array.from([2, 9, Number.NaN]), integer: true, decimals: 0 },
        { name: 'c', kind: 'categorical', codes: Int32Array.from([1, 1, -1]), levels: ['a', 'b'] },
      ],
    };
    const ranges = numericRanges(train);
    const d = closestDistances(packRows(query, ranges, range(3)), packRows(train, ranges, range(2)));
    // Row 1: to (0,a) (0.2 + 1)/2 = 0.6, to (10,b) (0.8 + 0)/2 = 0.4. Row 2: (0.1 + 0)/2. Row 3: missing vs anything: 1.
    expect(Array.from(d)).toEqual([0.4, 0.05, 1].map((v) => expect.closeTo(v, 12)));
  });
});

describe('exact copies', () => {
  it('counts and drops rows equal to a training row after the column rounding', () => {
    const train = mixedTable(500, 1);
    const fresh = mixedTable(100, 2);
    const copies = selectSynthRows(train, Int32Array.from({ length: 30 }, (_, i) => i * 7));
    // A copy whose amount differs below its two decimals is still a copy.
    const spend = copies.columns[0];
    if (spend?.kind !== 'numeric') throw new Error('spend first');
    spend.values[0] = (spend.values[0] as number) + 1e-7;
    const both = selectSynthRows(
      {
        rows: 130,
        columns: fresh.columns.map((c, j) => {
          const d = copies.columns[j];
          if (c.kind === 'categorical' && d?.kind === 'categorical') return { ...c, codes: Int32Array.from([...c.codes, ...d.codes]) };
          if (c.kind !== 'categorical' && d?.kind !== 'categorical' && d) return { ...c, values: Float64Array.from([...c.values, ...d.values]) };
          throw new Error('columns differ');
        }),
      },
      range(130),
    );
    const { data, dropped } = dropExactCopies(train, both);
    expect(dropped).toBe(30);
    expect(data.rows).toBe(100);
    expect(dropExactCopies(train, fresh).dropped).toBe(0);
    expect(() => dropExactCopies(train, { rows: 0, columns: [] })).toThrow(/columns/);
  });
});

describe('the privacy report', () => {
  const train = mixedTable(1500, 1);
  const holdout = mixedTable(1500, 2);

  it('judges a twin that is the training rows, lightly jittered, unsafe', () => {
    const report = privacyReport(train, holdout, jittered(train, 3), { seed: 1, exactCopies: 0, dp: null });
    expect(() => privacyReportSchema.parse(report)).not.toThrow();
    expect(report.verdict).toBe('unsafe');
    expect(report.membershipAuc).toBeGreaterThan(0.9);
    expect(report.dcr.medianRatio).toBeLessThan(0.2);
    expect(report.dcr.closerToTrain).toBeGreaterThan(0.9);
    expect(report.reasons.join(' ')).toMatch(/AUC of (0\.9\d\d|1\.000).*0\.6 or more is unsafe/);
  });

  it('judges an independent sample from the same distribution safe', () => {
    const report = privacyReport(train, holdout, mixedTable(1500, 4), { seed: 1, exactCopies: 0, dp: { epsilon: 3, delta: 1e-5 } });
    expect(report.verdict).toBe('safe');
    expect(Math.abs(report.membershipAuc - 0.5)).toBeLessThan(0.04);
    expect(report.dcr.medianRatio).toBeGreaterThan(0.85);
    expect(report.dcr.medianRatio).toBeLessThan(1.15);
    expect(Math.abs(report.dcr.closerToTrain - 0.5)).toBeLessThan(0.05);
    // Random rows from the columns' ranges sit far further away than real ones.
    expect(report.dcr.randomMedian).toBeGreaterThan(2 * report.dcr.holdoutMedian);
    expect(report.dp).toEqual({ epsilon: 3, delta: 1e-5 });
    // The reasons say what the budget means: e^3 ≈ 20.
    expect(report.reasons.at(-1)).toMatch(/differential privacy \(DP-SGD, ε = 3\.00, δ = 1 in 100,000\).*factor of 20 \(/);
    const total = (key: 'synthetic' | 'holdout' | 'random'): number => report.dcr.bins.reduce((s, b) => s + b[key], 0);
    for (const key of ['synthetic', 'holdout', 'random'] as const) expect(total(key)).toBeCloseTo(1, 9);
  });

  it('calls many dropped copies unsafe even when the rest looks fine', () => {
    const report = privacyReport(train, holdout, mixedTable(1500, 4), { seed: 1, exactCopies: 200, dp: null });
    expect(report.verdict).toBe('unsafe');
    expect(report.exactCopies).toBe(200);
    expect(report.reasons[0]).toMatch(/11\.8 % of the sampled rows copied a training row exactly/);
  });

  it('stops when its job is cancelled', () => {
    let calls = 0;
    const checkCancelled = (): void => {
      if (++calls > 3) throw new Error('cancelled');
    };
    expect(() => privacyReport(train, holdout, mixedTable(1500, 4), { seed: 1, exactCopies: 0, dp: null, checkCancelled })).toThrow('cancelled');
  });

  it('is deterministic for a seed', () => {
    const twin = mixedTable(800, 5);
    expect(privacyReport(train, holdout, twin, { seed: 2, exactCopies: 0, dp: null, queryRows: 300 })).toEqual(
      privacyReport(train, holdout, twin, { seed: 2, exactCopies: 0, dp: null, queryRows: 300 }),
    );
  });
});

describe('the verdict thresholds', () => {
  const fine = { copyShare: 0, holdoutMatchShare: 0, membershipAuc: 0.5, medianRatio: 1, closerToTrain: 0.5 };
  it('moves from safe to caution to unsafe at the stated limits', () => {
    expect(privacyVerdict(fine).verdict).toBe('safe');
    expect(privacyVerdict({ ...fine, membershipAuc: 0.57 }).verdict).toBe('caution');
    expect(privacyVerdict({ ...fine, membershipAuc: 0.6 }).verdict).toBe('unsafe');
    expect(privacyVerdict({ ...fine, closerToTrain: 0.65 }).verdict).toBe('caution');
    expect(privacyVerdict({ ...fine, medianRatio: 0.7 }).verdict).toBe('caution');
    expect(privacyVerdict({ ...fine, medianRatio: 0.45 }).verdict).toBe('unsafe');
    // Copies count only beyond how often unseen real rows match a training row.
    expect(privacyVerdict({ ...fine, copyShare: 0.3, holdoutMatchShare: 0.28 }).verdict).toBe('caution');
    expect(privacyVerdict({ ...fine, copyShare: 0.3, holdoutMatchShare: 0.3 }).verdict).toBe('safe');
  });
});
