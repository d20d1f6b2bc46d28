import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../../src/shared/contract';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT, IPC_INVOKE } from '../../../src/shared/ipc-names';
import * as wire from '../../../src/shared/wire';

describe('the preload name lists', () => {
  it('name exactly the contract channels, each once', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...channelNames].sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });

  it('name exactly the contract events, each once', () => {
    expect([...EVENT_NAMES].sort()).toEqual([...eventNames].sort());
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('use the same IPC channel names as wire.ts', () => {
    expect(IPC_INVOKE).toBe(wire.IPC_INVOKE);
    expect(IPC_EVENT).toBe(wire.IPC_EVENT);
  });
});
