import path from 'node:path';
import { createRng, normal } from '../../../src/engine/kernel/random';
import { readCsvTable } from '../../../src/engine/ml/table';
import { rawToSynthData, selectSynthRows } from '../../../src/engine/synth/raw';
import type { NumericColumnData, SynthData } from '../../../src/engine/synth/types';
import { TEST_DATA } from '../data-paths';

/**
 * A customer-like table with known structure: `spend` ~ N(50, 10) with 2 decimals, `basket` = 0.8·spend + noise
 * (correlation ≈ 0.8), `income` log-normal, `visits` a small count, `tenure` bimodal (new and long-standing customers),
 * `plan` a category whose level follows spend (pro for the big spenders), `region` independent with 10 % missing.
 */
export function mixedTable(rows: number, seed: number): SynthData {
  const rng = createRng(seed, 5);
  const spend = new Float64Array(rows);
  const basket = new Float64Array(rows);
  const income = new Float64Array(rows);
  const visits = new Float64Array(rows);
  const tenure = new Float64Array(rows);
  const plan = new Int32Array(rows);
  const region = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const s = normal(rng, 50, 10);
    spend[i] = Math.round(s * 100) / 100;
    basket[i] = Math.round((0.8 * (s - 50) + 6 * normal(rng) + 40) * 100) / 100;
    income[i] = Math.round(Math.exp(normal(rng, 10, 0.5)));
    visits[i] = Math.min(9, Math.floor(-Math.log(1 - rng()) * 2));
    tenure[i] = Math.round(rng() < 0.6 ? Math.abs(normal(rng, 3, 1.5)) * 10 : normal(rng, 60, 8) * 10) / 10;
    plan[i] = s + 5 * normal(rng) > 58 ? 2 : s + 5 * normal(rng) > 45 ? 1 : 0;
    region[i] = rng() < 0.1 ? -1 : Math.floor(rng() * 4);
  }
  const num = (name: string, values: Float64Array, integer: boolean, decimals: number): NumericColumnData => ({ name, kind: 'numeric', values, integer, decimals });
  return {
    rows,
    columns: [
      num('spend', spend, false, 2),
      num('basket', basket, false, 2),
      num('income', income, true, 0),
      num('visits', visits, true, 0),
      num('tenure', tenure, false, 1),
      { name: 'plan', kind: 'categorical', codes: plan, levels: ['basic', 'plus', 'pro'] },
      { name: 'region', kind: 'categorical', codes: region, levels: ['north', 'south', 'east', 'west'] },
    ],
  };
}

export const ADULT_ROLES = [
  { name: 'age', role: 'numeric' },
  { name: 'workclass', role: 'categorical' },
  { name: 'fnlwgt', role: 'numeric' },
  { name: 'education', role: 'categorical' },
  { name: 'education-num', role: 'numeric' },
  { name: 'marital-status', role: 'categorical' },
  { name: 'occupation', role: 'categorical' },
  { name: 'relationship', role: 'categorical' },
  { name: 'race', role: 'categorical' },
  { name: 'sex', role: 'categorical' },
  { name: 'capital-gain', role: 'numeric' },
  { name: 'capital-loss', role: 'numeric' },
  { name: 'hours-per-week', role: 'numeric' },
  { name: 'native-country', role: 'categorical' },
  { name: 'label', role: 'categorical' },
] as const;

/**
 * The first `trainRows` rows of Adult's SDGym training file and `testRows` of its test file, read as one table so
 * that both share their categories' levels.
 */
export function adultSample(trainRows: number, testRows: number): { train: SynthData; test: SynthData } {
  const train = readCsvTable(path.join(TEST_DATA, 'adult/adult_sdgym_train.csv'));
  const test = readCsvTable(path.join(TEST_DATA, 'adult/adult_sdgym_test.csv'));
  const both = rawToSynthData({ columns: train.columns, rows: [...train.rows.slice(0, trainRows), ...test.rows.slice(0, testRows)] }, [...ADULT_ROLES]);
  return {
    train: selectSynthRows(both, Int32Array.from({ length: trainRows }, (_, i) => i)),
    test: selectSynthRows(both, Int32Array.from({ length: testRows }, (_, i) => trainRows + i)),
  };
}
