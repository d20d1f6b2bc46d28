import type { Engine } from '../../src/engine';
import type { EventName, JobKind } from '../../src/shared/contract';

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
