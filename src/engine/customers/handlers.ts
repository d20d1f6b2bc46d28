import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { HandlerMap } from '../router';
import { readCustomer360 } from './customer-360-repo';
import { readCustomerPage } from './customers-repo';
import { healthReport } from './health';
import { eraseCustomer, revealCustomer } from './privacy-repo';
import { deleteView, listViews, saveView } from './views-repo';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local calendar day as YYYY-MM-DD (what "today" means to the user). */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `<workspace>/exports/customers-YYYYMMDD-HHMMSS.csv` in local time, numbered when that name is taken. */
export function defaultExportFile(workspaceDir: string, now = new Date()): string {
  const dir = path.join(workspaceDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = `${localDay(now).replace(/-/g, '')}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  for (let i = 1; ; i++) {
    const file = path.join(dir, `customers-${stamp}${i === 1 ? '' : `-${i}`}.csv`);
    if (!fs.existsSync(file)) return file;
  }
}

/** Refuses a target the export could not write, before a job starts. */
function checkExportTarget(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('not-found', `The folder ${dir} does not exist. Choose an existing folder for the export.`, { file, field: 'file' });
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new AppError('bad-input', `${file} is a folder. Give a file name such as customers.csv.`, { file, field: 'file' });
  }
}

function refuseWhileJobRuns(activeCount: number, what: string): void {
  if (activeCount > 0) throw new AppError('conflict', `A job is running in this workspace. ${what} when it has finished, or cancel it.`);
}

export const customersHandlers = {
  'customers.page': (input, ctx) => readCustomerPage(ctx.workspace().db, input),
  'customers.get': (input, ctx) => readCustomer360(ctx.workspace().db, input.id),
  'customers.reveal': (input, ctx) => revealCustomer(ctx.workspace().db, input.id),
  'customers.erase': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs.activeCount, 'Erase the customer');
    const result = eraseCustomer(ctx.workspace().db, input.id);
    ctx.emit('workspace.changed', { path: ctx.workspace().dir, reason: 'data' });
    return result;
  },
  'customers.export': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs.activeCount, 'Start the export');
    const file = input.file ? path.resolve(input.file) : defaultExportFile(ctx.workspace().dir);
    checkExportTarget(file);
    const job = ctx.jobs.start('customers.export', `Export customers to ${path.basename(file)}`, {
      view: input.view,
      columns: input.columns,
      reveal: input.reveal,
      file,
    });
    return { jobId: job.id };
  },
  'views.list': (_input, ctx) => ({ views: listViews(ctx.workspace().db) }),
  'views.save': (input, ctx) => saveView(ctx.workspace().db, input),
  'views.delete': (input, ctx) => ({ deleted: deleteView(ctx.workspace().db, input.name) }),
  'health.report': (_input, ctx) => healthReport(ctx.workspace().db, localDay(new Date())),
} satisfies Partial<HandlerMap>;
