import type { EventName, EventPayload } from '../shared/contract';
import type { OpenedWorkspace } from './db/open-workspace';
import type { FileGrants } from './workspace/file-grants';
import type { JobRunner } from './jobs/runner';
import type { LoadedTf } from './ml/backend';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a handler can reach: the one open workspace, the job runner, events, chosen files, and the TensorFlow.js backend. */
export type EngineContext = {
  workspace(): OpenedWorkspace;
  switchWorkspace(dir: string, create: boolean): Promise<OpenedWorkspace>;
  jobs: JobRunner;
  emit: Emit;
  home: string;
  /** Where `workspace.open` by name finds and makes workspaces (beside the one the door started with). */
  workspacesHome: string;
  /** The files the user chose, behind handles: the only way a request reaches a path outside the workspace. */
  files: FileGrants;
  appVersion: string;
  tf(): Promise<LoadedTf>;
};
