import type { EventName, EventPayload } from '../shared/contract';
import type { OpenedWorkspace } from './db/open-workspace';
import type { JobRunner } from './jobs/runner';
import type { LoadedTf } from './ml/backend';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a handler can reach: the one open workspace, the job runner, events, and the TensorFlow.js backend. */
export type EngineContext = {
  workspace(): OpenedWorkspace;
  switchWorkspace(dir: string, create: boolean): Promise<OpenedWorkspace>;
  jobs: JobRunner;
  emit: Emit;
  home: string;
  appVersion: string;
  tf(): Promise<LoadedTf>;
};
