import path from 'node:path';
import { statInput } from '../ingest/source';
import type { HandlerMap } from '../kernel/handler-types';

/** The federate.simulate channel: a file split into offices and federated in-process (nothing is stored). */
export const federateSimulateHandlers = {
  'federate.simulate': (input, ctx) => {
    const file = ctx.files.resolve(input.file, 'read', 'file');
    statInput(file);
    // The job only reads the file and reports figures, so it may run beside other jobs.
    const job = ctx.jobs.start('federate.simulate', `Simulate a federation on ${path.basename(file)}, split by ${input.splitBy}`, { ...input, file });
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;
