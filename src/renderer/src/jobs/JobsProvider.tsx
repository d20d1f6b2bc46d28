import { notifications } from '@mantine/notifications';
import { createContext, useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobKind } from '../../../shared/contract';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiEvent } from '../api/useApiEvent';
import { useConnection } from '../api/useConnection';
import { jobsReducer, sortJobs, type JobView } from './jobs-reducer';

export type JobsContextValue = {
  jobs: JobView[];
  runningCount: number;
  /**
   * Registers a job this window just started, before its `job.started` event may have arrived. `inline`: the page
   * shows its outcome itself, so no notification pops up for it (until the page lets go with `detach`).
   */
  track: (jobId: string, options?: { inline?: boolean }) => void;
  /** The page that showed a job inline is gone: its end is notified again. */
  detach: (jobId: string) => void;
  cancel: (jobId: string) => Promise<void>;
  /** The newest running job of a kind, if any. */
  runningOf: (kind: JobKind) => JobView | undefined;
  get: (jobId: string) => JobView | undefined;
};

export const JobsContext = createContext<JobsContextValue | null>(null);

/** All background jobs of the open workspace, kept live from the job events. */
export function JobsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(jobsReducer, {});
  const inline = useRef(new Set<string>());

  const reload = useCallback(() => {
    api.invoke('jobs.list', {}).then(
      ({ jobs }) => dispatch({ type: 'loaded', jobs }),
      (error: unknown) => console.warn('Could not list jobs', error),
    );
  }, [api]);

  const fetchOne = useCallback(
    (jobId: string) => {
      api.invoke('jobs.get', { jobId }).then(
        (job) => dispatch({ type: 'upsert', job }),
        () => undefined,
      );
    },
    [api],
  );

  useEffect(reload, [reload]);
  useApiEvent('workspace.changed', (change) => {
    if (change.reason === 'opened') reload();
  });
  useApiEvent('engine.status', (status) => {
    if (status.state === 'restarted' || status.state === 'up') reload();
  });
  const { state: connection } = useConnection();
  const wasOpen = useRef(connection === 'open');
  useEffect(() => {
    if (connection === 'open' && !wasOpen.current) reload();
    wasOpen.current = connection === 'open';
  }, [connection, reload]);

  // Event listeners run through useEffectEvent, so they read the latest `state`.
  useApiEvent('job.started', (job) => dispatch({ type: 'upsert', job }));
  useApiEvent('job.progress', (payload) => {
    if (!state[payload.jobId]) fetchOne(payload.jobId);
    dispatch({ type: 'progress', payload });
  });
  useApiEvent('job.done', (payload) => {
    const title = state[payload.jobId]?.title ?? t('jobs.untitled');
    dispatch({ type: 'done', payload, at: new Date().toISOString() });
    if (inline.current.has(payload.jobId)) return;
    notifications.show({ color: 'teal', title: t('jobs.notify.doneTitle'), message: title });
  });
  useApiEvent('job.failed', (payload) => {
    const title = state[payload.jobId]?.title ?? t('jobs.untitled');
    dispatch({ type: 'failed', payload, at: new Date().toISOString() });
    if (inline.current.has(payload.jobId)) return;
    if (payload.error.code === 'cancelled') {
      notifications.show({ color: 'gray', title: t('jobs.notify.cancelledTitle'), message: title });
    } else {
      notifications.show({
        color: 'red',
        autoClose: false,
        title: t('jobs.notify.failedTitle', { title }),
        message: t('errors.withCode', { message: payload.error.message, code: payload.error.code }),
      });
    }
  });

  const track = useCallback(
    (jobId: string, options?: { inline?: boolean }) => {
      if (options?.inline) inline.current.add(jobId);
      fetchOne(jobId);
    },
    [fetchOne],
  );
  const detach = useCallback((jobId: string) => {
    inline.current.delete(jobId);
  }, []);

  const cancel = useCallback(
    async (jobId: string) => {
      dispatch({ type: 'cancelRequested', jobId, requested: true });
      try {
        const { cancelled } = await api.invoke('jobs.cancel', { jobId });
        if (!cancelled) fetchOne(jobId);
      } catch (reason) {
        dispatch({ type: 'cancelRequested', jobId, requested: false });
        const error = toApiError(reason);
        notifications.show({
          color: 'red',
          title: t('jobs.notify.cancelFailedTitle'),
          message: t('errors.withCode', { message: error.message, code: error.code }),
        });
      }
    },
    [api, fetchOne, t],
  );

  const value = useMemo<JobsContextValue>(() => {
    const jobs = sortJobs(state);
    return {
      jobs,
      runningCount: jobs.filter((job) => job.status === 'running').length,
      track,
      detach,
      cancel,
      runningOf: (kind) => jobs.find((job) => job.kind === kind && job.status === 'running'),
      get: (jobId) => state[jobId],
    };
  }, [state, track, detach, cancel]);

  return <JobsContext value={value}>{children}</JobsContext>;
}
