// Copy studio (issue 6): 50 candidates written and ranked by the built-in generator, for each of the 20 fixture
// briefs (every channel, goal and tone), the same code the `copy.generate` job runs after reading the audience.
// Budget from the issue: under half a second per brief on this machine. Ten timed runs per brief after one warm-up.
import fs from 'node:fs';
import path from 'node:path';
import { allText } from '../src/engine/copy/checks';
import { generateCandidates } from '../src/engine/copy/generate';
import { distinctBigramRatio, rankCandidates } from '../src/engine/copy/rank';
import { briefSchema } from '../src/shared/copy-schemas';
import { percentile, report, round } from './lib';

const CANDIDATES = 50;
const KEEP = 5;
const RUNS = 10;
const BUDGET_MS = 500;
const briefs = (JSON.parse(fs.readFileSync(path.resolve('test/unit/copy/fixtures/briefs.json'), 'utf8')) as unknown[]).map((b) => briefSchema.parse(b));

const rows = briefs.map((brief, i) => {
  const run = (seed: number) => {
    const started = performance.now();
    const candidates = generateCandidates(brief, { count: CANDIDATES, seed });
    const generatedAt = performance.now();
    const variants = rankCandidates(brief, candidates, { keep: KEEP, seed, engine: 'builtin' });
    const ended = performance.now();
    return { generateMs: generatedAt - started, rankMs: ended - generatedAt, totalMs: ended - started, variants, candidates: candidates.length };
  };
  run(0);
  const runs = Array.from({ length: RUNS }, (_, r) => run(r + 1));
  const totals = runs.map((r) => r.totalMs);
  const last = runs.at(-1)!;
  return {
    brief: `#${i} ${brief.channel}${brief.channel === 'social' ? `/${brief.network}` : ''} ${brief.goal} ${brief.tone}`,
    candidates: last.candidates,
    generateMsP50: round(percentile(runs.map((r) => r.generateMs), 50), 1),
    rankMsP50: round(percentile(runs.map((r) => r.rankMs), 50), 1),
    totalMsP50: round(percentile(totals, 50), 1),
    totalMsMax: round(Math.max(...totals), 1),
    underBudget: Math.max(...totals) < BUDGET_MS,
    checksPassed: last.variants.every((v) => v.checks.every((c) => c.passed)),
    distinctBigramRatio: round(distinctBigramRatio(last.variants.map((v) => allText(v.fields))), 2),
  };
});
report('copy-generate', rows, { candidates: CANDIDATES, keep: KEEP, runs: RUNS, budgetMs: BUDGET_MS, allUnderBudget: rows.every((r) => r.underBudget) });
