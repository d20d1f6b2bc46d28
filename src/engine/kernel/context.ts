import type * as TfModule from '@tensorflow/tfjs';
import type { EventName, EventPayload, TfInfo } from '../../shared/contract';
import type { JobQueue } from './jobs';
import type { OpenedWorkspace } from './workspace';
import type { FileGrants } from './file-grants';

export type Tf = typeof TfModule;
export type LoadedTf = { tf: Tf; info: TfInfo };

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a handler can reach: the one open workspace, the job runner, events, chosen files, and the TensorFlow.js backend. */
export type EngineContext = {
  workspace(): OpenedWorkspace;
  switchWorkspace(dir: string, create: boolean): Promise<OpenedWorkspace>;
  jobs: JobQueue;
  emit: Emit;
  home: string;
  /** Where `workspace.open` by name finds and makes workspaces (beside the one the door started with). */
  workspacesHome: string;
  /** The files the user chose, behind handles: the only way a request reaches a path outside the workspace. */
  files: FileGrants;
  appVersion: string;
  tf(): Promise<LoadedTf>;
};
