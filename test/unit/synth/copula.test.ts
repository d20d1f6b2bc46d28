import { describe, expect, it } from 'vitest';
import { fitCopula, readCopula, sampleCopula, type CopulaArtefact } from '../../../src/engine/synth/copula';
import { marginalCdf, marginalQuantile, normalCdf, normalQuantile, type Marginal } from '../../../src/engine/synth/marginals';
import type { CategoricalColumnData, NumericColumnData, SynthData } from '../../../src/engine/synth/types';
import { adultSample, mixedTable } from './reports-fixtures';

const numeric = (data: SynthData, name: string): NumericColumnData => data.columns.find((c) => c.name === name) as NumericColumnData;
const categorical = (data: SynthData, name: string): CategoricalColumnData => data.columns.find((c) => c.name === name) as CategoricalColumnData;
const present = (values: Float64Array): Float64Array => values.filter((v) => !Number.isNaN(v)).sort();

/** Two-sample KS statistic of the present values: the largest gap between the two step functions. */
function ks2(a: Float64Array, b: Float64Array): number {
  const x = present(a);
  const y = present(b);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i] as number;
    sb += b[i] as number;
  }
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const u = (a[i] as number) - ma;
    const v = (b[i] as number) - mb;
    sab += u * v;
    saa += u * u;
    sbb += v * v;
  }
  return sab / Math.sqrt(saa * sbb);
}

const shares = (col: CategoricalColumnData): number[] => {
  const counts = new Array<number>(col.levels.length + 1).fill(0);
  for (const c of col.codes) (counts as number[])[c + 1] = (counts[c + 1] as number) + 1;
  return counts.map((c) => c / col.codes.length);
};

describe('normal distribution helpers', () => {
  it('match published values of Φ and Φ⁻¹', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
  });

  it('inverts each marginal family', () => {
    const families: Marginal[] = [
      { family: 'normal', mean: 3, sd: 2 },
      { family: 'truncnorm', mean: 1, sd: 4, low: 0, high: 10 },
      { family: 'lognormal', mu: 2, sigma: 0.7, shift: -1 },
      { family: 'uniform', low: -2, high: 5 },
      { family: 'empirical', knots: [0, 0.5, 1, 4, 9] },
    ];
    for (const m of families) {
      for (const u of [0.05, 0.3, 0.7, 0.95]) expect(marginalCdf(m, marginalQuantile(m, u))).toBeCloseTo(u, 5);
    }
  });
});

describe('the Gaussian copula on a table of known structure', () => {
  const real = mixedTable(4000, 1);
  const artefact = fitCopula(real, { seed: 7 });
  const model = readCopula(artefact);
  const twin = sampleCopula(artefact, 4000, 11);

  it('picks a curve where one fits and the empirical quantiles where none does', () => {
    const family = (name: string): string => {
      const col = model.columns.find((c) => c.name === name);
      return col && col.kind !== 'categorical' ? col.marginal.family : 'none';
    };
    expect(['normal', 'truncnorm']).toContain(family('spend'));
    expect(family('income')).toBe('lognormal');
    // Bimodal, and a count with ten values: no curve.
    expect(family('tenure')).toBe('empirical');
    expect(family('visits')).toBe('empirical');
  });

  it('keeps every numeric marginal (two-sample KS below 0.05)', () => {
    for (const name of ['spend', 'basket', 'income', 'visits', 'tenure']) {
      expect(ks2(numeric(real, name).values, numeric(twin, name).values), name).toBeLessThan(0.05);
    }
  });

  it('keeps the strong spend–basket correlation', () => {
    const r = correlation(numeric(real, 'spend').values, numeric(real, 'basket').values);
    const s = correlation(numeric(twin, 'spend').values, numeric(twin, 'basket').values);
    expect(r).toBeGreaterThan(0.7);
    expect(Math.abs(s - r)).toBeLessThan(0.05);
  });

  it('keeps category frequencies, missing share included, and the link between plan and spend', () => {
    for (const name of ['plan', 'region']) {
      const a = shares(categorical(real, name));
      const b = shares(categorical(twin, name));
      a.forEach((share, k) => expect(Math.abs(share - (b[k] as number)), `${name} level ${k - 1}`).toBeLessThan(0.025));
    }
    const meanSpend = (data: SynthData, level: number): number => {
      const plan = categorical(data, 'plan').codes;
      const spend = numeric(data, 'spend').values;
      let s = 0;
      let n = 0;
      plan.forEach((c, i) => {
        if (c === level) {
          s += spend[i] as number;
          n++;
        }
      });
      return s / n;
    };
    // Pro customers spend more than basic ones, in the twin as in the real rows.
    expect(meanSpend(twin, 2) - meanSpend(twin, 0)).toBeGreaterThan(0.6 * (meanSpend(real, 2) - meanSpend(real, 0)));
  });

  it('writes values as the real ones are written: whole numbers, decimals, inside the real range', () => {
    for (const name of ['income', 'visits']) expect(numeric(twin, name).values.every((v) => Number.isInteger(v))).toBe(true);
    expect(numeric(twin, 'spend').values.every((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6)).toBe(true);
    for (const name of ['spend', 'tenure']) {
      const r = present(numeric(real, name).values);
      const t = numeric(twin, name).values;
      expect(t.every((v) => v >= (r[0] as number) && v <= (r[r.length - 1] as number))).toBe(true);
    }
  });

  it('is deterministic for a seed, different for another, and survives storage as JSON', () => {
    const stored = JSON.parse(JSON.stringify(artefact)) as CopulaArtefact;
    const again = sampleCopula(stored, 500, 11);
    expect(Array.from(numeric(again, 'spend').values)).toEqual(Array.from(numeric(twin, 'spend').values.slice(0, 500)));
    expect(Array.from(categorical(again, 'plan').codes)).toEqual(Array.from(categorical(twin, 'plan').codes.slice(0, 500)));
    const other = sampleCopula(artefact, 500, 12);
    expect(Array.from(numeric(other, 'spend').values)).not.toEqual(Array.from(numeric(again, 'spend').values));
    expect(JSON.stringify(fitCopula(real, { seed: 7 }))).toBe(JSON.stringify(artefact));
  });

  it('keeps the share of missing numbers and writes dates as plain days', () => {
    const rows = 3000;
    const day = 86400;
    const start = Date.UTC(2023, 0, 1) / 1000;
    const withGaps: SynthData = {
      rows,
      columns: [
        { name: 'amount', kind: 'numeric', values: Float64Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? Number.NaN : 10 + (i % 50))), integer: true, decimals: 0 },
        { name: 'joined', kind: 'datetime', values: Float64Array.from({ length: rows }, (_, i) => start + (i % 365) * day), integer: true, decimals: 0, dateOnly: true },
      ],
    };
    const sampled = sampleCopula(fitCopula(withGaps, { seed: 1 }), rows, 2);
    const amount = numeric(sampled, 'amount').values;
    const missing = amount.filter((v) => Number.isNaN(v)).length / rows;
    expect(Math.abs(missing - 1 / 7)).toBeLessThan(0.02);
    const joined = numeric(sampled, 'joined').values;
    expect(joined.every((v) => v % day === 0 && v >= start && v <= start + 364 * day)).toBe(true);
    expect(ks2(numeric(withGaps, 'joined').values, joined)).toBeLessThan(0.05);
  });

  it('refuses a damaged model with a plain error', () => {
    expect(() => sampleCopula({ version: 1, columns: 'x' }, 10, 1)).toThrow(/damaged/);
  });
});

describe('the Gaussian copula on Adult', () => {
  it('keeps age, hours and the education–label link', () => {
    const { train } = adultSample(4000, 0);
    const twin = sampleCopula(fitCopula(train, { seed: 1 }), 4000, 2);
    expect(ks2(numeric(train, 'age').values, numeric(twin, 'age').values)).toBeLessThan(0.05);
    expect(ks2(numeric(train, 'hours-per-week').values, numeric(twin, 'hours-per-week').values)).toBeLessThan(0.06);
    const rich = (data: SynthData): number => {
      const label = categorical(data, 'label');
      const high = label.levels.indexOf('>50K');
      const edu = numeric(data, 'education-num').values;
      let s = 0;
      let n = 0;
      label.codes.forEach((c, i) => {
        if (c === high) {
          s += edu[i] as number;
          n++;
        }
      });
      return s / n;
    };
    const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;
    // People earning over 50K have more years of education, in the twin too (a copula weakens a yes/no link to about half).
    expect(rich(twin) - mean(numeric(twin, 'education-num').values)).toBeGreaterThan(0.4 * (rich(train) - mean(numeric(train, 'education-num').values)));
  });
});
