import path from 'node:path';
import { statInput } from '../ingest/source';
import type { HandlerMap } from '../kernel/handler-types';
import { columnValues, readCsvTable } from './table';

/** Channels of the ml domain: training on a table that stays outside the workspace. */
export const mlHandlers = {
  'model.trainTable': (input, ctx) => {
    const file = ctx.files.resolve(input.file, 'read', 'file');
    statInput(file);
    // The job only reads the file and reports metrics, so it may run beside other jobs.
    const job = ctx.jobs.start('model.trainTable', `Train a propensity model on ${path.basename(file)}`, { ...input, file });
    return { jobId: job.id };
  },
  'model.tableColumns': (input, ctx) => {
    const file = ctx.files.resolve(input.file, 'read', 'file');
    statInput(file);
    const table = readCsvTable(file);
    return { name: path.basename(file), rows: table.rows.length, columns: columnValues(table) };
  },
} satisfies Partial<HandlerMap>;
