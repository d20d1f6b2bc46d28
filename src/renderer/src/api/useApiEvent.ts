import { useEffect, useEffectEvent } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract';
import { useApi } from './useApi';

/** Subscribes to a contract event for the component's lifetime; the listener always sees fresh props. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.on(event, (payload) => onEvent(payload)), [api, event]);
}
