import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionInfo } from './transport';
import { useApi } from './useApi';

/** The live state of the link to the engine (always `open` in Electron). */
export function useConnection(): ConnectionInfo {
  const { transport } = useApi();
  const subscribe = useCallback((onChange: () => void) => transport.onConnectionChange(onChange), [transport]);
  return useSyncExternalStore(subscribe, transport.connection);
}
