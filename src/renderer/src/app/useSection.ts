import { useSyncExternalStore } from 'react';
import { sectionFromHash, subscribeToHash } from './navigation';
import type { SectionId } from './sections';

export function useSection(): SectionId {
  return useSyncExternalStore(subscribeToHash, () => sectionFromHash(window.location.hash));
}
