import { createContext, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { WorkspaceInfo } from '../../../shared/contract';
import type { ApiError } from '../api/api-error';
import { useApiEvent } from '../api/useApiEvent';
import { useApiQuery } from '../api/useApiQuery';
import { useConnection } from '../api/useConnection';

export type WorkspaceState = {
  workspace: WorkspaceInfo | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refresh: () => void;
  /** Bumps whenever the workspace or its data may have changed; pages refetch when it does. */
  revision: number;
};

export const WorkspaceContext = createContext<WorkspaceState | null>(null);

/** The open workspace, kept fresh: on `workspace.changed`, after a finished job, an engine restart or a reconnect. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const query = useApiQuery('workspace.current', {});
  const [revision, setRevision] = useState(0);
  const { refetch } = query;
  const refresh = useCallback(() => {
    setRevision((n) => n + 1);
    refetch();
  }, [refetch]);

  useApiEvent('workspace.changed', refresh);
  useApiEvent('job.done', refresh);
  // A failed or cancelled job should leave nothing behind; re-read the workspace so the screen shows what it holds.
  useApiEvent('job.failed', refresh);
  useApiEvent('engine.status', (status) => {
    if (status.state === 'restarted' || status.state === 'up') refresh();
  });

  const { state } = useConnection();
  const wasOpen = useRef(state === 'open');
  useEffect(() => {
    if (state === 'open' && !wasOpen.current && query.data) refresh();
    wasOpen.current = state === 'open';
  }, [state, refresh, query.data]);

  return (
    <WorkspaceContext value={{ workspace: query.data, error: query.error, loading: query.loading, refresh, revision }}>
      {children}
    </WorkspaceContext>
  );
}
