import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, writeCsvHead, type CliRun } from '../helpers';
import { TELCO } from '../ml/telco';

// The built `localyst` bundle (test/unit/global-setup.ts rebuilds it): the simulate job runs in the engine's worker.
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

describe('localyst federate simulate', () => {
  it('prints one JSON document: the federated, central and per-office AUCs on the same held-out rows', () => {
    const r = run(['federate', 'simulate', '--table', slice, '--target', 'Churn', '--positive', 'Yes', '--split-by', 'Contract', '--exclude', 'customerID', '--rounds', '3', '--secure', '--dp-epsilon', '40', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as Record<string, unknown> & { offices: Array<{ name: string; rows: number; localAuc: number }> };
    expect(json).toMatchObject({
      federated: { aucMean: expect.any(Number) },
      central: { aucMean: expect.any(Number) },
      federatedWithoutDp: { aucMean: expect.any(Number) },
      rounds: 3,
      secure: true,
      epsilon: expect.closeTo(40, 2),
      backend: expect.stringMatching(/^(wasm|tensorflow|cpu)$/),
    });
    expect(json.offices.map((o) => o.name).sort()).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(json.offices.reduce((s, o) => s + o.rows, 0) + (json.heldOutRows as number)).toBe(1500);
    expect((json.central as { aucMean: number }).aucMean).toBeGreaterThan(0.7);
  }, 180_000);

  it('refuses a split column that does not exist, and a bad budget, with exit 1 and a plain message', () => {
    const missing = run(['federate', 'simulate', '--table', slice, '--target', 'Churn', '--split-by', 'Region', '--workspace', ws(), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json?.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/There is no column "Region"/) });
    const budget = run(['federate', 'simulate', '--table', slice, '--target', 'Churn', '--split-by', 'Contract', '--dp-epsilon', '-1', '--workspace', ws(), '--json']);
    expect(budget.code).toBe(1);
    expect(budget.json?.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/--dp-epsilon takes a number above 0/) });
  }, 60_000);
});
