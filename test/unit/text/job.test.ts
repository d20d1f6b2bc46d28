import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { tempDir } from '../helpers';
import { readLabelledSentences } from './sentences';

// The text.trainTable job through a real engine: it runs in a worker thread, streams progress by fold and can be
// cancelled.
let engine: Engine;
let dir: string;
let cleanup: () => void;
let file: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const { texts, labels } = readLabelledSentences();
  file = path.join(dir, 'sentences.csv');
  fs.writeFileSync(file, `text,label\n${texts.map((t, i) => `"${t.replaceAll('"', '""')}",${labels[i]}`).join('\n')}\n`);
  engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), home: path.join(dir, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('text.trainTable job', () => {
  it('stops when cancelled during the folds and reports cancelled, without a result', async () => {
    const seen: Array<{ event: string; payload: Record<string, unknown> }> = [];
    const job = { id: '', cancelled: false };
    const ended = new Promise<void>((resolve) => {
      const off = engine.onEvent((event, payload) => {
        const p = payload as Record<string, unknown>;
        // The job's first events can arrive before its id is known here (the reply comes after the job starts);
        // this engine runs no other job, so they are its events too.
        if (job.id !== '' && p.jobId !== job.id) return;
        seen.push({ event, payload: p });
        // Progress is throttled, so the first fold's own message may never come: cancel at the first fold seen.
        if (event === 'job.progress' && String(p.stage).includes('fold') && !job.cancelled) {
          job.cancelled = true;
          void engine.invoke('jobs.cancel', { jobId: String(p.jobId) });
        }
        if (event === 'job.done' || event === 'job.failed') {
          off();
          resolve();
        }
      });
    });
    const reply = await engine.invoke('text.trainTable', { file: engine.grantFile(file, 'read').handle, textColumn: 'text', target: 'label', folds: 10 });
    if (!reply.ok) throw new Error(reply.error.message);
    job.id = (reply.value as { jobId: string }).jobId;
    await ended;
    expect(seen.find((s) => s.event === 'job.failed')?.payload.error).toMatchObject({ code: 'cancelled' });
    expect(seen.some((s) => s.event === 'job.done')).toBe(false);
    const stages = new Set(seen.filter((s) => s.event === 'job.progress').map((s) => String(s.payload.stage)).filter((s) => s.includes('fold')));
    expect(stages.size).toBeLessThanOrEqual(2);
  }, 60_000);
});
