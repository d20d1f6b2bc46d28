import { createContext, use, useCallback, useState, type ReactNode } from 'react';
import { RecoveryKeyModal } from './RecoveryKeyModal';

type Shown = { workspaceName: string; recoveryKey: string };
const RecoveryKeyContext = createContext<((shown: Shown) => void) | null>(null);

/**
 * Shows a just-made recovery key above everything, so it survives the screen that asked for it (a create dialog
 * that closes, the lock screen giving way to the pages). The key is held in state only until "I have saved it".
 */
export function RecoveryKeyProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown>();
  const show = useCallback((next: Shown) => setShown(next), []);
  return (
    <RecoveryKeyContext value={show}>
      {children}
      <RecoveryKeyModal recoveryKey={shown?.recoveryKey} workspaceName={shown?.workspaceName ?? ''} onSaved={() => setShown(undefined)} />
    </RecoveryKeyContext>
  );
}

/** Shows a recovery key once, in a modal that only "I have saved it" closes. */
export function useShowRecoveryKey(): (shown: Shown) => void {
  const show = use(RecoveryKeyContext);
  if (!show) throw new Error('useShowRecoveryKey must be used inside <RecoveryKeyProvider>');
  return show;
}
