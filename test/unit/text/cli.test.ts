import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliRun } from '../helpers';
import { readLabelledSentences } from './sentences';

// The built `localyst` bundle (test/unit/global-setup.ts rebuilds it) on 900 of the UCI sentences, written as CSV.
let dir: string;
let cleanup: () => void;
let file: string;
const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));
const ws = (): string => path.join(dir, 'ws');
const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function writeCsv(name: string, header: string, rows: string[]): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, `${header}\n${rows.join('\n')}\n`);
  return target;
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const { texts, labels } = readLabelledSentences();
  const rows = Array.from({ length: 900 }, (_, i) => i * 3 + 1);
  file = writeCsv('sentences.csv', 'id,review,stars', rows.map((r) => `${r},${quoted(texts[r] as string)},${labels[r] === 1 ? 5 : r % 2 === 0 ? 1 : 2}`));
});
afterAll(() => cleanup());

describe('localyst text train', () => {
  it('prints the cross-validated accuracy and AUC, the folds, the model kept and the backend', () => {
    const r = run(['text', 'train', '--table', file, '--text-col', 'review', '--target', 'stars', '--positive', '5', '--folds', '3', '--seed', '2', '--workspace', ws(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as Record<string, unknown>;
    expect(json).toMatchObject({ rows: 900, positive: '5', textColumn: 'review', model: expect.stringMatching(/^(nb|tfidf)-logistic$/), backend: expect.stringMatching(/^(wasm|tensorflow|cpu)$/) });
    const folds = json.folds as Array<{ accuracy: number; auc: number; rows: number }>;
    expect(folds).toHaveLength(3);
    expect(folds.reduce((s, f) => s + f.rows, 0)).toBe(900);
    expect(json.accuracyMean).toBeCloseTo(folds.reduce((s, f) => s + f.accuracy, 0) / 3, 10);
    expect(json.accuracyMean).toBeGreaterThan(0.72);
    expect(json.aucMean).toBeGreaterThan(0.8);
    expect(typeof json.seconds).toBe('number');
    const candidates = json.candidates as Array<{ model: string; accuracyMean: number }>;
    expect(Math.max(...candidates.map((c) => c.accuracyMean))).toBe(json.accuracyMean);
  });

  it('a target with more than two values needs --positive, and says so', () => {
    const r = run(['text', 'train', '--table', file, '--text-col', 'review', '--target', 'stars', '--workspace', ws(), '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'bad-input', details: { column: 'stars', field: 'target' }, message: expect.stringMatching(/it has 3 different values: "5" \(\d+\), .*Name the outcome value: --positive VALUE/) });
  });

  it('a missing column and an empty text fail with exit 1 and say where', () => {
    const col = run(['text', 'train', '--table', file, '--text-col', 'comment', '--target', 'stars', '--workspace', ws(), '--json']);
    expect(col.code).toBe(1);
    expect(col.json?.error).toMatchObject({ code: 'bad-input', details: { column: 'comment', field: 'textColumn' }, message: expect.stringMatching(/^There is no column "comment"\. The columns are "id", "review", "stars"\.$/) });
    const blank = writeCsv('blank.csv', 'review,label', ['great phone,1', '"  ",0', 'awful,0']);
    const empty = run(['text', 'train', '--table', blank, '--text-col', 'review', '--target', 'label', '--workspace', ws(), '--json']);
    expect(empty.code).toBe(1);
    expect(empty.json?.error).toMatchObject({ code: 'bad-input', details: { row: 3, column: 'review' }, message: expect.stringMatching(/row 3 .* has no text in the column "review"/) });
    const usage = run(['text', 'train', '--table', file, '--target', 'stars', '--workspace', ws(), '--json']);
    expect(usage.code).toBe(2);
  });
});
