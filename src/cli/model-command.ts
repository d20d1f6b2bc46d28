import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../shared/errors';
import type { TrainTableResult } from '../shared/ml-schemas';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

type TrainOptions = GlobalOptions & { table: string; target: string; positive?: string; id?: string; folds: string; seed: string };

/** Adds `model train`; `withGlobals` adds --workspace and --json. */
export function registerModelCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const model = program.command('model').description('propensity models on a table of customers');
  withGlobals(
    model
      .command('train')
      .description('cross-validate a propensity model on a CSV file (one row per customer, a yes/no target); nothing is stored')
      .requiredOption('--table <file>', 'the CSV file, with a header row')
      .requiredOption('--target <column>', 'the yes/no column to predict (churned, bought, responded)')
      .option('--positive <value>', 'the target value that is the outcome (e.g. ">50K"), when the values do not say it; the others count as "not"')
      .option('--id <column>', 'the customer id column, left out of the features')
      .option('--folds <k>', 'cross-validation folds (2 to 20)', '5')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1'),
  ).action((opts: TrainOptions) => trainCommand(opts));
}

/** A whole-number option in a range, or a plain error naming the option. */
export function wholeNumber(raw: string, field: string, low: number, high: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < low || n > high) {
    throw new AppError('bad-input', `--${field} takes a whole number from ${formatNumber(low)} to ${formatNumber(high)}, not "${raw}".`, { field });
  }
  return n;
}

/** A `--dp-epsilon` budget: a number above 0 and at most 100; undefined when the option was not given. */
export function epsilonBudget(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(raw.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 100)) {
    throw new AppError('bad-input', `--dp-epsilon takes a number above 0 and at most 100, not "${raw}".`, { field: 'dp-epsilon' });
  }
  return n;
}

function request(options: TrainOptions) {
  return {
    file: path.resolve(options.table),
    target: options.target,
    ...(options.positive !== undefined ? { positive: options.positive } : {}),
    ...(options.id !== undefined ? { id: options.id } : {}),
    folds: wholeNumber(options.folds, 'folds', 2, 20),
    seed: wholeNumber(options.seed, 'seed', 0, 2 ** 31 - 1),
  };
}

function describe(r: TrainTableResult): string {
  const mean = r.aucMean;
  const sd = Math.sqrt(r.aucFolds.reduce((s, a) => s + (a - mean) ** 2, 0) / Math.max(1, r.aucFolds.length - 1));
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const lines = [
    table([
      ['Table', `${r.file} → ${r.target}`],
      ['Rows', `${formatNumber(r.rows)} (${formatNumber(r.positives)} positive, ${pct(r.positives / r.rows)})`],
      ['Features', formatNumber(r.features)],
      [`AUC (${r.aucFolds.length}-fold)`, `${mean.toFixed(3)} ± ${sd.toFixed(3)}   folds ${r.aucFolds.map((a) => a.toFixed(3)).join(' ')}`],
      ['AUC 95 % interval', `${r.aucCi.low.toFixed(3)} – ${r.aucCi.high.toFixed(3)}`],
      ['PR AUC', r.prAuc.toFixed(3)],
      ['Log loss', r.logLoss.toFixed(4)],
      ['Brier score', r.brier.toFixed(4)],
      ['Backend', r.backend],
      ['Seconds', r.seconds.toFixed(1)],
    ]),
    '',
    'What matters most (drop in AUC when the column is shuffled):',
    table(r.importance.slice(0, 10).map((i) => [`  ${i.feature}`, i.drop.toFixed(4)])),
    '',
    'Lift by decile (1 = the 10 % most likely):',
    table(r.lift.map((l) => [`  ${l.decile}`, `${pct(l.rate).padStart(7)} positive, lift ${l.lift.toFixed(2)}`])),
  ];
  if (r.dropped.length > 0) lines.push('', `Left out: ${r.dropped.map((d) => `${d.column} (${d.reason})`).join(', ')}`);
  return lines.join('\n');
}

async function trainCommand(options: TrainOptions): Promise<void> {
  await withEngine(
    options,
    async (engine, mode) => {
      const input = { ...request(options), file: chosenFile(engine, options.table, 'read') };
      const result = (await runJob(engine, () => call(engine, 'model.trainTable', input))) as TrainTableResult;
      printResult(mode, result, () => describe(result));
    },
    () => void request(options),
  );
}
