import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const ws = path.join(tmp.dir, 'ws');
const cli = (args: string[]) => runCli([...args, '--json', '--workspace', ws], tmp.dir);

describe('localyst campaign power', () => {
  it('gives the standard two-proportion sample sizes (3 % → 4 %: about 5,300; 10 % → 12 %: about 3,840)', () => {
    const small = cli(['campaign', 'power', '--baseline', '0.03', '--mde', '0.01']);
    expect(small.code, small.stderr).toBe(0);
    // statsmodels samplesize_proportions_2indep_onetail(0.01, 0.03, 0.8, alpha=0.05, alternative='two-sided') = 5300.74
    expect(small.json).toEqual({ perArm: 5301, total: 10602, alphaPerComparison: 0.05 });
    // … (0.02, 0.10, 0.8, …) = 3840.85
    expect(cli(['campaign', 'power', '--baseline', '0.10', '--mde', '0.02']).json).toMatchObject({ perArm: 3841 });
    // Three groups: two comparisons with the control, Holm's first step tests at 0.025.
    expect(cli(['campaign', 'power', '--baseline', '0.03', '--mde', '0.01', '--arms', '3']).json).toMatchObject({ alphaPerComparison: 0.025, total: 3 * 6420 });
  });

  it('refuses impossible inputs with exit code 2 and names the option', () => {
    for (const [args, field] of [
      [['--baseline', '0', '--mde', '0.01'], 'baseline'],
      [['--baseline', '1.5', '--mde', '0.01'], 'baseline'],
      [['--baseline', '0.03', '--mde', '-0.01'], 'mde'],
      [['--baseline', '0.5', '--mde', '0.5'], 'mde'],
      [['--baseline', 'abc', '--mde', '0.01'], 'baseline'],
    ] as const) {
      const r = cli(['campaign', 'power', ...args]);
      expect(r.code).toBe(2);
      expect((r.json as { error: { details: { field: string } } }).error.details.field).toBe(field);
    }
  });
});

describe('localyst campaign create, export, results and list', () => {
  let id = 0;
  beforeAll(() => {
    const demo = runCli(['demo', '--customers', '2000', '--seed', '3', '--json', '--workspace', ws], tmp.dir);
    expect(demo.code, demo.stderr).toBe(0);
  }, 120_000);

  it('creates a campaign whose arms and holdout add up to the audience', () => {
    const planFile = path.join(tmp.dir, 'plan.json');
    fs.writeFileSync(planFile, JSON.stringify({ name: 'CLI test', channel: 'email', audience: { rule: { all: [{ field: 'orders', op: '>=', value: 1 }] } }, arms: [{ name: 'A' }, { name: 'B' }], holdout: 0.1, seed: 1 }));
    const r = cli(['campaign', 'create', '--file', planFile]);
    expect(r.code, r.stderr).toBe(0);
    const value = r.json as { id: number; name: string; audience: number; arms: Array<{ name: string; size: number }>; holdout: { size: number } };
    expect(value.name).toBe('CLI test');
    expect(value.arms.map((a) => a.name)).toEqual(['A', 'B']);
    expect(value.arms.reduce((s, a) => s + a.size, 0) + value.holdout.size).toBe(value.audience);
    expect(value.holdout.size).toBeGreaterThan(0);
    id = value.id;
  });

  it('exports assignments.csv as exactly customerId,arm with the holdout named holdout, then reports results', () => {
    const out = path.join(tmp.dir, 'out');
    const exported = cli(['campaign', 'export', String(id), '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = fs.readFileSync(path.join(out, 'assignments.csv'), 'utf8').trim().split(/\r\n/);
    expect(rows[0]).toBe('customerId,arm');
    expect(new Set(rows.slice(1).map((r) => r.split(',')[1]))).toEqual(new Set(['A', 'B', 'holdout']));
    const results = ['customerId,sent,delivered,opened,clicked,converted,revenue'];
    rows.slice(1).forEach((row, i) => {
      const [customer, arm] = row.split(',');
      if (arm !== 'holdout') results.push(`${customer},1,1,1,0,${i % 9 === 0 ? 1 : 0},${i % 9 === 0 ? 25 : 0}`);
    });
    const file = path.join(tmp.dir, 'results.csv');
    fs.writeFileSync(file, `${results.join('\n')}\n`);
    const report = cli(['campaign', 'results', String(id), file]);
    expect(report.code, report.stderr).toBe(0);
    const doc = report.json as { arms: Array<Record<string, unknown>>; comparisons: Array<Record<string, unknown>>; srm: Record<string, unknown>; verdict: { outcome: string; text: string } };
    expect(Object.keys(doc)).toEqual(['arms', 'comparisons', 'srm', 'verdict']);
    expect(doc.arms.map((a) => a.name)).toEqual(['A', 'B', 'holdout']);
    expect(Object.keys(doc.arms[0] ?? {})).toEqual(['name', 'recipients', 'conversions', 'rate', 'ciLow', 'ciHigh', 'revenuePerRecipient']);
    expect(Object.keys(doc.comparisons[0] ?? {})).toEqual(['arm', 'against', 'lift', 'liftLow', 'liftHigh', 'pValue', 'probabilityBest']);
    expect(Object.keys(doc.srm)).toEqual(['pValue', 'mismatch']);
    expect(['winner', 'promising', 'no-difference', 'cant-tell', 'srm']).toContain(doc.verdict.outcome);
    const list = cli(['campaign', 'list']);
    const mine = (list.json as { campaigns: Array<{ id: number; status: string }> }).campaigns.find((c) => c.id === id);
    expect(mine?.status).toBe('results');
  });

  it('refuses a second export into a folder that is not empty', () => {
    const again = cli(['campaign', 'export', String(id), '--out', path.join(tmp.dir, 'out')]);
    expect(again.code).toBe(1);
    expect(JSON.stringify(again.json)).toMatch(/not an empty folder/);
  });
});
