import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import type { EventName } from '../../../src/shared/contract';
import { tempDir } from '../helpers';
import { TELCO } from '../ml/telco';

// The federate.simulate channel and job through a real engine: it runs in a worker thread, reports progress round by
// round, and a cancel stops it before it finishes.
let engine: Engine;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), home: path.join(dir, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('federate.simulate job', () => {
  it('reports progress by round and stops when cancelled, without a result', async () => {
    const seen: Array<{ event: EventName; payload: Record<string, unknown> }> = [];
    const job = { id: '' };
    const ended = new Promise<void>((resolve) => {
      const off = engine.onEvent((event, payload) => {
        const p = payload as Record<string, unknown>;
        if (p.jobId !== job.id) return;
        seen.push({ event, payload: p });
        if (event === 'job.progress' && /Round \d+ of 50/.test(String(p.message))) void engine.invoke('jobs.cancel', { jobId: job.id });
        if (event === 'job.done' || event === 'job.failed') {
          off();
          resolve();
        }
      });
    });
    const reply = await engine.invoke('federate.simulate', { file: engine.grantFile(TELCO, 'read').handle, target: 'Churn', positive: 'Yes', splitBy: 'Contract', rounds: 50 });
    if (!reply.ok) throw new Error(reply.error.message);
    job.id = (reply.value as { jobId: string }).jobId;
    await ended;
    expect(seen.some((s) => s.event === 'job.progress' && /Round \d+ of 50/.test(String(s.payload.message)))).toBe(true);
    expect(seen.find((s) => s.event === 'job.failed')?.payload.error).toMatchObject({ code: 'cancelled' });
    expect(seen.some((s) => s.event === 'job.done')).toBe(false);
    // Stopped within a few rounds of the cancel, far from the 50 asked for.
    expect(seen.some((s) => /Round ([1-9]\d) of/.test(String(s.payload.message)))).toBe(false);
  }, 120_000);

  it('refuses a file that does not exist before starting a job', async () => {
    const reply = await engine.invoke('federate.simulate', { file: engine.grantFile(path.join(dir, 'nope.csv'), 'read').handle, target: 'Churn', splitBy: 'Contract' });
    expect(reply.ok).toBe(false);
  });
});
