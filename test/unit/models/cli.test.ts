import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliRun } from '../helpers';
import { CDNOW_DIR } from './cdnow';

// The built `localyst` bundle (test/unit/global-setup.ts rebuilds it), run on the CDNOW files in place.
const SUMMARY = path.join(CDNOW_DIR, 'cdnow_customers_summary.csv');
const WITH_SPEND = path.join(CDNOW_DIR, 'cdnow_customers_summary_with_transactions.csv');

let dir: string;
let cleanup: () => void;
const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));
const ws = (): string => path.join(dir, 'ws');

beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

const params = (r: CliRun): Record<string, number> => r.json?.params as Record<string, number>;

describe('localyst clv fit', () => {
  it('BG/NBD on the CDNOW summary: r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood −9582.4', () => {
    const r = run(['clv', 'fit', '--summary', SUMMARY, '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ model: 'bgnbd', customers: 2357, repeatCustomers: 946, spend: null });
    const p = params(r);
    expect(Object.keys(p).sort()).toEqual(['a', 'alpha', 'b', 'r']);
    expect([p.r, p.alpha, p.a, p.b].map((v) => v!.toFixed(3))).toEqual(['0.243', '4.414', '0.793', '2.426']);
    expect((r.json?.logLikelihood as number).toFixed(1)).toBe('-9582.4');
  });

  it('Pareto/NBD: r 0.553, alpha 10.578, s 0.606, beta 11.668 (published 11.669 from unrounded data), −9595.0', () => {
    const r = run(['clv', 'fit', '--summary', SUMMARY, '--model', 'pareto', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const p = params(r);
    expect(Object.keys(p).sort()).toEqual(['alpha', 'beta', 'r', 's']);
    expect([p.r, p.alpha, p.s].map((v) => v!.toFixed(3))).toEqual(['0.553', '10.578', '0.606']);
    expect(Math.abs(p.beta! - 11.669)).toBeLessThan(0.0015);
    expect((r.json?.logLikelihood as number).toFixed(1)).toBe('-9595.0');
  });

  it('with a mean-spend column it also fits Gamma-Gamma (p 6.25, q 3.74) and checks the frequency/spend correlation', () => {
    const r = run(['clv', 'fit', '--summary', WITH_SPEND, '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const spend = r.json?.spend as { p: number; q: number; v: number };
    expect([spend.p.toFixed(2), spend.q.toFixed(2)]).toEqual(['6.25', '3.74']);
    expect(Math.abs(spend.v - 15.44)).toBeLessThan(0.01);
    expect(r.json?.correlation).toMatchObject({ verdict: 'weak', customers: 946 });
  });

  it('refuses too little data with a plain bad-input message and exit code 1', () => {
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, `${fs.readFileSync(SUMMARY, 'utf8').split('\n').slice(0, 8).join('\n')}\n`);
    const r = run(['clv', 'fit', '--summary', small, '--workspace', ws(), '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'bad-input', message: 'BG/NBD needs purchases from at least 20 customers; there are only 7.' });
  });

  it('refuses an unknown model before opening a workspace', () => {
    const target = path.join(dir, 'untouched-ws');
    const r = run(['clv', 'fit', '--summary', SUMMARY, '--model', 'weibull', '--workspace', target, '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'model' } });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('fits on a workspace’s own sale orders (a demo shop) with finite parameters', () => {
    const demoWs = path.join(dir, 'demo-ws');
    const demo = run(['demo', '--customers', '400', '--seed', '5', '--workspace', demoWs, '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    const r = run(['clv', 'fit', '--workspace', demoWs, '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json?.customers as number).toBeGreaterThan(100);
    for (const v of Object.values(params(r))) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(r.json?.calibrationEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('localyst clv predict', () => {
  it('writes id, pAlive, expectedPurchases, clv for every CDNOW customer', () => {
    const out = path.join(dir, 'clv.csv');
    const r = run(['clv', 'predict', '--horizon', '12', '--summary', WITH_SPEND, '--out', out, '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ file: out, rows: 2357, model: 'bgnbd', horizon: 12 });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,pAlive,expectedPurchases,clv,nextOrderDate');
    expect(lines).toHaveLength(2358);
    const [id, pAlive, purchases, clv] = (lines[1] as string).split(',').map((c, i) => (i === 0 ? c : Number(c))) as [string, number, number, number];
    expect(id).toBe('1');
    expect(pAlive.toFixed(3)).toBe('0.727');
    // Twelve months of 365.25/12 days are 52.18 weeks: more than the 39 weeks of the published 1.226.
    expect(purchases).toBeGreaterThan(1.226);
    expect(purchases).toBeLessThan(1.6);
    expect(clv).toBeGreaterThan(20);
    expect(r.json?.totalClv as number).toBeGreaterThan(0);
  });

  it('refuses a horizon that is not a whole number of months and writes nothing', () => {
    const out = path.join(dir, 'never.csv');
    const r = run(['clv', 'predict', '--horizon', '0', '--summary', SUMMARY, '--out', out, '--workspace', ws(), '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'horizon' } });
    expect(fs.existsSync(out)).toBe(false);
  });
});
