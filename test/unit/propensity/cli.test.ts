import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliRun } from '../helpers';

// The built `localyst` bundle on a demo shop: `churn train` and `purchase train` run as jobs in a worker thread
// through the models.train channel, exactly as the model lab does.
let dir: string;
let cleanup: () => void;
const run = (args: string[]): CliRun => runCli([...args, '--workspace', path.join(dir, 'ws')], path.join(dir, 'home'));

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const demo = run(['demo', '--customers', '3000', '--seed', '4', '--json']);
  expect(demo.code, demo.stderr).toBe(0);
}, 120_000);
afterAll(() => cleanup());

describe('localyst churn train', () => {
  it('prints one JSON document with the cross-validated metrics, importance and backend', () => {
    const r = run(['churn', 'train', '--folds', '3', '--horizon', '90', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json as Record<string, unknown>;
    expect(doc).toMatchObject({ target: 'churn', version: 1, horizonDays: 90 });
    expect(doc.aucMean as number).toBeGreaterThan(0.65);
    expect(doc.aucFolds as number[]).toHaveLength(3);
    for (const key of ['logLoss', 'brier', 'seconds', 'prAuc']) expect(typeof doc[key]).toBe('number');
    expect(doc.backend).toMatch(/^(tensorflow|wasm|cpu)$/);
    const importance = doc.importance as Array<{ feature: string; drop: number }>;
    expect(importance.length).toBeGreaterThan(10);
    expect(Object.keys(importance[0] ?? {})).toEqual(expect.arrayContaining(['feature', 'drop']));
  }, 180_000);

  it('trains a purchase model for a category', () => {
    const r = run(['purchase', 'train', '--category', 'Candles', '--folds', '2', '--json']);
    // The demo catalogue has a Candles category; if it ever changes, the error must say which categories exist.
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ target: 'purchase', category: 'Candles' });
  }, 180_000);

  it('refuses bad arguments with a clear error before training', () => {
    const horizon = run(['churn', 'train', '--horizon', 'soon', '--json']);
    expect(horizon.code).toBe(1);
    expect(horizon.json).toMatchObject({ error: { code: 'bad-input', details: { field: 'horizon' } } });
    const long = run(['churn', 'train', '--horizon', '365', '--folds', '10', '--cutoff', '1990-01-01', '--json']);
    expect(long.code).toBe(1);
    expect(long.json).toMatchObject({ error: { code: 'bad-input', details: { field: 'cutoff' } } });
    const category = run(['purchase', 'train', '--category', 'Nope', '--json']);
    expect(category.code).toBe(1);
    expect((category.json?.error as { message: string }).message).toMatch(/no product category "Nope"/);
  });
});
