import path from 'node:path';
import type { Command } from 'commander';
import type { SimulateResult } from '../shared/federate-schemas';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { epsilonBudget, wholeNumber } from './model-command';
import { formatNumber, printResult, table } from './output';

type SimulateOptions = GlobalOptions & {
  table: string;
  target: string;
  positive?: string;
  splitBy: string;
  exclude?: string;
  rounds: string;
  secure?: boolean;
  dpEpsilon?: string;
  seed: string;
};

/**
 * The `federate` command group: `simulate` here; the live and file transports (`serve`, `join`, `propose`) add
 * their subcommands to the same group. Returns the group.
 */
export function registerFederateCommands(program: Command, withGlobals: (cmd: Command) => Command): Command {
  const federate = program.command('federate').description('train one model with other offices without sharing a row (federated learning)');
  withGlobals(
    federate
      .command('simulate')
      .description('split one CSV file into offices by a column and run the whole federated protocol in this process; compares with a central model and each office alone')
      .requiredOption('--table <file>', 'the CSV file, with a header row')
      .requiredOption('--target <column>', 'the yes/no column to predict')
      .requiredOption('--split-by <column>', 'the column whose values make the offices (a shop, a region, a contract type)')
      .option('--positive <value>', 'the target value that is the outcome, when the values do not say it')
      .option('--exclude <columns>', 'columns left out of the features, comma-separated (ids, free text)')
      .option('--rounds <r>', 'federated rounds (1 to 200)', '20')
      .option('--secure', 'secure aggregation: offices mask their updates so the coordinator reads only the sum')
      .option('--dp-epsilon <e>', 'differential privacy: the ε budget for all rounds together (δ = 1e-5)')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1'),
  ).action((opts: SimulateOptions) => simulateCommand(opts));
  return federate;
}

function request(options: SimulateOptions) {
  const dpEpsilon = epsilonBudget(options.dpEpsilon);
  return {
    file: path.resolve(options.table),
    target: options.target,
    splitBy: options.splitBy,
    ...(options.positive !== undefined ? { positive: options.positive } : {}),
    exclude: (options.exclude ?? '').split(',').map((c) => c.trim()).filter((c) => c !== ''),
    rounds: wholeNumber(options.rounds, 'rounds', 1, 200),
    secure: Boolean(options.secure),
    ...(dpEpsilon !== undefined ? { dpEpsilon } : {}),
    seed: wholeNumber(options.seed, 'seed', 0, 2 ** 31 - 1),
  };
}

function describe(r: SimulateResult): string {
  const best = Math.max(...r.offices.map((o) => o.localAuc));
  return [
    table([
      ['Federated AUC', `${r.federated.aucMean.toFixed(3)}  (${r.rounds} rounds${r.secure ? ', secure aggregation' : ''}${r.epsilon !== null ? `, ε = ${r.epsilon.toFixed(2)}` : ''})`],
      ...(r.federatedWithoutDp ? ([['  without DP', r.federatedWithoutDp.aucMean.toFixed(3)]] as Array<[string, string]>) : []),
      ['Central AUC', `${r.central.aucMean.toFixed(3)}  (all training rows in one place; federated / central = ${(r.federated.aucMean / r.central.aucMean).toFixed(3)})`],
      ['Best office alone', best.toFixed(3)],
      ['Held-out rows', formatNumber(r.heldOutRows)],
      ...(r.restarts ? ([['Restarted rounds', formatNumber(r.restarts)]] as Array<[string, string]>) : []),
      ['Backend', r.backend],
      ['Seconds', r.seconds.toFixed(1)],
    ]),
    '',
    'Each office alone (its own rows, scored on the same held-out rows):',
    table(r.offices.map((o) => [`  ${o.name}`, `AUC ${o.localAuc.toFixed(3)}   (${formatNumber(o.rows)} rows)`])),
  ].join('\n');
}

async function simulateCommand(options: SimulateOptions): Promise<void> {
  await withEngine(
    options,
    async (engine, mode) => {
      const input = { ...request(options), file: chosenFile(engine, options.table, 'read') };
      const result = (await runJob(engine, () => call(engine, 'federate.simulate', input))) as SimulateResult;
      printResult(mode, result, () => describe(result));
    },
    () => void request(options),
  );
}
