import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { toApiError, type ApiError } from '../api/api-error';
import type { JobView } from './jobs-reducer';
import { useJobs } from './useJobs';

export type TrackedJob<T> = {
  /** Starts the job with `begin` (a contract call answering `{ jobId }`) and follows it inline. */
  start: (begin: () => Promise<{ jobId: string }>) => Promise<void>;
  starting: boolean;
  running: boolean;
  /** The engine refused to start it. */
  startError: ApiError | undefined;
  job: JobView | undefined;
  /** The finished job's result, read with its schema. */
  result: T | undefined;
  reset: () => void;
};

/** One background job a screen starts and shows itself (a campaign export, a results import, an uplift model, the data-health check). */
export function useTrackedJob<T>(resultSchema: z.ZodType<T>): TrackedJob<T> {
  const jobs = useJobs();
  const [jobId, setJobId] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError>();

  const { track, detach } = jobs;
  const start = useCallback(
    async (begin: () => Promise<{ jobId: string }>) => {
      setStarting(true);
      setStartError(undefined);
      setJobId(undefined);
      try {
        const { jobId: id } = await begin();
        setJobId(id);
        track(id, { inline: true });
      } catch (reason) {
        setStartError(toApiError(reason));
      } finally {
        setStarting(false);
      }
    },
    [track],
  );

  // Once the screen is gone, the job's end is notified like any other.
  useEffect(() => (jobId ? () => detach(jobId) : undefined), [jobId, detach]);

  const job = jobId ? jobs.get(jobId) : undefined;
  const parsed = job?.status === 'done' ? resultSchema.safeParse(job.result) : undefined;
  return {
    start,
    starting,
    running: starting || job?.status === 'running',
    startError,
    job,
    result: parsed?.success ? parsed.data : undefined,
    reset: () => {
      setJobId(undefined);
      setStartError(undefined);
    },
  };
}
