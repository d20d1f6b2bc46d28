import path from 'node:path';
import type { HandlerMap } from '../kernel/handler-types';
import { archivePath, planExport } from '../kernel/export-archive';
import { checkExportTarget, localDay, newExportPath, refuseWhileJobRuns } from '../kernel/exports';
import { readCustomer360 } from './customer-360-repo';
import { countCustomers, readCustomerPage } from './customers-repo';
import { eraseEverywhere, eraseLeftovers } from './erase';
import { auditMaskedQuery, revealCustomer } from './privacy-repo';
import { deleteView, listViews, saveView } from './views-repo';

export const customersHandlers = {
  'customers.page': (input, ctx) => {
    const page = readCustomerPage(ctx.workspace().db, input);
    // Recorded once per query (its first page), not for every page scrolled.
    if (input.offset === 0) auditMaskedQuery(ctx.workspace().db, input, 'explorer', page.total, page.totalCapped);
    return page;
  },
  'customers.count': (input, ctx) => {
    const total = countCustomers(ctx.workspace().db, input.view);
    // The exact number of people a masked search found is audited like the page that showed "10,000+".
    auditMaskedQuery(ctx.workspace().db, input.view, 'explorer', total);
    return { total };
  },
  'customers.get': (input, ctx) => readCustomer360(ctx.workspace().db, input.id),
  'customers.reveal': (input, ctx) => revealCustomer(ctx.workspace().db, input.id),
  'customers.erase': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Erase the customer');
    const result = eraseEverywhere(ctx.workspace(), input.id);
    ctx.emit('workspace.changed', { path: ctx.workspace().dir, reason: 'data' });
    return result;
  },
  'customers.eraseLeftovers': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Delete the files');
    return eraseLeftovers(ctx.workspace(), input.files);
  },
  'customers.export': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Start the export', { reading: true });
    const dir = ctx.workspace().dir;
    const chosen = input.file ? ctx.files.resolve(input.file, 'write', 'file') : newExportPath(dir, 'customers', input.archive ? '.zip' : '.csv');
    const file = input.archive ? archivePath(chosen) : chosen;
    checkExportTarget(file, 'customers.csv');
    const planned = planExport(dir, file, input.archive, '.csv');
    // A revealed export is audited in full by its job; a masked one still selected people by what the mask hides.
    if (!input.reveal) auditMaskedQuery(ctx.workspace().db, input.view, 'export', null);
    const job = ctx.jobs.start('customers.export', `Export customers to ${path.basename(file)}`, {
      view: input.view,
      columns: input.columns,
      reveal: input.reveal,
      file: planned.write,
      ...(planned.archive ? { archive: planned.archive } : {}),
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
