import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFeatures, encodeFeatures, encodeTarget, featureGroups, fitEncoder } from '../../../src/engine/ml/encoder';
import { readCsvTable, type RawTable } from '../../../src/engine/ml/table';
import { AppError } from '../../../src/shared/errors';
import { tempDir } from '../helpers';
import { TELCO } from './telco';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

/** The AppError a function throws (the test fails when it throws nothing or something else). */
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const table: RawTable = {
  columns: ['id', 'spend', 'plan', 'region', 'churned', 'flag'],
  rows: [
    ['a', '10', 'basic', 'north', 'Yes', 'x'],
    ['b', ' ', 'pro', 'north', 'No', 'x'],
    ['c', '30', 'basic', 'south', 'No', 'x'],
    ['d', '20.5', 'basic', null, 'yes', 'x'],
    ['e', 40, 'pro', 'south', 'no', 'x'],
  ],
};

describe('readCsvTable', () => {
  it('reads Telco: 7,043 rows, 21 columns, the blank TotalCharges kept as text', () => {
    const telco = readCsvTable(TELCO);
    expect(telco.rows).toHaveLength(7043);
    expect(telco.columns).toHaveLength(21);
    expect(telco.columns[0]).toBe('customerID');
    const j = telco.columns.indexOf('TotalCharges');
    expect(telco.rows.filter((r) => String(r[j]).trim() === '')).toHaveLength(11);
  });

  it('detects the delimiter, strips a byte-order mark and turns empty cells into null', () => {
    const t = readCsvTable(write('semi.csv', '\uFEFFa;b\n1;\n"x;y";2\n'));
    expect(t).toEqual({ columns: ['a', 'b'], rows: [['1', null], ['x;y', '2']] });
  });

  it('names the file, row and column of a ragged row, a duplicate column, an empty or missing file', () => {
    const ragged = errorOf(() => readCsvTable(write('ragged.csv', 'a,b,c\n1,2,3\n4,5\n')));
    expect(ragged.code).toBe('bad-input');
    expect(ragged.details).toMatchObject({ row: 3, column: 'c', file: expect.stringContaining('ragged.csv') });
    expect(ragged.message).toMatch(/row 3 has 2 cells but the header names 3 columns/);
    expect(errorOf(() => readCsvTable(write('dup.csv', 'a,b,a\n1,2,3\n'))).details).toMatchObject({ row: 1, column: 'a' });
    expect(errorOf(() => readCsvTable(write('empty.csv', ''))).message).toMatch(/is empty/);
    expect(errorOf(() => readCsvTable(path.join(dir, 'nope.csv'))).code).toBe('not-found');
  });
});

describe('fitEncoder / encodeFeatures', () => {
  const encoder = fitEncoder(table, { target: 'churned', id: 'id', minLevelCount: 1 });

  it('detects numbers stored as text, imputes the median and adds a missing indicator', () => {
    const spend = encoder.columns.find((c) => c.source === 'spend');
    expect(spend).toMatchObject({ kind: 'numeric', median: 25.25, missingIndicator: true });
    expect(encoder.featureNames.slice(0, 3)).toEqual(['spend', 'log1p(spend)', 'spend missing']);
    const { X, rows, cols } = encodeFeatures(encoder, table);
    expect([rows, cols]).toEqual([5, encoder.featureNames.length]);
    // Row b: the median stands in for the blank, the indicator says so.
    const imputed = [10, 25.25, 30, 20.5, 40];
    const mean = imputed.reduce((s, v) => s + v, 0) / 5;
    const sd = Math.sqrt(imputed.reduce((s, v) => s + (v - mean) ** 2, 0) / 5);
    expect(X[cols]).toBeCloseTo((25.25 - mean) / sd, 5);
    expect(X[cols + 2]).toBe(1);
    expect(X[2]).toBe(0);
  });

  it('one-hot encodes categories by frequency, with missing as its own level, and drops id and constant columns', () => {
    expect(encoder.columns.map((c) => c.source)).toEqual(['spend', 'plan', 'region']);
    expect(encoder.columns[1]).toMatchObject({ kind: 'categorical', levels: ['basic', 'pro'], other: false });
    expect(encoder.featureNames).toContain('region=(missing)');
    expect(encoder.dropped).toEqual([
      { column: 'id', reason: 'the customer id' },
      { column: 'flag', reason: 'one level in every row (or only rare levels)' },
    ]);
    expect(JSON.parse(JSON.stringify(encoder))).toEqual(encoder);
  });

  it('scores unseen levels as "(other)" when there is one, else as no level at all; text in a numeric column as missing', () => {
    const fresh: RawTable = { columns: ['plan', 'region', 'spend'], rows: [['enterprise', 'west', 'n/a']] };
    const { X } = encodeFeatures(encoder, fresh);
    const groups = featureGroups(encoder);
    const plan = groups.find((g) => g.source === 'plan')?.columns ?? [];
    expect(plan.map((c) => X[c])).toEqual([0, 0]);
    expect(X[2]).toBe(1);
    const capped = fitEncoder(
      { columns: ['c', 't'], rows: Array.from({ length: 30 }, (_, i) => [i < 12 ? 'a' : i < 24 ? 'b' : `rare${i}`, i % 2]) },
      { target: 't' },
    );
    expect(capped.featureNames).toEqual(['c=a', 'c=b', 'c=(other)']);
    expect(Array.from(encodeFeatures(capped, { columns: ['c'], rows: [['never seen']] }).X)).toEqual([0, 0, 1]);
  });

  it('treats listed columns as categories even when they hold numbers, and refuses unknown column names', () => {
    const e = fitEncoder(table, { target: 'churned', id: 'id', categorical: ['spend'], exclude: ['region'], maxLevels: 30, minLevelCount: 1 });
    expect(e.columns.map((c) => [c.source, c.kind])).toEqual([
      ['spend', 'categorical'],
      ['plan', 'categorical'],
    ]);
    expect(errorOf(() => fitEncoder(table, { target: 'churn' })).message).toMatch(/There is no column "churn". The columns are "id", "spend"/);
    expect(errorOf(() => encodeFeatures(encoder, { columns: ['spend'], rows: [] })).details).toEqual({ column: 'plan' });
  });

  it('groups one-hot columns back to their source, and encodes the typical customer', () => {
    expect(featureGroups(encoder).map((g) => [g.source, g.columns.length])).toEqual([
      ['spend', 3],
      ['plan', 2],
      ['region', 3],
    ]);
    const base = Array.from(baselineFeatures(encoder));
    expect(base.slice(3, 5)).toEqual([1, 0]);
    expect(base[2]).toBe(0);
  });
});

describe('encodeTarget', () => {
  it('reads yes/no in any case, 1/0, true/false and churned/stayed', () => {
    expect(Array.from(encodeTarget(table, 'churned'))).toEqual([1, 0, 0, 1, 0]);
    const t = (values: Array<string | number>): number[] =>
      Array.from(encodeTarget({ columns: ['y'], rows: values.map((v) => [v]) }, 'y'));
    expect(t([1, 0, '1', '0.0'])).toEqual([1, 0, 1, 0]);
    expect(t(['TRUE', 'false'])).toEqual([1, 0]);
    expect(t(['Churned', 'Stayed', 'churned'])).toEqual([1, 0, 1]);
    expect(t(['Churned', 'Active'])).toEqual([1, 0]);
  });

  it('names the values found when the target is not binary, or unclear, or missing in a row', () => {
    const three = errorOf(() => encodeTarget({ columns: ['y'], rows: [['Yes'], ['No'], ['Maybe'], ['No']] }, 'y'));
    expect(three.code).toBe('bad-input');
    expect(three.message).toBe(
      'The target column "y" must hold two outcomes (yes/no, true/false, 1/0); it has 3 different values: "No" (2), "Yes" (1), "Maybe" (1). Name the outcome value: --positive VALUE on the command line, or choose it in the model lab. The other values then count as "not".',
    );
    expect(errorOf(() => encodeTarget({ columns: ['y'], rows: [['No'], ['No']] }, 'y')).message).toMatch(/it has only one value: "No" \(2\)/);
    expect(errorOf(() => encodeTarget({ columns: ['y'], rows: [['red'], ['blue']] }, 'y')).message).toMatch(/"red" \(1\), "blue" \(1\): which one is the outcome to predict is unclear\. Name the outcome value: --positive VALUE/);
    expect(errorOf(() => encodeTarget({ columns: ['y'], rows: [['Yes'], [null]] }, 'y')).details).toEqual({ row: 3, column: 'y' });
  });

  it('takes the outcome value when it is named: that value is 1, every other value 0', () => {
    const income = { columns: ['label'], rows: [['<=50K'], ['>50K'], [' >50K '], ['<=50K']] };
    expect(Array.from(encodeTarget(income, 'label', '>50K'))).toEqual([0, 1, 1, 0]);
    expect(Array.from(encodeTarget(income, 'label', '<=50k'))).toEqual([1, 0, 0, 1]);
    const stars = { columns: ['stars'], rows: [['5'], ['3'], ['1'], ['5']] };
    expect(Array.from(encodeTarget(stars, 'stars', '5'))).toEqual([1, 0, 0, 1]);
    const missing = errorOf(() => encodeTarget(income, 'label', '>60K'));
    expect(missing.message).toBe('The target column "label" has no value ">60K". Its values are "<=50K" (2), ">50K" (2).');
    expect(missing.details).toEqual({ column: 'label', field: 'positive' });
    expect(errorOf(() => encodeTarget({ columns: ['y'], rows: [['a'], ['a']] }, 'y', 'a')).message).toMatch(/holds only "a"/);
  });
});

