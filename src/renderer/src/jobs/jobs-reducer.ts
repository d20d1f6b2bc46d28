import type { EventPayload, JobInfo } from '../../../shared/contract';

/** A job as the tray shows it: the stored record plus the live throughput figures of its latest progress event. */
export type JobView = JobInfo & {
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  /** The user asked to cancel and the engine has not confirmed yet. */
  cancelRequested: boolean;
};

export type JobsState = Record<string, JobView>;

export type JobsAction =
  | { type: 'loaded'; jobs: JobInfo[] }
  | { type: 'upsert'; job: JobInfo }
  | { type: 'progress'; payload: EventPayload<'job.progress'> }
  | { type: 'done'; payload: EventPayload<'job.done'>; at: string }
  | { type: 'failed'; payload: EventPayload<'job.failed'>; at: string }
  | { type: 'cancelRequested'; jobId: string; requested: boolean };

const fromInfo = (job: JobInfo, previous?: JobView): JobView => ({
  ...job,
  rowsPerSecond: job.status === 'running' ? (previous?.rowsPerSecond ?? null) : null,
  etaSeconds: job.status === 'running' ? (previous?.etaSeconds ?? null) : null,
  cancelRequested: job.status === 'running' ? (previous?.cancelRequested ?? false) : false,
});

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'loaded': {
      const next: JobsState = {};
      for (const job of action.jobs) next[job.id] = fromInfo(job, state[job.id]);
      // Keep jobs that started after the list was read.
      for (const job of Object.values(state)) if (!next[job.id] && job.status === 'running') next[job.id] = job;
      return next;
    }
    case 'upsert':
      return { ...state, [action.job.id]: fromInfo(action.job, state[action.job.id]) };
    case 'progress': {
      const job = state[action.payload.jobId];
      if (!job || job.status !== 'running') return state;
      const { fraction, stage, message, rowsPerSecond, etaSeconds } = action.payload;
      // Streamed text alone (a language model writing) changes nothing the jobs list shows: no new state, no re-render.
      if (action.payload.preview !== undefined && fraction === job.fraction && stage === job.stage && message === job.message) return state;
      return { ...state, [job.id]: { ...job, fraction, stage, message, rowsPerSecond, etaSeconds } };
    }
    case 'done': {
      const job = state[action.payload.jobId];
      if (!job) return state;
      return {
        ...state,
        [job.id]: { ...fromInfo({ ...job, status: 'done', fraction: 1, finishedAt: action.at, result: action.payload.result }) },
      };
    }
    case 'failed': {
      const job = state[action.payload.jobId];
      if (!job) return state;
      const status = action.payload.error.code === 'cancelled' ? 'cancelled' : 'failed';
      return { ...state, [job.id]: fromInfo({ ...job, status, finishedAt: action.at, error: action.payload.error }) };
    }
    case 'cancelRequested': {
      const job = state[action.jobId];
      if (!job || job.status !== 'running') return state;
      return { ...state, [job.id]: { ...job, cancelRequested: action.requested } };
    }
  }
}

/** Running jobs first, then the most recent. */
export const sortJobs = (state: JobsState): JobView[] =>
  Object.values(state).sort((a, b) => {
    if ((a.status === 'running') !== (b.status === 'running')) return a.status === 'running' ? -1 : 1;
    return b.createdAt.localeCompare(a.createdAt);
  });
