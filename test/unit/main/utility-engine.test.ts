import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { adaptUtilityProcess, type UtilityChild } from '../../../src/main/utility-engine';

function fakeUtilityProcess() {
  const child = Object.assign(new EventEmitter(), {
    postMessage: vi.fn(),
    kill: vi.fn(() => true),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
  });
  return child;
}

describe('adaptUtilityProcess', () => {
  it('sends with postMessage and passes on messages and the exit code', () => {
    const child = fakeUtilityProcess();
    const engine = adaptUtilityProcess(child as unknown as UtilityChild, () => {});
    engine.send({ type: 'shutdown' });
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'shutdown' });
    const messages: unknown[] = [];
    const exits: unknown[] = [];
    engine.onMessage((message) => messages.push(message));
    engine.onExit((code) => exits.push(code));
    child.emit('message', { type: 'ready', workspace: '/w' });
    child.emit('exit', 3);
    expect(messages).toEqual([{ type: 'ready', workspace: '/w' }]);
    expect(exits).toEqual([3]);
    engine.kill();
    expect(child.kill).toHaveBeenCalledTimes(1);
  });

  it("reads the engine's piped output and copies it out line by line, so the pipe never fills up", async () => {
    const child = fakeUtilityProcess();
    const written: string[] = [];
    adaptUtilityProcess(child as unknown as UtilityChild, (text) => written.push(text));
    child.stderr.write('[engine] slow request dashboard.summary: 300 ms\npartial ');
    child.stdout.write('line\n');
    child.stderr.write('rest\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual([
      '[engine] [engine] slow request dashboard.summary: 300 ms\n',
      '[engine] line\n',
      '[engine] partial rest\n',
    ]);
  });
});
