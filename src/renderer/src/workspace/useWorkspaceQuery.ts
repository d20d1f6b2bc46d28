import { useEffect, useRef } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useWorkspace } from './useWorkspace';

/** A query about the open workspace's data: refetched whenever the workspace or its data changes. */
export function useWorkspaceQuery<K extends Channel>(channel: K, input: ChannelInput<K>): ApiQuery<ChannelOutput<K>> {
  const { revision } = useWorkspace();
  const query = useApiQuery(channel, input);
  const { refetch } = query;
  const seen = useRef(revision);
  useEffect(() => {
    if (seen.current === revision) return;
    seen.current = revision;
    refetch();
  }, [revision, refetch]);
  return query;
}
