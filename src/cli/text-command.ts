import path from 'node:path';
import type { Command } from 'commander';
import type { TextTrainResult } from '../shared/text-schemas';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { wholeNumber } from './model-command';
import { formatNumber, printResult, table } from './output';

type TrainOptions = GlobalOptions & { table: string; textCol: string; target: string; positive?: string; folds: string; seed: string };

/** Adds `text train`; `withGlobals` adds --workspace and --json. */
export function registerTextCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const text = program.command('text').description('text classifiers (positive / negative) on a table of texts');
  withGlobals(
    text
      .command('train')
      .description('cross-validate a sentiment (positive / negative) classifier on a CSV file with a text column and a label column; nothing is stored')
      .requiredOption('--table <file>', 'the CSV file, with a header row')
      .requiredOption('--text-col <column>', 'the column holding the text (a review, a comment)')
      .requiredOption('--target <column>', 'the column holding each text’s label (two values, or name the positive one)')
      .option('--positive <value>', 'the target value that counts as positive (e.g. "5" or "good"); the others count as negative')
      .option('--folds <k>', 'cross-validation folds (2 to 20)', '5')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1'),
  ).action((opts: TrainOptions) => trainCommand(opts));
}

function request(options: TrainOptions) {
  return {
    file: path.resolve(options.table),
    textColumn: options.textCol,
    target: options.target,
    ...(options.positive !== undefined ? { positive: options.positive } : {}),
    folds: wholeNumber(options.folds, 'folds', 2, 20),
    seed: wholeNumber(options.seed, 'seed', 0, 2 ** 31 - 1),
  };
}

const MODEL_NAMES: Record<TextTrainResult['model'], string> = {
  'nb-logistic': 'naive-Bayes-weighted n-grams + logistic regression',
  'tfidf-logistic': 'TF-IDF n-grams + logistic regression',
};

function describe(r: TextTrainResult): string {
  const sd = (values: number[], mean: number): number => Math.sqrt(values.reduce((s, a) => s + (a - mean) ** 2, 0) / Math.max(1, values.length - 1));
  const accuracies = r.folds.map((f) => f.accuracy);
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  return table([
    ['Table', `${r.file}: ${r.textColumn} → ${r.target}${r.positive !== null ? ` = "${r.positive}"` : ''}`],
    ['Rows', `${formatNumber(r.rows)} (${formatNumber(r.positives)} positive, ${pct(r.positives / r.rows)})`],
    ['Model kept', MODEL_NAMES[r.model]],
    [`Accuracy (${r.folds.length}-fold)`, `${r.accuracyMean.toFixed(3)} ± ${sd(accuracies, r.accuracyMean).toFixed(3)}   folds ${accuracies.map((a) => a.toFixed(3)).join(' ')}`],
    ['AUC', r.aucMean.toFixed(3)],
    ...r.candidates.filter((c) => c.model !== r.model).map((c): [string, string] => ['Also tried', `${MODEL_NAMES[c.model]}: accuracy ${c.accuracyMean.toFixed(3)}, AUC ${c.aucMean.toFixed(3)}`]),
    ['Terms learned', formatNumber(r.terms)],
    ['Backend', r.backend],
    ['Seconds', r.seconds.toFixed(1)],
  ]);
}

async function trainCommand(options: TrainOptions): Promise<void> {
  await withEngine(
    options,
    async (engine, mode) => {
      const input = { ...request(options), file: chosenFile(engine, options.table, 'read') };
      const result = (await runJob(engine, () => call(engine, 'text.trainTable', input))) as TextTrainResult;
      printResult(mode, result, () => describe(result));
    },
    () => void request(options),
  );
}
