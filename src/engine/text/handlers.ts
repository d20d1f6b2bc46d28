import path from 'node:path';
import { statInput } from '../ingest/source';
import type { HandlerMap } from '../kernel/handler-types';

/** Channels of the text domain: training a text classifier on a table that stays outside the workspace. */
export const textHandlers = {
  'text.trainTable': (input, ctx) => {
    const file = ctx.files.resolve(input.file, 'read', 'file');
    statInput(file);
    // The job only reads the file and reports metrics, so it may run beside other jobs.
    const job = ctx.jobs.start('text.trainTable', `Train a text classifier on ${path.basename(file)}`, { ...input, file });
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;
