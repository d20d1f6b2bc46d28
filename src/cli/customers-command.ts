import type { Command } from 'commander';
import type { Engine } from '../engine';
import { customerColumns, defaultExportColumns, type CustomerColumn, type ExportResult } from '../shared/customer-schemas';
import { AppError } from '../shared/errors';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

export type CustomersExportOptions = GlobalOptions & { out: string; columns?: string; reveal?: boolean };

/** Adds `customers erase` and `customers export` to the program; `withGlobals` adds --workspace and --json. */
export function registerCustomersCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const customers = program.command('customers').description('erase one customer, or export customers as CSV');
  withGlobals(
    customers
      .command('erase')
      .description('erase a customer and everything derived from them (orders, lines, reviews, campaign results)')
      .argument('<id>', 'the customer id as imported (for example 17850)'),
  ).action((id: string, opts: GlobalOptions) => eraseCommand(id, opts));
  withGlobals(
    customers
      .command('export')
      .description('write customers with their figures to a CSV file (names, e-mails and phones masked unless --reveal)')
      .requiredOption('--out <file>', 'the CSV file to write')
      .option('--columns <list>', `comma-separated columns (default ${defaultExportColumns.join(',')})`)
      .option('--reveal', 'write real names, e-mails and phones (recorded in the audit log)'),
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

async function eraseCommand(externalId: string, options: GlobalOptions): Promise<void> {
  const precheck = (): void => {
    if (externalId.trim() === '' || externalId.length > 500) {
      throw new AppError('bad-input', 'ID must be the customer id as imported, for example 17850.', { field: 'id' });
    }
  };
  await withEngine(
    options,
    async (engine, mode) => {
      const id = await resolveCustomer(engine, externalId);
      const result = await call(engine, 'customers.erase', { id });
      printResult(mode, result, () =>
        [
          `Erased customer ${result.customerId} and everything derived from them:`,
          table([
            ['Orders', formatNumber(result.orders)],
            ['Order lines', formatNumber(result.orderLines)],
            ['Reviews', formatNumber(result.reviews)],
            ['Campaign results', formatNumber(result.campaignResults)],
          ]),
        ].join('\n'),
      );
    },
    precheck,
  );
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
      const result = (await runJob(engine, () =>
        call(engine, 'customers.export', {
          columns: parseColumns(options.columns),
          reveal: Boolean(options.reveal),
          file: chosenFile(engine, options.out, 'write'),
        }),
      )) as ExportResult;
      printResult(mode, result, () => `Exported ${formatNumber(result.rows)} customers to ${result.file}`);
    },
    () => void parseColumns(options.columns),
  );
}
