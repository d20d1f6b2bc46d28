import { describe, expect, it } from 'vitest';
import { agreeEncoding, encodeAgreed, MIN_LEVEL_COUNT, officeStats, sumStats } from '../../../src/engine/federate/agreement';
import { readCsvTable, selectRows, type RawTable } from '../../../src/engine/ml/table';
import { inferFeatures } from '../../../src/engine/federate/simulate';
import { TELCO } from '../ml/telco';

const features = [
  { name: 'age', type: 'numeric' as const },
  { name: 'plan', type: 'categorical' as const },
];
const rows = (list: Array<[number | null, string | null, string]>): RawTable => ({ columns: ['age', 'plan', 'left'], rows: list.map((r) => [...r]) });

describe('agreement from aggregate statistics', () => {
  it('an office sends counts, sums and sums of squares, and names only category values it holds at least 5 times', () => {
    const a = rows([
      ...Array.from({ length: 6 }, (): [number, string, string] => [30, 'basic', 'no']),
      [40, 'gold', 'yes'],
      [null, 'basic', 'yes'],
      [50, null, 'no'],
    ]);
    const stats = officeStats(a, features, 'left', 'yes');
    expect(stats).toEqual({
      rows: 9,
      positives: 2,
      numeric: { age: { count: 8, sum: 6 * 30 + 40 + 50, sumSquares: 6 * 900 + 1600 + 2500 } },
      // "gold" (once) and the one empty cell are counted, never named.
      categorical: { plan: { basic: 7, '(other)': 2 } },
    });
    expect(MIN_LEVEL_COUNT).toBe(5);
  });

  it('the coordinator derives the pooled mean and standard deviation, and the vocabulary, from the sums alone', () => {
    const one = { rows: 4, positives: 1, numeric: { age: { count: 4, sum: 10, sumSquares: 30 } }, categorical: { plan: { basic: 3, '(other)': 1 } } };
    const two = { rows: 6, positives: 3, numeric: { age: { count: 5, sum: 20, sumSquares: 90 } }, categorical: { plan: { basic: 3, gold: 3 } } };
    const total = sumStats([one, two]);
    expect(total).toEqual({ rows: 10, positives: 4, numeric: { age: { count: 9, sum: 30, sumSquares: 120 } }, categorical: { plan: { basic: 6, gold: 3, '(other)': 1 } } });
    const encoding = agreeEncoding(total, features);
    // mean 30/9; variance 120/9 − (30/9)²; one office had a missing age (9 of 10), so a "missing" column follows.
    expect(encoding.numeric).toEqual([{ name: 'age', mean: 30 / 9, std: expect.closeTo(Math.sqrt(120 / 9 - (30 / 9) ** 2), 12), missing: true }]);
    // "gold" has 3 in all (< 5): lumped into "(other)" with the unnamed values.
    expect(encoding.categorical).toEqual([{ name: 'plan', levels: ['basic', '(other)'] }]);
    expect(encoding.width).toBe(4);
    const encoded = encodeAgreed(encoding, rows([[5, 'gold', 'yes'], [null, 'basic', 'no']]), 'left', 'yes');
    const sd = encoding.numeric[0]?.std as number;
    expect(Array.from(encoded.X)).toEqual([
      expect.closeTo((5 - 30 / 9) / sd, 6), 0, 0, 1,
      0, 1, 1, 0, // missing age → the mean (0 after standardising) and the indicator
    ]);
    expect(Array.from(encoded.y)).toEqual([1, 0]);
  });

  it('split Telco into offices: the summed statistics give the same scaling as all rows together, and no customer id is ever named', () => {
    const table = readCsvTable(TELCO);
    const feats = inferFeatures(table, ['Churn']);
    expect(feats.find((f) => f.name === 'tenure')?.type).toBe('numeric');
    expect(feats.find((f) => f.name === 'Contract')?.type).toBe('categorical');
    const j = table.columns.indexOf('Contract');
    const parts = ['Month-to-month', 'One year', 'Two year'].map((c) => selectRows(table, table.rows.flatMap((r, i) => (r[j] === c ? [i] : []))));
    const each = parts.map((p) => officeStats(p, feats, 'Churn', 'Yes'));
    const whole = officeStats(table, feats, 'Churn', 'Yes');
    const total = sumStats(each);
    expect(total.rows).toBe(7043);
    expect(total.positives).toBe(1869);
    expect(total.numeric.tenure?.sum).toBe(whole.numeric.tenure?.sum);
    expect(total.numeric.TotalCharges?.count).toBe(7032); // 11 customers without total charges
    for (const s of each) expect(Object.keys(s.categorical.customerID ?? {})).toEqual(['(other)']);
    const encoding = agreeEncoding(total, feats);
    expect(encoding.categorical.map((c) => c.name)).not.toContain('customerID');
    expect(encoding.categorical.find((c) => c.name === 'Contract')?.levels).toEqual(['Month-to-month', 'Two year', 'One year']);
    expect(encoding.numeric.find((c) => c.name === 'TotalCharges')).toMatchObject({ missing: true });
  });
});
