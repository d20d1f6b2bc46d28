// The jobs list's reducer under a language model's streamed text (pure: no browser), with the renderer's own module.
import { expect, it } from 'vitest';
import { jobsReducer, type JobsState } from '../../../src/renderer/src/jobs/jobs-reducer';
import type { EventPayload } from '../../../src/shared/contract';

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

it('an update that only streams text keeps the same state, so the studio does not re-render', () => {
  expect(jobsReducer(running, progress({ preview: '{"text":"Hi' }))).toBe(running);
});

it('an update that moves the job on is taken, streamed text or not', () => {
  const next = jobsReducer(running, progress({ preview: '{"te', fraction: 0.32, message: 'variant 2 of 5' }));
  expect(next).not.toBe(running);
  expect(next.j1).toMatchObject({ fraction: 0.32, message: 'variant 2 of 5' });
  expect(jobsReducer(running, progress({})).j1?.etaSeconds).toBe(3);
});
