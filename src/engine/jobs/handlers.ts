import { AppError } from '../../shared/errors';
import { getJob, listJobs } from '../db/jobs-repo';
import type { HandlerMap } from '../kernel/handler-types';

export const jobsHandlers = {
  'jobs.list': (_input, ctx) => ({ jobs: listJobs(ctx.workspace().db).map((job) => ctx.jobs.live(job.id) ?? job) }),
  'jobs.get': (input, ctx) => {
    const job = ctx.jobs.live(input.jobId) ?? getJob(ctx.workspace().db, input.jobId);
    if (!job) throw new AppError('not-found', `There is no job ${input.jobId}.`, { field: 'jobId' });
    return job;
  },
  'jobs.cancel': (input, ctx) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),
} satisfies Partial<HandlerMap>;
