import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewAnalyzeResultSchema } from '../../../src/shared/review-schemas';
import { runCli, tempDir, type CliRun } from '../helpers';

// The built CLI (node scripts/build-node.mjs), as the other CLI tests use it.
describe('localyst reviews analyze', () => {
  let dir: string;
  let cleanup: () => void;
  const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it('refuses a workspace without reviews, saying what to do', () => {
    const r = run(['reviews', 'analyze', '--workspace', path.join(dir, 'empty'), '--json']);
    expect(r.code).not.toBe(0);
    expect(r.json?.error).toMatchObject({ code: 'bad-input' });
    expect(String((r.json?.error as { message: string }).message)).toMatch(/no reviews/);
  });

  it('prints counts by sentiment, the scorer and the top themes of the demo shop', () => {
    const ws = path.join(dir, 'ws');
    expect(run(['demo', '--customers', '1500', '--seed', '2', '--workspace', ws, '--json']).code).toBe(0);
    const r = run(['reviews', 'analyze', '--workspace', ws, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = reviewAnalyzeResultSchema.parse(r.json);
    const { positive, neutral, negative } = result.bySentiment;
    expect(positive + neutral + negative).toBe(result.reviews);
    expect(result.reviews).toBeGreaterThan(100);
    // The demo's reviews are mostly happy ones (its stars lean 4–5), and some are complaints.
    expect(positive).toBeGreaterThan(negative);
    expect(negative).toBeGreaterThan(0);
    expect(['model', 'lexicon']).toContain(result.source);
    expect(result.topThemes.length).toBe(10);
    expect(result.topThemes[0]!.mentions).toBeGreaterThanOrEqual(result.topThemes[9]!.mentions);
  });
});
