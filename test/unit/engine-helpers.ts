import path from 'node:path';
import { createEngine, type Engine } from '../../src/engine';
import type { EventName, JobKind } from '../../src/shared/contract';
import type { FileUse } from '../../src/shared/file-schemas';
import { tempDir } from './helpers';

/** Invokes a channel and returns its value, or throws with the error's code and message. */
export async function invokeValue<T>(engine: Engine, channel: string, input: unknown): Promise<T> {
  const reply = await engine.invoke(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

/** Resolves with the result of the next finished job of `kind`; rejects when one fails. Subscribe before starting it. */
export function nextJobDone<T>(engine: Engine, kind: JobKind): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const off = engine.onEvent((event: EventName, payload) => {
      const p = payload as { kind: JobKind; result?: unknown; error?: unknown };
      if (p.kind !== kind) return;
      if (event === 'job.done') {
        off();
        resolve(p.result as T);
      } else if (event === 'job.failed') {
        off();
        reject(new Error(JSON.stringify(p.error)));
      }
    });
  });
}

export type DemoEngine = {
  engine: Engine;
  /** The temp folder holding the workspace (`ws`) and app home (`home`); free for test files too. */
  root: string;
  value<T>(channel: string, input: unknown): Promise<T>;
  nextDone<T>(kind: JobKind): Promise<T>;
  close(): Promise<void>;
};

/** Resolves once no job of the engine is running (follow-up jobs such as the review analysis included). */
export async function jobsSettled(engine: Engine): Promise<void> {
  for (;;) {
    const { jobs } = await invokeValue<{ jobs: Array<{ status: string }> }>(engine, 'jobs.list', {});
    if (!jobs.some((j) => j.status === 'running')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A real engine on a fresh workspace in a temp folder, filled with a seeded demo shop through its job. */
export async function demoEngine(demo: { customers: number; seed: number }): Promise<DemoEngine> {
  const { dir: root, cleanup } = tempDir();
  const engine = await createEngine({ workspaceDir: path.join(root, 'ws'), home: path.join(root, 'home') });
  const done = nextJobDone(engine, 'demo.generate');
  await invokeValue(engine, 'demo.generate', demo);
  await done;
  // The demo's reviews are analysed by a job of their own (afterJobs): the shop is ready when it has finished.
  await jobsSettled(engine);
  return {
    engine,
    root,
    value: (channel, input) => invokeValue(engine, channel, input),
    nextDone: (kind) => nextJobDone(engine, kind),
    close: async () => {
      await engine.close();
      cleanup();
    },
  };
}

/** The handle a door would send for a file the user chose (a dialog, an upload, the command line). */
export const chosen = (engine: Engine, file: string, use: FileUse = 'read'): string => engine.grantFile(file, use).handle;
