import type * as TfModule from '@tensorflow/tfjs';
import type { EventName, EventPayload, JobInfo, TfInfo, WorkspaceInfo } from '../../shared/contract';
import type { UnlockSecret, WorkspaceSecurity } from '../../shared/security-schemas';
import type { JobQueue } from './jobs';
import type { OpenedWorkspace } from './workspace';
import type { FileGrants } from './file-grants';

export type Tf = typeof TfModule;
export type LoadedTf = { tf: Tf; info: TfInfo };

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The encrypted workspace's operations (engine.ts / workspace/holder.ts implement them). */
export type SecurityApi = {
  /** The folder of the encrypted workspace held locked (no passphrase yet), or null when one is open. */
  lockedDir(): string | null;
  /** The locked workspace as the doors show it (what can be known without its key). */
  describeLocked(): WorkspaceInfo;
  security(): Promise<WorkspaceSecurity>;
  unlock(secret: UnlockSecret, remember: boolean): Promise<OpenedWorkspace>;
  createEncrypted(dir: string, passphrase: string, remember: boolean): Promise<{ workspace: OpenedWorkspace; recoveryKey: string }>;
  startEncrypt(passphrase: string, remember: boolean): Promise<JobInfo>;
  startDecrypt(secret: UnlockSecret): Promise<JobInfo>;
  changePassphrase(current: UnlockSecret, next: string): Promise<void>;
  isEncrypted(): boolean;
};

/** What a handler can reach: the one open workspace, the job runner, events, chosen files, and the TensorFlow.js backend. */
export type EngineContext = {
  /** The open workspace; throws `workspace-encrypted` while an encrypted one waits for its passphrase. */
  workspace(): OpenedWorkspace;
  /** The folder of the workspace the engine holds, open or locked. */
  workspaceDir(): string;
  security: SecurityApi;
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
