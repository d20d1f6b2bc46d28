import type { UtilityProcess } from 'electron';
import type { EngineProcess } from './engine-supervisor';

type Readable = { on(event: 'data', listener: (chunk: unknown) => void): unknown } | null;

/** The parts of Electron's UtilityProcess the adapter uses. */
export type UtilityChild = Pick<UtilityProcess, 'postMessage' | 'kill' | 'on'> & { stdout: Readable; stderr: Readable };

/**
 * Adapts a UtilityProcess to the supervisor's EngineProcess. With `stdio: 'pipe'` somebody must read the
 * engine's output or its writes eventually block, so it is copied to main's stderr, one prefixed line at a time.
 */
export function adaptUtilityProcess(child: UtilityChild, write: (text: string) => void = (text) => process.stderr.write(text)): EngineProcess {
  const forward = (stream: Readable): void => {
    let partial = '';
    stream?.on('data', (chunk) => {
      const lines = (partial + String(chunk)).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) write(`[engine] ${line}\n`);
    });
  };
  forward(child.stdout);
  forward(child.stderr);
  return {
    send: (message) => child.postMessage(message),
    kill: () => {
      child.kill();
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', listener);
    },
  };
}
