import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliRun, writeCsvHead } from '../helpers';
import { TELCO } from './telco';

const ADULT = path.resolve('test/data/adult/adult_sdgym_train.csv');

// The built `localyst` bundle (test/unit/global-setup.ts rebuilds it) on the first 1,500 Telco customers.
let dir: string;
let cleanup: () => void;
let slice: string;
const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));
const ws = (): string => path.join(dir, 'ws');

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  slice = path.join(dir, 'telco-1500.csv');
  writeCsvHead(TELCO, 1500, slice);
});
afterAll(() => cleanup());

describe('localyst model train', () => {
  it('prints one JSON document with the cross-validated metrics of the table', () => {
    const r = run(['model', 'train', '--table', slice, '--target', 'Churn', '--id', 'customerID', '--folds', '4', '--seed', '3', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as Record<string, unknown>;
    expect(json).toMatchObject({ rows: 1500, target: 'Churn', file: slice, backend: expect.stringMatching(/^(wasm|tensorflow|cpu)$/) });
    const folds = json.aucFolds as number[];
    expect(folds).toHaveLength(4);
    expect(json.aucMean).toBeCloseTo(folds.reduce((s, a) => s + a, 0) / 4, 10);
    expect(json.aucMean).toBeGreaterThan(0.8);
    expect(json.aucMean).toBeLessThan(0.92);
    for (const key of ['logLoss', 'brier', 'prAuc', 'seconds']) expect(typeof json[key]).toBe('number');
    const importance = json.importance as Array<{ feature: string; drop: number }>;
    expect(importance).toHaveLength(19);
    expect(Object.keys(importance[0] ?? {}).sort()).toEqual(['drop', 'feature']);
    expect(importance.map((i) => i.feature)).not.toContain('customerID');
    expect(json.lift).toHaveLength(10);
    expect(json).not.toHaveProperty('artifact');
  });

  it('without --json prints a readable summary', () => {
    const r = run(['model', 'train', '--table', slice, '--target', 'Churn', '--id', 'customerID', '--folds', '3', '--workspace', ws()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/AUC \(3-fold\)\s+0\.\d{3} ± 0\.\d{3}/);
    expect(r.stdout).toMatch(/What matters most/);
  });

  it('a target that is not yes/no fails with exit 1 and names the values found', () => {
    const r = run(['model', 'train', '--table', slice, '--target', 'Contract', '--workspace', ws(), '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/^The target column "Contract" must hold two outcomes .* it has 3 different values: "Month-to-month" \(\d+\), "Two year" \(\d+\), "One year" \(\d+\)\. Name the outcome value: --positive VALUE/),
    });
  });

  it('takes the outcome value with --positive for a target that is not yes/no (Adult: ">50K"), and says to pass it otherwise', () => {
    const adult = path.join(dir, 'adult-2000.csv');
    writeCsvHead(ADULT, 2000, adult);
    const refused = run(['model', 'train', '--table', adult, '--target', 'label', '--workspace', ws(), '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json?.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/which one is the outcome to predict is unclear\. Name the outcome value: --positive VALUE/) });
    const r = run(['model', 'train', '--table', adult, '--target', 'label', '--positive', '>50K', '--folds', '3', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as Record<string, unknown>;
    expect(json).toMatchObject({ rows: 2000, target: 'label', positive: '>50K' });
    // About a quarter of Adult earns more than 50K; income is well predicted from the census columns.
    expect((json.positives as number) / 2000).toBeGreaterThan(0.15);
    expect((json.positives as number) / 2000).toBeLessThan(0.35);
    expect(json.aucMean).toBeGreaterThan(0.8);
    const wrong = run(['model', 'train', '--table', adult, '--target', 'label', '--positive', 'rich', '--workspace', ws(), '--json']);
    expect(wrong.code).toBe(1);
    expect(wrong.json?.error).toMatchObject({ code: 'bad-input', details: { column: 'label', field: 'positive' } });
  });

  it('a missing column, a missing file and bad --folds fail with exit 1; a missing --target is a usage error (exit 2)', () => {
    const col = run(['model', 'train', '--table', slice, '--target', 'Churned', '--workspace', ws(), '--json']);
    expect(col.code).toBe(1);
    expect(col.json?.error).toMatchObject({ code: 'bad-input', details: { column: 'Churned', field: 'target' } });
    const file = run(['model', 'train', '--table', path.join(dir, 'none.csv'), '--target', 'Churn', '--workspace', ws(), '--json']);
    expect(file.code).toBe(1);
    expect(file.json?.error).toMatchObject({ code: 'not-found' });
    const folds = run(['model', 'train', '--table', slice, '--target', 'Churn', '--folds', '1', '--workspace', ws(), '--json']);
    expect(folds.code).toBe(1);
    expect(folds.json?.error).toMatchObject({ code: 'bad-input', message: '--folds takes a whole number from 2 to 20, not "1".' });
    const usage = run(['model', 'train', '--table', slice, '--workspace', ws(), '--json']);
    expect(usage.code).toBe(2);
    expect(usage.json?.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/--target/) });
  });
});
