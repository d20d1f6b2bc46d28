import type { Command } from 'commander';
import { AppError } from '../shared/errors';
import type { ModelJobResult } from '../shared/model-schemas';
import { runJob, withEngine } from './commands';
import { call, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

type TrainOptions = GlobalOptions & { horizon: string; folds: string; seed: string; cutoff?: string; category?: string };

/** Adds `churn train` and `purchase train`: propensity models on the workspace, trained as a job with TensorFlow.js. */
export function registerChurnCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const common = (cmd: Command): Command =>
    withGlobals(
      cmd
        .option('--horizon <days>', 'days after the cutoff the prediction covers (7 to 365)', '90')
        .option('--folds <k>', 'cross-validation folds (2 to 10)', '5')
        .option('--seed <n>', 'random seed (same data and seed → same model)', '1')
        .option('--cutoff <date>', 'last day of the feature window, YYYY-MM-DD (default: latest sale minus the horizon)'),
    );
  common(program.command('churn').description('churn propensity: who will not buy again within the horizon').command('train').description('train a churn model on the workspace, score every customer and make it the active version')).action(
    (opts: TrainOptions) => trainCommand('churn', opts),
  );
  common(
    program
      .command('purchase')
      .description('purchase propensity: who will buy from a category within the horizon')
      .command('train')
      .description('train a purchase model for one category, score every customer and make it the active version')
      .requiredOption('--category <name>', 'the product category to predict'),
  ).action((opts: TrainOptions) => trainCommand('purchase', opts));
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new AppError('bad-input', `--${name} takes a whole number from ${min} to ${max}, not "${value}".`, { field: name });
  return n;
}

async function trainCommand(target: 'churn' | 'purchase', options: TrainOptions): Promise<void> {
  const input = () => {
    if (options.cutoff !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.cutoff)) {
      throw new AppError('bad-input', `--cutoff takes a date as YYYY-MM-DD, not "${options.cutoff}".`, { field: 'cutoff' });
    }
    return {
      target,
      horizonDays: integer(options.horizon, 'horizon', 7, 365),
      folds: integer(options.folds, 'folds', 2, 10),
      seed: integer(options.seed, 'seed', 0, 2 ** 31 - 1),
      ...(options.cutoff !== undefined ? { cutoff: options.cutoff } : {}),
      ...(options.category !== undefined ? { category: options.category } : {}),
    };
  };
  await withEngine(
    options,
    async (engine, mode) => {
      const result = (await runJob(engine, () => call(engine, 'models.train', input()))) as ModelJobResult;
      const { card } = result;
      const p = card.propensity;
      if (!p) throw new AppError('job-failed', 'The training job returned no propensity metrics.');
      const doc = {
        modelId: result.modelId,
        version: result.version,
        target,
        category: card.category,
        aucMean: p.aucMean,
        aucFolds: p.aucFolds,
        aucCi: p.aucCi,
        prAuc: p.prAuc,
        logLoss: p.logLoss,
        brier: p.brier,
        importance: p.importance.map((i) => ({ feature: i.feature, label: i.label, drop: i.drop })),
        rows: card.rows,
        positives: card.positives,
        cutoff: card.dataWindow.cutoff,
        horizonDays: card.dataWindow.horizonDays,
        scored: result.scored,
        warnings: card.warnings,
        backend: card.backend,
        seconds: card.seconds,
      };
      printResult(mode, doc, () =>
        [
          table([
            ['Model', `${target === 'churn' ? 'Churn' : `Purchase of ${card.category ?? ''}`} v${result.version} (active)`],
            ['AUC (mean of folds)', `${formatNumber(p.aucMean, 3)}  [95 % CI ${formatNumber(p.aucCi.low, 3)}–${formatNumber(p.aucCi.high, 3)}]`],
            ['AUC per fold', p.aucFolds.map((a) => formatNumber(a, 3)).join('  ')],
            ['PR AUC', formatNumber(p.prAuc, 3)],
            ['Log-loss', formatNumber(p.logLoss, 4)],
            ['Brier score', formatNumber(p.brier, 4)],
            ['Customers (positives)', `${formatNumber(card.rows)} (${formatNumber(card.positives ?? 0)})`],
            ['Data window', `features to ${card.dataWindow.cutoff}, outcome to ${card.dataWindow.labelEnd ?? ''}`],
            ['Customers scored', formatNumber(result.scored)],
            ['Backend', card.backend],
            ['Seconds', formatNumber(card.seconds, 1)],
          ]),
          '',
          'What matters most (AUC lost when shuffled):',
          table(p.importance.slice(0, 8).map((i) => [i.label, formatNumber(i.drop, 4)])),
          ...card.warnings.map((w) => `Warning: ${w}`),
        ].join('\n'),
      );
    },
    () => void input(),
  );
}
