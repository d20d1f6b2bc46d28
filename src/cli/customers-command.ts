import type { Command } from 'commander';
import type { Engine } from '../engine';
import {
  customerColumns,
  defaultExportColumns,
  type CustomerColumn,
  type EraseLeftoversResult,
  type EraseResult,
  type ExportResult,
} from '../shared/customer-schemas';
import { AppError } from '../shared/errors';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';
import { ARCHIVE_FLAG_HELP, archiveTarget } from './archive-option';

export type CustomersExportOptions = GlobalOptions & { out: string; columns?: string; reveal?: boolean; archive?: boolean };
export type CustomersEraseOptions = GlobalOptions & { deleteFiles?: boolean };

/** Adds `customers erase` and `customers export` to the program; `withGlobals` adds --workspace and --json. */
export function registerCustomersCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const customers = program.command('customers').description('erase one customer, or export customers as CSV');
  withGlobals(
    customers
      .command('erase')
      .description(
        'erase a customer everywhere in the workspace: their records, saved copy and jobs that mention them, the backups; lists files that still hold them',
      )
      .argument('<id>', 'the customer id as imported (for example 17850)')
      .option('--delete-files', 'also delete the files that still hold the customer (exports, uploads not imported)'),
  ).action((id: string, opts: CustomersEraseOptions) => eraseCommand(id, opts));
  withGlobals(
    customers
      .command('erase-leftovers')
      .description('after an erase: delete the files it listed and empty the write-ahead log once nothing else reads the workspace')
      .argument('[files...]', 'files as the erase listed them, relative to the workspace folder (exports/…, incoming/…, backups/…)'),
  ).action((files: string[], opts: GlobalOptions) => eraseLeftoversCommand(files, opts));
  withGlobals(
    customers
      .command('export')
      .description('write customers with their figures to a CSV file (names, e-mails and phones masked unless --reveal)')
      .requiredOption('--out <file>', 'the CSV file to write')
      .option('--columns <list>', `comma-separated columns (default ${defaultExportColumns.join(',')})`)
      .option('--reveal', 'write real names, e-mails and phones (recorded in the audit log)')
      .option('--archive', ARCHIVE_FLAG_HELP),
  ).action((opts: CustomersExportOptions) => exportCommand(opts));
}

/** Finds the internal id of the customer whose imported id is exactly `externalId`. */
async function resolveCustomer(engine: Engine, externalId: string): Promise<number> {
  const page = await call(engine, 'customers.page', {
    offset: 0,
    limit: 1000,
    filters: [{ field: 'customerId', op: 'equals', value: externalId }],
  });
  // The explorer compares case-insensitively; an erase needs the exact id.
  const match = page.rows.find((row) => row.customerId === externalId);
  if (!match) throw new AppError('not-found', `There is no customer with id "${externalId}" in this workspace.`, { field: 'id' });
  return match.id;
}

async function eraseCommand(externalId: string, options: CustomersEraseOptions): Promise<void> {
  const precheck = (): void => {
    if (externalId.trim() === '' || externalId.length > 500) {
      throw new AppError('bad-input', 'ID must be the customer id as imported, for example 17850.', { field: 'id' });
    }
  };
  await withEngine(
    options,
    async (engine, mode) => {
      const id = await resolveCustomer(engine, externalId);
      const erased = await call(engine, 'customers.erase', { id });
      const deletable = erased.files.filter((f) => f.deletable).map((f) => f.path);
      const leftovers = options.deleteFiles && deletable.length > 0 ? await call(engine, 'customers.eraseLeftovers', { files: deletable }) : null;
      const result = leftovers ? { ...erased, deletedFiles: leftovers.deleted, log: leftovers.log } : erased;
      printResult(mode, result, () => describeErase(erased, leftovers, engine.workspaceDir()));
    },
    precheck,
  );
}

/** The erase in words: what went, and plainly what could not and what to do about it. */
export function describeErase(erased: EraseResult, leftovers: EraseLeftoversResult | null, workspaceDir: string): string {
  const lines = [
    `Erased customer ${erased.customerId} and everything derived from them:`,
    table([
      ['Orders', formatNumber(erased.orders)],
      ['Order lines', formatNumber(erased.orderLines)],
      ['Reviews', formatNumber(erased.reviews)],
      ['Campaign results', formatNumber(erased.campaignResults)],
      ['Saved copy', formatNumber(erased.savedCopy)],
      ['Past jobs', formatNumber(erased.jobs)],
      ['Values blanked', formatNumber(erased.redacted)],
      ['Backups cleaned', formatNumber(erased.backupsCleaned.length)],
    ]),
  ];
  const log = leftovers?.log ?? erased.log;
  if (!log.cleared) lines.push('', `Not finished: ${log.message}`);
  const deleted = new Set(leftovers?.deleted ?? []);
  const left = erased.files.filter((f) => !deleted.has(f.path));
  if (deleted.size > 0) lines.push('', `Deleted ${formatNumber(deleted.size)} file(s) that still held them:`, ...[...deleted].map((f) => `  ${f}`));
  if (left.length > 0) {
    lines.push('', 'These files in the workspace folder still hold the customer:', ...left.map((f) => `  ${f.path}`));
    const deletable = left.filter((f) => f.deletable).map((f) => quoteArg(f.path));
    if (deletable.length > 0) {
      lines.push('Delete them with:', `  localyst customers erase-leftovers ${deletable.join(' ')} --workspace ${quoteArg(workspaceDir)}`);
    }
  } else if (log.cleared) {
    lines.push('', 'No file in the workspace folder holds them any more.');
  }
  return lines.join('\n');
}

const quoteArg = (arg: string): string => (/^[\w./@:+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

async function eraseLeftoversCommand(files: string[], options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const result = await call(engine, 'customers.eraseLeftovers', { files });
    printResult(mode, result, () =>
      [
        ...result.deleted.map((f) => `Deleted ${f}`),
        ...result.missing.map((f) => `Not found (already gone?): ${f}`),
        result.log.cleared ? 'The write-ahead log is empty.' : `Not finished: ${result.log.message}`,
      ].join('\n'),
    );
  });
}

function parseColumns(list: string | undefined): CustomerColumn[] {
  if (list === undefined) return [...defaultExportColumns];
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !(customerColumns as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length > 0) {
    throw new AppError('bad-input', `--columns takes a list of ${customerColumns.join(', ')}${unknown.length ? `, not "${unknown.join(', ')}"` : ''}.`, {
      field: 'columns',
    });
  }
  return [...new Set(items)] as CustomerColumn[];
}

async function exportCommand(options: CustomersExportOptions): Promise<void> {
  await withEngine(
    options,
    async (engine, mode) => {
      const target = archiveTarget(options.out, options.archive);
      const result = (await runJob(engine, () =>
        call(engine, 'customers.export', {
          columns: parseColumns(options.columns),
          reveal: Boolean(options.reveal),
          file: chosenFile(engine, target.out, 'write'),
          ...target.input,
        }),
      )) as ExportResult;
      printResult(mode, result, () => `Exported ${formatNumber(result.rows)} customers to ${result.file}`);
    },
    () => {
      parseColumns(options.columns);
      archiveTarget(options.out, options.archive);
    },
  );
}
