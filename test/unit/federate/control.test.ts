import { describe, expect, it } from 'vitest';
import { createJobControl } from '../../../src/engine/jobs/control';

describe('a job control’s agreement flag', () => {
  it('reads the second shared flag, separate from cancel, and is false for a one-flag buffer', () => {
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const control = createJobControl(flags, () => undefined);
    expect(control.agreed?.()).toBe(false);
    Atomics.store(flags, 1, 1);
    expect(control.agreed?.()).toBe(true);
    expect(() => control.checkCancelled()).not.toThrow();
    expect(createJobControl(new Int32Array(new SharedArrayBuffer(4)), () => undefined).agreed?.()).toBe(false);
  });
});

describe('a job control’s throttle', () => {
  it('never drops a federation update (the invitations may follow the start within milliseconds)', () => {
    const sent: string[] = [];
    const control = createJobControl(new Int32Array(new SharedArrayBuffer(8)), (u) => sent.push(u.stage), 100, () => 5);
    const federation = { role: 'coordinator' as const, phase: 'joining' as const, round: 0, rounds: 3, participants: [], spec: null, coordinator: null };
    control.progress({ fraction: 0.1, stage: 'a', message: '' });
    control.progress({ fraction: 0.1, stage: 'b', message: '' });
    control.progress({ fraction: 0.1, stage: 'c', message: '', federation });
    expect(sent).toEqual(['a', 'c']);
  });
});
