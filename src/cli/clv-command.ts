import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ClvFit } from '../shared/clv-schemas';
import type { Engine } from '../engine';
import { AppError } from '../shared/errors';
import { withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { formatNumber, printResult, table } from './output';

type SourceOptions = GlobalOptions & { summary?: string; model: string; calibrationEnd?: string; unit: string };
type PredictOptions = SourceOptions & { horizon: string; out: string; discountRate: string; discountPer: string };

/** Adds `clv fit` and `clv predict`; `withGlobals` adds --workspace and --json. */
export function registerClvCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const clv = program.command('clv').description('customer lifetime value: BG/NBD or Pareto/NBD purchases, Gamma-Gamma spend');
  const withSource = (cmd: Command): Command =>
    withGlobals(
      cmd
        .option('--summary <file>', 'a summary CSV (x/frequency, t_x/recency, T, optional monetary_value) instead of the workspace')
        .option('--model <name>', 'bgnbd or pareto', 'bgnbd')
        .option('--calibration-end <date>', 'last day (YYYY-MM-DD) of the period to fit on (default: the latest sale)')
        .option('--unit <unit>', 'time unit of the summary: days or weeks', 'weeks'),
    );
  withSource(clv.command('fit').description('fit the purchase and spend models and print their parameters')).action((opts: SourceOptions) => fitCommand(opts));
  withSource(
    clv
      .command('predict')
      .description('write P(alive), expected purchases and CLV per customer to a CSV file')
      .requiredOption('--horizon <months>', 'horizon in months (1 to 600)')
      .requiredOption('--out <file>', 'the CSV file to write')
      .option('--discount-rate <rate>', 'discount rate per period, 0.01 = 1 %', '0.01')
      .option('--discount-per <period>', 'month or year', 'month'),
  ).action((opts: PredictOptions) => predictCommand(opts));
}

function source(options: SourceOptions) {
  const model = options.model;
  if (model !== 'bgnbd' && model !== 'pareto') throw new AppError('bad-input', `--model takes bgnbd or pareto, not "${model}".`, { field: 'model' });
  const unit = options.unit;
  if (unit !== 'days' && unit !== 'weeks') throw new AppError('bad-input', `--unit takes days or weeks, not "${unit}".`, { field: 'unit' });
  if (options.calibrationEnd !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.calibrationEnd)) {
    throw new AppError('bad-input', `--calibration-end takes a date as YYYY-MM-DD, not "${options.calibrationEnd}".`, { field: 'calibrationEnd' });
  }
  return {
    model,
    unit,
    ...(options.calibrationEnd !== undefined ? { calibrationEnd: options.calibrationEnd } : {}),
  } as const;
}

/** The summary file typed on the command line, as a handle the engine resolves. */
const withSummary = (engine: Engine, options: SourceOptions) =>
  options.summary !== undefined ? { ...source(options), summaryFile: chosenFile(engine, options.summary, 'read') } : source(options);

function describeFit(fit: ClvFit): string {
  const params = Object.entries(fit.params).map(([k, v]) => [k, formatNumber(v, 4)] as [string, string]);
  const spend = fit.spend ? (Object.entries(fit.spend).map(([k, v]) => [`spend ${k}`, formatNumber(v, 4)]) as Array<[string, string]>) : [];
  return [
    table([
      ['Model', fit.model === 'pareto' ? 'Pareto/NBD' : 'BG/NBD'],
      ...params,
      ['Log-likelihood', formatNumber(fit.logLikelihood, 2)],
      ['Customers', formatNumber(fit.customers)],
      ['Repeat customers', formatNumber(fit.repeatCustomers)],
      ...spend,
    ]),
    ...(fit.spendNote ? [fit.spendNote] : []),
    ...(fit.correlation ? [fit.correlation.message] : []),
    ...(fit.converged ? [] : ['The optimiser stopped before it was sure of the maximum; treat the parameters with care.']),
  ].join('\n');
}

async function fitCommand(options: SourceOptions): Promise<void> {
  await withEngine(
    options,
    async (engine, mode) => {
      const fit = await call(engine, 'clv.fit', withSummary(engine, options));
      printResult(mode, fit, () => describeFit(fit));
    },
    () => void source(options),
  );
}

function parseHorizon(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > 600) {
    throw new AppError('bad-input', `--horizon takes a whole number of months from 1 to 600, not "${raw}".`, { field: 'horizon' });
  }
  return n;
}

function parseDiscount(options: PredictOptions): { discountRate: number; discountPer: 'month' | 'year' } {
  const rate = Number(options.discountRate);
  if (options.discountRate.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 10) {
    throw new AppError('bad-input', `--discount-rate takes a number from 0 to 10 (0.01 = 1 %), not "${options.discountRate}".`, { field: 'discountRate' });
  }
  if (options.discountPer !== 'month' && options.discountPer !== 'year') {
    throw new AppError('bad-input', `--discount-per takes month or year, not "${options.discountPer}".`, { field: 'discountPer' });
  }
  return { discountRate: rate, discountPer: options.discountPer };
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function predictCommand(options: PredictOptions): Promise<void> {
  const check = (): void => {
    source(options);
    parseHorizon(options.horizon);
    parseDiscount(options);
    const dir = path.dirname(path.resolve(options.out));
    if (!fs.existsSync(dir)) throw new AppError('not-found', `The folder ${dir} does not exist. Choose an existing folder for --out.`, { field: 'out' });
  };
  await withEngine(
    options,
    async (engine, mode) => {
      const result = await call(engine, 'clv.predict', { ...withSummary(engine, options), horizon: parseHorizon(options.horizon), ...parseDiscount(options) });
      const file = path.resolve(options.out);
      const lines = [
        'id,pAlive,expectedPurchases,clv,nextOrderDate',
        ...result.rows.map((r) => [cell(r.id), cell(r.pAlive), cell(r.expectedPurchases), cell(r.clv), cell(r.nextOrderDate)].join(',')),
      ];
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const summary = {
        file,
        rows: result.rows.length,
        model: result.fit.model,
        horizon: result.horizon,
        monthlyDiscountRate: result.monthlyDiscountRate,
        totalClv: result.rows.some((r) => r.clv !== null) ? result.rows.reduce((s, r) => s + (r.clv ?? 0), 0) : null,
      };
      printResult(mode, summary, () =>
        `Wrote ${formatNumber(summary.rows)} customers to ${file}${summary.totalClv === null ? ' (no spend data: CLV left empty)' : `; total CLV over ${summary.horizon} months ${formatNumber(summary.totalClv, 2)}`}`,
      );
    },
    check,
  );
}
