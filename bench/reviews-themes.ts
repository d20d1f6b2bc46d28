// The reviews analysis (the reviews.analyze job's two steps) on a demo shop: sentiment scoring, then themes (two
// passes of wink-nlp tagging, choosing, quoting, writing), in reviews per second. The shop is built once under
// os.tmpdir() and reused; LOCALYST_BENCH_CUSTOMERS overrides its size (20,000 customers: about 6,500 reviews).
import { buildOrReuseDemoWorkspace, demoWorkspaceDir } from './_demo-workspace';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { analyzeSentiment } from '../src/engine/reviews/sentiment';
import { findThemes } from '../src/engine/reviews/themes';
import { report, round } from './lib';

const CUSTOMERS = Number(process.env.LOCALYST_BENCH_CUSTOMERS ?? 20_000);
const SEED = 3;
const control = { progress: () => undefined, checkCancelled: () => undefined };

async function main(): Promise<void> {
  const dir = demoWorkspaceDir('reviews', CUSTOMERS, SEED);
  const generatedSeconds = await buildOrReuseDemoWorkspace(dir, CUSTOMERS, SEED);
  const ws = await openWorkspace(dir);
  const db = ws.db;
  const reviews = db.prepare('SELECT count(*) FROM reviews').pluck().get() as number;
  let started = performance.now();
  const sentiment = await analyzeSentiment(db, control);
  const sentimentSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const heapBefore = process.memoryUsage().heapUsed;
  db.exec('BEGIN IMMEDIATE');
  const themes = await findThemes(db, control);
  db.exec('COMMIT');
  const themesSeconds = (performance.now() - started) / 1000;
  const heapAfter = process.memoryUsage().heapUsed;
  db.close();
  report(
    'reviews-themes',
    [
      { step: 'sentiment', source: sentiment.source, reviews, seconds: round(sentimentSeconds, 2), reviewsPerSecond: Math.round(reviews / sentimentSeconds) },
      { step: 'themes', themes: themes.themes, mentions: themes.mentions, reviews, seconds: round(themesSeconds, 2), reviewsPerSecond: Math.round(reviews / themesSeconds) },
    ],
    { customers: CUSTOMERS, seed: SEED, generatedSeconds, heapGrowthMb: round((heapAfter - heapBefore) / 2 ** 20, 1) },
  );
}

void main();
