import { useState } from 'react';
import { exportResultSchema } from '../../../shared/customer-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { exportDownloadUrl } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { useJobs } from '../jobs/useJobs';

/**
 * An export dialog's job: start it (`begin` calls the export channel with the chosen reveal), follow it inline,
 * read its result, and on close forget a finished one so the next opening starts fresh.
 */
export function useExportJob(begin: (reveal: boolean) => Promise<{ jobId: string }>, onClose: () => void, onReset?: () => void) {
  const api = useApi();
  const jobs = useJobs();
  const [reveal, setReveal] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const job = jobId ? jobs.get(jobId) : undefined;
  const parsed = job?.status === 'done' ? exportResultSchema.safeParse(job.result) : undefined;
  const result = parsed?.success ? parsed.data : undefined;
  const running = starting || job?.status === 'running';

  const start = async (): Promise<void> => {
    setStarting(true);
    setError(undefined);
    try {
      const { jobId: id } = await begin(reveal);
      setJobId(id);
      jobs.track(id, { inline: true });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setStarting(false);
    }
  };

  const close = (): void => {
    onClose();
    if (jobId) jobs.detach(jobId);
    // A finished export is shown once; the next opening starts fresh.
    if (!running) {
      setJobId(undefined);
      setError(undefined);
      setReveal(false);
      onReset?.();
    }
  };

  const download = result ? exportDownloadUrl(api.transport, result.fileName) : null;
  return { job, result, running, starting, error, reveal, setReveal, start, close, download };
}
