import { AppError } from '../../shared/errors';
import { getJob, listJobs } from '../db/jobs-repo';
import type { HandlerMap } from '../router';

export const jobsHandlers = {
  'jobs.list': (_input, ctx) => ({ jobs: listJobs(ctx.workspace().db) }),
  'jobs.get': (input, ctx) => {
    const job = getJob(ctx.workspace().db, input.jobId);
    if (!job) throw new AppError('not-found', `There is no job ${input.jobId}.`, { field: 'jobId' });
    return job;
  },
  'jobs.cancel': (input, ctx) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),
} satisfies Partial<HandlerMap>;
