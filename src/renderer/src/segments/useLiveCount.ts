import { useEffect, useRef, useState } from 'react';
import type { SegmentCount, SegmentRule } from '../../../shared/segment-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useWorkspace } from '../workspace/useWorkspace';

/** How long the rule must stay unchanged before it is counted: typing does not send a request per key. */
export const COUNT_DEBOUNCE_MS = 150;

export type LiveCount = {
  data: SegmentCount | undefined;
  error: ApiError | undefined;
  /** A newer rule is waiting for its answer (the figures shown belong to an earlier one). */
  updating: boolean;
  /** The rule the figures shown were counted for (JSON). */
  countedKey: string | undefined;
};

/**
 * Counts the rule as it is edited: debounced, and every request numbered so a slow answer to an older rule never
 * overwrites a newer one. Recounts when the workspace's data changes.
 */
export function useLiveCount(rule: SegmentRule): LiveCount {
  const api = useApi();
  const { revision } = useWorkspace();
  const key = JSON.stringify(rule);
  const sequence = useRef(0);
  const [state, setState] = useState<Omit<LiveCount, 'updating'>>({ data: undefined, error: undefined, countedKey: undefined });
  const [pendingKey, setPendingKey] = useState<string | null>(key);

  useEffect(() => {
    const request = ++sequence.current;
    setPendingKey(key);
    const timer = window.setTimeout(() => {
      api
        .invoke('segments.count', { rule: JSON.parse(key) as SegmentRule })
        .then((data) => {
          if (request !== sequence.current) return;
          setState({ data, error: undefined, countedKey: key });
        })
        .catch((reason: unknown) => {
          if (request !== sequence.current) return;
          setState((previous) => ({ ...previous, error: toApiError(reason), countedKey: key }));
        })
        .finally(() => {
          if (request === sequence.current) setPendingKey(null);
        });
    }, COUNT_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [api, key, revision]);

  return { ...state, updating: pendingKey !== null };
}
