import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { importReportSchema, type ImportReport } from '../../../../shared/import-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import type { JobView } from '../../jobs/jobs-reducer';
import { useJobs } from '../../jobs/useJobs';

export type ImportJob = {
  start: (request: ChannelInput<'import.start'>) => Promise<void>;
  starting: boolean;
  /** The engine refused to start it (another job runs, the file went away…). */
  startError: ApiError | undefined;
  job: JobView | undefined;
  /** The finished job's report. */
  report: ImportReport | undefined;
  reset: () => void;
};

/** One import job (a dry run or the real one): started here, followed live through the job events. */
export function useImportJob(): ImportJob {
  const api = useApi();
  const jobs = useJobs();
  const [jobId, setJobId] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError>();

  const start = async (request: ChannelInput<'import.start'>): Promise<void> => {
    setStarting(true);
    setStartError(undefined);
    setJobId(undefined);
    try {
      const { jobId: id } = await api.invoke('import.start', request);
      setJobId(id);
      jobs.track(id, { inline: true });
    } catch (reason) {
      setStartError(toApiError(reason));
    } finally {
      setStarting(false);
    }
  };

  // Once the wizard is gone, the job's end is notified like any other.
  const { detach } = jobs;
  useEffect(() => (jobId ? () => detach(jobId) : undefined), [jobId, detach]);

  const job = jobId ? jobs.get(jobId) : undefined;
  const parsed = job?.status === 'done' ? importReportSchema.safeParse(job.result) : undefined;
  return {
    start,
    starting,
    startError,
    job,
    report: parsed?.success ? parsed.data : undefined,
    reset: () => {
      setJobId(undefined);
      setStartError(undefined);
    },
  };
}
