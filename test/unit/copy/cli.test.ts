import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const ws = path.join(tmp.dir, 'ws');
const briefFile = path.join(tmp.dir, 'brief.json');
fs.writeFileSync(
  briefFile,
  JSON.stringify({
    channel: 'sms',
    goal: 'promotion',
    tone: 'urgent',
    product: { name: 'Trail running shoes', benefits: ['Grippy soles for wet trails'], price: 129, currency: 'EUR' },
    offer: { discountPercent: 30, code: 'TRAIL30', endsOn: '2026-12-06' },
    brand: { name: 'Peak Outfitters', bannedWords: ['cheap'] },
  }),
);

describe('localyst copy generate', () => {
  it('prints ranked variants with fields, score, reasons and checks; same brief and seed, same JSON', () => {
    const args = ['copy', 'generate', '--brief', briefFile, '--variants', '3', '--seed', '5', '--json', '--workspace', ws];
    const first = runCli(args, tmp.dir);
    expect(first.code, first.stderr).toBe(0);
    const variants = (first.json as { variants: Array<Record<string, unknown>> }).variants;
    expect(variants).toHaveLength(3);
    for (const v of variants) {
      expect(Object.keys(v)).toEqual(expect.arrayContaining(['id', 'channel', 'framework', 'fields', 'score', 'reasons', 'checks']));
      expect((v.fields as { text: string }).text).toMatch(/Reply STOP to opt out$/);
      expect((v.checks as Array<{ name: string; passed: boolean; detail: string }>).every((c) => c.passed)).toBe(true);
    }
    expect(runCli(args, tmp.dir).stdout).toBe(first.stdout);
    const other = runCli([...args.slice(0, 6), '--seed', '6', '--json', '--workspace', ws], tmp.dir);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('takes the brief as JSON text too, and refuses a bad brief with the field at fault', () => {
    const inline = runCli(['copy', 'generate', '--brief', fs.readFileSync(briefFile, 'utf8'), '--variants', '1', '--json', '--workspace', ws], tmp.dir);
    expect(inline.code, inline.stderr).toBe(0);
    const bad = runCli(['copy', 'generate', '--brief', '{"channel":"fax","goal":"launch","tone":"friendly","product":{"name":"X"}}', '--json', '--workspace', ws], tmp.dir);
    expect(bad.code).toBe(1);
    expect(JSON.stringify(bad.json)).toMatch(/bad-input/);
    expect(JSON.stringify(bad.json)).toMatch(/channel/);
    const broken = runCli(['copy', 'generate', '--brief', '{"channel": ', '--json', '--workspace', ws], tmp.dir);
    expect(broken.code).toBe(1);
    expect(JSON.stringify(broken.json)).toMatch(/not valid JSON/);
  });
});
