import { use } from 'react';
import { WorkspaceContext, type WorkspaceState } from './WorkspaceProvider';

export function useWorkspace(): WorkspaceState {
  const state = use(WorkspaceContext);
  if (!state) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return state;
}
