import type { Command } from 'commander';
import type { ReviewAnalyzeResult } from '../shared/review-schemas';
import { runJob, withEngine } from './commands';
import { call, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

const SOURCE = { model: 'trained text classifier', lexicon: 'word list (VADER)' } as const;

/** Adds `reviews analyze`: the sentiment of every review and the themes customers write about. */
export function registerReviewsCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  withGlobals(
    program
      .command('reviews')
      .description('customer reviews: sentiment and recurring themes')
      .command('analyze')
      .description('score every review’s sentiment and find the themes (aspects and phrases) customers mention'),
  ).action((opts: GlobalOptions) => analyzeCommand(opts));
}

async function analyzeCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const result = (await runJob(engine, () => call(engine, 'reviews.analyze', {}))) as ReviewAnalyzeResult;
    const { bySentiment: s } = result;
    const share = (n: number): string => (result.reviews ? `${formatNumber((100 * n) / result.reviews, 1)} %` : '');
    printResult(mode, result, () =>
      [
        table([
          ['Reviews', formatNumber(result.reviews)],
          ['Positive', `${formatNumber(s.positive)}  ${share(s.positive)}`],
          ['Neutral', `${formatNumber(s.neutral)}  ${share(s.neutral)}`],
          ['Negative', `${formatNumber(s.negative)}  ${share(s.negative)}`],
          ['Scored with', `${SOURCE[result.source]}${result.modelId !== null ? ` (model ${result.modelId})` : ''}`],
          ['', result.reason],
          ['Themes', `${formatNumber(result.themes)} (${formatNumber(result.mentions)} mentions)`],
          ['Seconds', formatNumber(result.seconds, 1)],
        ]),
        '',
        'Most mentioned themes (sentiment 0 = negative … 1 = positive):',
        table(result.topThemes.map((t) => [t.phrase, `${formatNumber(t.mentions)} mentions${t.sentiment === null ? '' : `, sentiment ${formatNumber(t.sentiment, 2)} (${t.label ?? ''})`}`])),
      ].join('\n'),
    );
  });
}
