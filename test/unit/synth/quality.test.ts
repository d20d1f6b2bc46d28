import { describe, expect, it } from 'vitest';
import { ksStatistic, pearson, qualityReport, qualityScore } from '../../../src/engine/synth/quality';
import type { SynthData } from '../../../src/engine/synth/types';
import { createRng } from '../../../src/engine/kernel/random';

const num = (name: string, values: number[]): SynthData['columns'][number] => ({ name, kind: 'numeric', values: Float64Array.from(values), integer: false, decimals: 2 });
const cat = (name: string, codes: number[], levels: string[]): SynthData['columns'][number] => ({ name, kind: 'categorical', codes: Int32Array.from(codes), levels });
const table = (...columns: SynthData['columns']): SynthData => ({ rows: columns[0]!.kind === 'categorical' ? columns[0]!.codes.length : columns[0]!.values.length, columns });

describe('the quality measures against published definitions', () => {
  it('KS statistic matches scipy.stats.ks_2samp (0.4 on these samples), with ties', () => {
    const a = Float64Array.from([0.1, 0.5, 0.5, 1.2, 3.3, 4.0, 4.0, 7.5]).sort();
    const b = Float64Array.from([0.2, 0.5, 1.0, 1.0, 2.5, 6.0, 8.0, 9.1, 9.5, 10.0]).sort();
    expect(ksStatistic(a, b)).toBeCloseTo(0.4, 12);
    expect(ksStatistic(a, a)).toBe(0);
  });

  it('Pearson r matches numpy.corrcoef (0.82199…) and is null for a constant column', () => {
    expect(pearson(Float64Array.from([1, 2, 3, 4, 5]), Float64Array.from([2, 1, 4, 3, 6]))).toBeCloseTo(0.8219949365267863, 12);
    expect(pearson(Float64Array.from([1, 1, 1]), Float64Array.from([1, 2, 3]))).toBeNull();
  });

  it('scores column shapes as KS and TV complements, and pair trends as correlation and contingency similarity', () => {
    const real = table(num('x', [1, 2, 3, 4]), num('y', [1, 2, 3, 4]), cat('c', [0, 0, 1, 1], ['a', 'b']));
    const synthetic = table(num('x', [1, 2, 3, 4]), num('y', [4, 3, 2, 1]), cat('c', [0, 0, 0, 1], ['a', 'b']));
    const report = qualityReport(real, synthetic);
    const shape = (c: string): number => report.columns.find((s) => s.column === c)!.score;
    expect(shape('x')).toBe(1);
    expect(shape('c')).toBeCloseTo(0.75, 12); // ½(|0.5−0.75| + |0.5−0.25|) = 0.25
    const pair = (a: string, b: string): number => report.pairs.find((p) => p.a === a && p.b === b)!.score;
    expect(pair('x', 'y')).toBeCloseTo(0, 12); // r = 1 against r = −1
    expect(report.pairs.find((p) => p.a === 'x' && p.b === 'c')!.metric).toBe('contingency-similarity');
    expect(report.score).toBeCloseTo((report.columnShapes + report.pairTrends) / 2, 12);
    expect(report.columns[2]!.bins.map((b) => b.label)).toEqual(['a', 'b']);
  });

  it('gives a faithful copy 1 and an independent shuffle of a correlated pair a lower pair score', () => {
    const rng = createRng(3);
    const n = 2000;
    const x = Array.from({ length: n }, () => rng());
    const y = x.map((v) => v + 0.1 * rng());
    const group = x.map((v) => (v > 0.5 ? 1 : 0));
    const real = table(num('x', x), num('y', y), cat('g', group, ['low', 'high']));
    expect(qualityReport(real, real).score).toBe(1);
    const shuffled = [...y].sort(() => rng() - 0.5);
    const broken = table(num('x', x), num('y', shuffled), cat('g', [...group].sort(() => rng() - 0.5), ['low', 'high']));
    const report = qualityReport(real, broken);
    expect(report.columnShapes).toBeGreaterThan(0.99); // the marginals are the same values
    expect(report.pairTrends).toBeLessThan(0.7);
    expect(qualityScore(real, broken)).toBeLessThan(qualityScore(real, real));
  });

  it('refuses tables whose columns differ', () => {
    expect(() => qualityReport(table(num('x', [1])), table(num('z', [1])))).toThrow(/same columns/);
  });
});
