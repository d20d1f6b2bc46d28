import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/kernel/random';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { fitCopula, sampleCopula } from '../../../src/engine/synth/copula';
import { bestF1Threshold, classificationScores, efficacyReport } from '../../../src/engine/synth/efficacy';
import { rawToSynthData, synthToRawTable } from '../../../src/engine/synth/raw';
import type { CategoricalColumnData, SynthData } from '../../../src/engine/synth/types';
import type { EfficacyReport } from '../../../src/shared/synth-schemas';
import { adultSample } from './reports-fixtures';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

const fast = { epochs: 8, patience: 3 };

describe('threshold and scores', () => {
  it('cuts where F1 on the given rows is best, and scores a hand-computed case', () => {
    const y = Uint8Array.from([1, 1, 0, 1, 0, 0]);
    const s = Float32Array.from([0.9, 0.8, 0.7, 0.6, 0.2, 0.1]);
    // Top 2: F1 = 4/5 = 0.8; top 4: tp 3, fp 1 → 6/7 ≈ 0.857 (best); top 6: 6/9.
    const t = bestF1Threshold(y, s);
    expect(t).toBeCloseTo(0.4, 6);
    const scores = classificationScores(y, s, t);
    expect(scores.accuracy).toBeCloseTo(5 / 6, 9);
    expect(scores.f1).toBeCloseTo(6 / 7, 9);
  });
});

describe('raw-table converter', () => {
  it('round-trips numbers, dates and categories, missing kept', () => {
    const data = rawToSynthData(
      {
        columns: ['amount', 'day', 'plan'],
        rows: [
          ['12.50', '2024-03-01', 'pro'],
          ['', '2024-03-02', 'basic'],
          ['7', null, ''],
        ],
      },
      [
        { name: 'amount', role: 'numeric' },
        { name: 'day', role: 'datetime' },
        { name: 'plan', role: 'categorical' },
      ],
    );
    expect(data.columns[0]).toMatchObject({ integer: false, decimals: 2 });
    expect(data.columns[1]).toMatchObject({ dateOnly: true });
    expect(synthToRawTable(data).rows).toEqual([
      [12.5, '2024-03-01', 'pro'],
      [null, '2024-03-02', 'basic'],
      [7, null, null],
    ]);
    expect(synthToRawTable(data, { dates: 'seconds' }).rows[0]?.[1]).toBe(Date.UTC(2024, 2, 1) / 1000);
    expect(() => rawToSynthData({ columns: ['amount'], rows: [['1'], ['lots']] }, [{ name: 'amount', role: 'numeric' }])).toThrow(/Row 3, column "amount"/);
  });
});

describe('machine-learning efficacy on Adult', () => {
  const { train, test } = adultSample(3000, 2000);
  let real: EfficacyReport;
  let shuffled: EfficacyReport;

  /** The training rows with the label dealt out at random: looks like Adult, teaches nothing about income. */
  function shuffledLabels(data: SynthData): SynthData {
    const rng = createRng(3);
    return {
      ...data,
      columns: data.columns.map((c) => {
        if (c.name !== 'label') return c;
        const codes = Int32Array.from((c as CategoricalColumnData).codes);
        for (let i = codes.length - 1; i > 0; i--) {
          const j = Math.floor(rng() * (i + 1));
          [codes[i], codes[j]] = [codes[j] as number, codes[i] as number];
        }
        return { ...(c as CategoricalColumnData), codes };
      }),
    };
  }

  beforeAll(async () => {
    real = await efficacyReport(tf, train, train, test, { column: 'label', positive: '>50K' }, 1, { train: fast });
    shuffled = await efficacyReport(tf, train, shuffledLabels(train), test, { column: 'label', positive: '>50K' }, 1, { train: fast });
  });

  it('scores the real model in the published range for Adult', () => {
    expect(real.positive).toBe('>50K');
    expect(real.testRows).toBe(2000);
    // SDGym's real-data baselines on Adult: F1 ≈ 0.6–0.7, AUC ≈ 0.85–0.9 for linear models.
    expect(real.real.f1).toBeGreaterThan(0.55);
    expect(real.real.f1).toBeLessThan(0.8);
    expect(real.real.auc).toBeGreaterThan(0.84);
    expect(real.real.accuracy).toBeGreaterThan(0.75);
    // The same rows and seed on both sides give the same scores.
    expect(real.synthetic).toEqual(real.real);
  });

  it('scores a twin whose labels teach nothing clearly worse', () => {
    expect(shuffled.real).toEqual(real.real);
    expect(shuffled.synthetic.auc).toBeLessThan(0.62);
    expect((real.real.auc as number) - (shuffled.synthetic.auc as number)).toBeGreaterThan(0.25);
    expect(real.real.f1 - shuffled.synthetic.f1).toBeGreaterThan(0.15);
  });

  it('scores a Gaussian-copula twin between the two', async () => {
    const twin = sampleCopula(fitCopula(train, { seed: 1 }), 3000, 2);
    const report = await efficacyReport(tf, train, twin, test, { column: 'label', positive: '>50K' }, 1, { train: fast });
    expect(report.synthetic.auc).toBeGreaterThan(0.7);
    expect(report.synthetic.auc).toBeGreaterThan(shuffled.synthetic.auc as number);
  });

  it('measures a twin that lost the outcome as a model that always says no', async () => {
    const label = train.columns.find((c) => c.name === 'label') as CategoricalColumnData;
    const negative = label.levels.indexOf('<=50K');
    const noOutcome: SynthData = { ...train, columns: train.columns.map((c) => (c === label ? { ...label, codes: new Int32Array(train.rows).fill(negative) } : c)) };
    const report = await efficacyReport(tf, train, noOutcome, test, { column: 'label', positive: ' >50k ' }, 1, { train: fast });
    expect(report.positive).toBe('>50K');
    expect(report.synthetic.auc).toBeNull();
    expect(report.synthetic.f1).toBe(0);
    const negatives = Array.from((test.columns.find((c) => c.name === 'label') as CategoricalColumnData).codes).filter((c) => c === negative).length;
    expect(report.synthetic.accuracy).toBeCloseTo(negatives / test.rows, 9);
  });

  it('asks for the outcome when the values do not say it, and refuses a numeric target', async () => {
    await expect(efficacyReport(tf, train, train, test, { column: 'label' }, 1, { train: fast })).rejects.toThrow(/which one is the outcome/);
    await expect(efficacyReport(tf, train, train, test, { column: 'age' }, 1, { train: fast })).rejects.toThrow(/must be a category/);
  });
});
