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
