import { useEffect, useState } from 'react';
import type { FederationProgress } from '../../../shared/federate-schemas';
import { useApi } from '../api/useApi';
import { useApiEvent } from '../api/useApiEvent';

/**
 * A federation job's state: seeded from `jobs.get` (which also holds the coordinator's invitation codes, kept in
 * memory only), then updated by each `job.progress` (which carries no codes).
 */
export function useFederationProgress(jobId: string | null): FederationProgress | null {
  const api = useApi();
  const [state, setState] = useState<{ jobId: string | null; progress: FederationProgress | null }>({ jobId, progress: null });
  if (state.jobId !== jobId) setState({ jobId, progress: null });

  useEffect(() => {
    if (jobId === null) return;
    let live = true;
    api.invoke('jobs.get', { jobId }).then(
      (job) => {
        const seed = job.federation;
        if (!live || !seed) return;
        setState((current) => (current.jobId === jobId ? { jobId, progress: current.progress ? { ...seed, ...current.progress, invitations: seed.invitations } : seed } : current));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, jobId]);

  useApiEvent('job.progress', (payload) => {
    const next = payload.federation;
    if (payload.jobId !== jobId || !next) return;
    setState((current) =>
      current.jobId === jobId ? { jobId, progress: { ...next, invitations: next.invitations ?? current.progress?.invitations } } : current,
    );
  });

  return state.jobId === jobId ? state.progress : null;
}
