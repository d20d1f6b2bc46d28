import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { toApiError, type ApiError } from './api-error';
import { useApi } from './useApi';

export type ApiQuery<T> = {
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the first answer (or error) arrives; refetches keep showing the previous data. */
  loading: boolean;
  refreshing: boolean;
  refetch: () => void;
};

/** Loads one channel's output; the latest request wins when refetches overlap. */
export function useApiQuery<K extends Channel>(channel: K, input: ChannelInput<K>): ApiQuery<ChannelOutput<K>> {
  const api = useApi();
  const [data, setData] = useState<ChannelOutput<K>>();
  const [error, setError] = useState<ApiError>();
  const [inFlight, setInFlight] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const inputKey = JSON.stringify(input);

  useEffect(() => {
    const request = ++latest.current;
    setInFlight(true);
    api
      .invoke(channel, JSON.parse(inputKey) as ChannelInput<K>)
      .then((value) => {
        if (request !== latest.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (request !== latest.current) return;
        setError(toApiError(reason));
      })
      .finally(() => {
        if (request === latest.current) setInFlight(false);
      });
  }, [api, channel, inputKey, tick]);

  const refetch = useCallback(() => setTick((n) => n + 1), []);
  const loading = inFlight && data === undefined && error === undefined;
  return { data, error, loading, refreshing: inFlight && !loading, refetch };
}
