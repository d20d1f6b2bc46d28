import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_MAX_UPLOAD_MB, demoCommand, doctorCommand, serveCommand, statsCommand } from './commands';
import { registerCampaignCommands } from './campaign-command';
import { registerChurnCommands } from './churn-command';
import { registerClvCommands } from './clv-command';
import { registerCopyCommands } from './copy-command';
import { registerCustomersCommands } from './customers-command';
import { registerFederateCommands } from './federate-command';
import { registerFederateNetCommands } from './federate-net-command';
import { importCommand } from './import-command';
import { registerModelCommands } from './model-command';
import { registerTextCommands } from './text-command';
import { registerRecommendCommands } from './recommend-command';
import { registerReviewsCommands } from './reviews-command';
import { registerSegmentCommands } from './segment-command';
import { registerSynthCommands } from './synth-command';
import { registerWorkspaceCommands } from './workspace-command';
import { printError } from './output';
import { appVersion } from './version';

/** The `localyst` command: the engine's handlers, JSON out with --json. Usage errors exit 2, failures 1. */
export function buildProgram(): Command {
  const program = new Command('localyst')
    .description('Local-first marketing analytics. Your customer data never leaves this machine.')
    .version(appVersion())
    .showHelpAfterError()
    .exitOverride();
  const withGlobals = (cmd: Command): Command =>
    cmd
      .addOption(new Option('--workspace <dir>', 'workspace folder (default: LOCALYST_WORKSPACE or the app-data folder)'))
      .option('--json', 'print exactly one JSON document on stdout')
      .exitOverride();

  withGlobals(program.command('doctor').description('versions, TensorFlow.js backend, workspace path and schema version')).action(
    (opts) => doctorCommand(opts),
  );
  withGlobals(program.command('stats').description('counts of customers, products, orders, lines, reviews, campaigns; revenue')).action(
    (opts) => statsCommand(opts),
  );
  withGlobals(
    program
      .command('demo')
      .description('fill an empty workspace with a realistic demo shop, deterministic by seed')
      .option('--customers <n>', 'number of customers (1 to 2,000,000)', '10000')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1'),
  ).action((opts) => demoCommand(opts));
  withGlobals(
    program
      .command('import')
      .description('import a CSV/TSV (also .gz), Excel .xlsx or JSON Lines file as one transaction')
      .argument('<kind>', 'customers, products, orders, reviews or campaign_results')
      .argument('<file>', 'the file to import')
      .option('--map <SOURCE=FIELD...>', 'map a column to a field (repeatable); FIELD "-" leaves the column out')
      .option('--mapping <name>', 'use a saved mapping')
      .option('--save-mapping <name>', 'save the mapping used under this name')
      .option('--on-error <mode>', 'reject the whole file, or skip bad rows', 'reject')
      .option('--dry-run', 'check and count everything, write nothing')
      .option('--pseudonymize <list>', 'replace these with keyed hashes: email,phone,name'),
  ).action((kind: string, file: string, opts) => importCommand(kind, file, opts));
  registerCustomersCommands(program, withGlobals);
  registerClvCommands(program, withGlobals);
  registerModelCommands(program, withGlobals);
  registerTextCommands(program, withGlobals);
  registerChurnCommands(program, withGlobals);
  registerSegmentCommands(program, withGlobals);
  registerCopyCommands(program, withGlobals);
  registerCampaignCommands(program, withGlobals);
  registerRecommendCommands(program, withGlobals);
  registerReviewsCommands(program, withGlobals);
  registerSynthCommands(program, withGlobals);
  registerFederateCommands(program, withGlobals);
  registerFederateNetCommands(program, withGlobals);
  registerWorkspaceCommands(program, withGlobals);
  withGlobals(
    program
      .command('serve')
      .description('serve the app on http://127.0.0.1 for a browser (prints the address with its session token)')
      .option('--port <p>', 'port on 127.0.0.1 (0 chooses a free one)', '0')
      .option('--max-upload-mb <n>', 'largest file the page may upload, in MB', String(DEFAULT_MAX_UPLOAD_MB)),
  ).action((opts) => serveCommand(opts));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return;
      if (argv.includes('--json')) printError({ json: true }, { code: 'bad-input', message: error.message.replace(/^error: /, '') });
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

await main(process.argv);
