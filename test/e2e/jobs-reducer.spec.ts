// Pure tests of the jobs list's reducer under a language model's streamed text: no browser and no host are started.
import { expect, test } from '@playwright/test';
import type { EventPayload, JobInfo } from '../../src/shared/contract';

type JobView = JobInfo & { rowsPerSecond: number | null; etaSeconds: number | null; cancelRequested: boolean };
type JobsState = Record<string, JobView>;
type Reducer = (state: JobsState, action: { type: 'progress'; payload: EventPayload<'job.progress'> }) => JobsState;

// The renderer is not part of the Node type-check project, so the module is loaded at run time.
const REDUCER = '../../src/renderer/src/jobs/jobs-reducer';
let jobsReducer: Reducer;
test.beforeAll(async () => {
  ({ jobsReducer } = (await import(REDUCER)) as { jobsReducer: Reducer });
});

const running: JobsState = {
  j1: {
    id: 'j1', kind: 'copy.generate', title: 'Write 5 sms variants', status: 'running', fraction: 0.2, stage: 'Writing', message: 'variant 1 of 5',
    createdAt: '2026-11-28T20:00:00.000Z', finishedAt: null, error: null, rowsPerSecond: null, etaSeconds: null, cancelRequested: false,
  },
};
const progress = (extra: Partial<EventPayload<'job.progress'>>) => ({
  type: 'progress' as const,
  payload: { jobId: 'j1', kind: 'copy.generate' as const, fraction: 0.2, stage: 'Writing', message: 'variant 1 of 5', rowsPerSecond: null, etaSeconds: 3, ...extra },
});

test('an update that only streams text keeps the same state, so the studio does not re-render', () => {
  expect(jobsReducer(running, progress({ preview: '{"text":"Hi' }))).toBe(running);
});

test('an update that moves the job on is taken, streamed text or not', () => {
  const next = jobsReducer(running, progress({ preview: '{"te', fraction: 0.32, message: 'variant 2 of 5' }));
  expect(next).not.toBe(running);
  expect(next.j1).toMatchObject({ fraction: 0.32, message: 'variant 2 of 5' });
  expect(jobsReducer(running, progress({})).j1?.etaSeconds).toBe(3);
});
