import path from 'node:path';
import type { HandlerMap } from '../router';
import { checkExportTarget, localDay, newExportPath, refuseWhileJobRuns } from '../workspace/exports';
import { readCustomer360 } from './customer-360-repo';
import { readCustomerPage } from './customers-repo';
import { eraseCustomer, revealCustomer } from './privacy-repo';
import { deleteView, listViews, saveView } from './views-repo';

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
    const file = input.file ? path.resolve(input.file) : newExportPath(ctx.workspace().dir, 'customers', '.csv');
    checkExportTarget(file, 'customers.csv');
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
  // A job: at a million customers the report reads every table for seconds, which a request must not block.
  'customers.health': (_input, ctx) => ({
    jobId: ctx.jobs.start('customers.health', 'Checking the data health', { today: localDay(new Date()) }).id,
  }),
} satisfies Partial<HandlerMap>;
