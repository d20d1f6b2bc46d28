import { AppError } from '../../shared/errors';
import type { HandlerMap } from '../kernel/handler-types';
import { describeWorkspace } from '../workspace/describe';

export const demoHandlers = {
  'demo.generate': (input, ctx) => {
    if (!describeWorkspace(ctx.workspace()).isEmpty) {
      throw new AppError(
        'conflict',
        'This workspace already holds data. Demo data goes into an empty workspace: create a new one from the workspace switcher (or pass --workspace with a new folder).',
      );
    }
    if (ctx.jobs.activeCount > 0) {
      throw new AppError('conflict', 'Another job is writing to this workspace. Wait for it to finish or cancel it first.');
    }
    const job = ctx.jobs.start('demo.generate', `Demo shop with ${input.customers.toLocaleString('en')} customers`, input);
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;
