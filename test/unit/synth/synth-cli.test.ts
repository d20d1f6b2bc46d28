import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliRun, writeCsvHead } from '../helpers';

// `localyst synth` through the built bundle on 300 Adult rows (GAN with 1 epoch).
const ADULT = path.resolve('test/data/adult/adult_sdgym_train.csv');
let dir: string;
let cleanup: () => void;
let slice: string;
const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));
const ws = (): string => path.join(dir, 'ws');

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  slice = path.join(dir, 'adult-300.csv');
  writeCsvHead(ADULT, 300, slice);
});
afterAll(() => cleanup());

describe('localyst synth', () => {
  it('refuses bad options before opening a workspace, in plain words', () => {
    const method = run(['synth', 'train', '--table', slice, '--method', 'vae', '--workspace', ws(), '--json']);
    expect(method.code).toBe(1);
    expect(method.json).toMatchObject({ error: { code: 'bad-input', message: '--method takes gan or copula, not "vae".' } });
    const rows = run(['synth', 'sample', '--rows', 'many', '--out', path.join(dir, 'x.csv'), '--workspace', ws(), '--json']);
    expect(rows.json).toMatchObject({ error: { code: 'bad-input', details: { field: 'rows' } } });
    expect(fs.existsSync(ws())).toBe(false);
  });

  it('says there is nothing to sample before a twin is trained', () => {
    const r = run(['synth', 'sample', '--rows', '10', '--out', path.join(dir, 'none.csv'), '--workspace', ws(), '--json']);
    expect(r.code).toBe(1);
    expect((r.json as { error: { message: string } }).error.message).toMatch(/No synthetic twin has been trained/);
    expect(fs.existsSync(path.join(dir, 'none.csv'))).toBe(false);
  });

  it('train --method gan --json prints one model with quality, efficacy and privacy figures', () => {
    const r = run(['synth', 'train', '--table', slice, '--target', 'label', '--positive', '>50K', '--method', 'gan', '--epochs', '1', '--seed', '2', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as Record<string, unknown>;
    expect(json).toMatchObject({ method: 'gan', rows: 240, source: 'adult-300.csv', epochs: expect.any(Number), backend: expect.stringMatching(/^(wasm|tensorflow|cpu)$/) });
    expect(Object.keys(json.quality as object).sort()).toEqual(['columnShapes', 'pairTrends', 'score']);
    const efficacy = json.efficacy as { real: Record<string, number>; synthetic: Record<string, number>; testRows: number };
    expect(efficacy.testRows).toBe(60);
    expect(Object.keys(efficacy.real).sort()).toEqual(['accuracy', 'f1']);
    expect(Object.keys(efficacy.synthetic).sort()).toEqual(['accuracy', 'f1']);
    const privacy = json.privacy as Record<string, unknown>;
    expect(Object.keys(privacy).sort()).toEqual(['dcrMedianRatio', 'dp', 'exactCopies', 'membershipAuc', 'verdict']);
    expect(privacy.dp).toBeNull();
    expect(typeof json.seconds).toBe('number');
  }, 200_000);

  it('train --dp-epsilon trains the GAN within the budget and reports ε and δ; a budget out of range is refused', () => {
    const bad = run(['synth', 'train', '--table', slice, '--dp-epsilon', 'lots', '--workspace', ws(), '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ error: { code: 'bad-input', message: '--dp-epsilon takes a number above 0 and at most 100, not "lots".' } });
    const r = run(['synth', 'train', '--table', slice, '--method', 'gan', '--epochs', '2', '--dp-epsilon', '4', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const privacy = (r.json as { privacy: { dp: { epsilon: number; delta: number } } }).privacy;
    expect(privacy.dp.epsilon).toBeLessThanOrEqual(4);
    expect(privacy.dp.epsilon).toBeGreaterThan(3.99);
    // δ = 1/(10 × the 240 rows learned).
    expect(privacy.dp.delta).toBeCloseTo(1 / 2400, 9);
  }, 200_000);

  it('sample --rows --out writes the CSV from the last model; list shows it', () => {
    const out = path.join(dir, 'twin.csv');
    const r = run(['synth', 'sample', '--rows', '250', '--out', out, '--seed', '4', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ rows: 250, file: out, encrypted: false });
    const lines = fs.readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(251);
    expect(lines[0]).toBe('age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,label');
    const list = run(['synth', 'list', '--workspace', ws()]);
    expect(list.stdout).toMatch(/gan\s+adult-300\.csv · 240 rows/);
  }, 100_000);
});
