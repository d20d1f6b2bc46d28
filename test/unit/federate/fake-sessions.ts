import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { AppError } from '../../../src/shared/errors';
import type { FederationMessage } from '../../../src/shared/federate-schemas';
import type { CoordinatorOptions, CoordinatorSession, CoordinatorState, OfficeOptions, OfficeSession, Outgoing } from '../../../src/engine/federate/protocol';

/**
 * Stand-ins for the protocol's sessions, to prove the transports on their own: each round every office sends
 * [its row count, 1] and the coordinator sums them, so after the last round the weights are [total rows, offices].
 * They keep the real message shapes and the same duties (token check, drop restarts the round without the office).
 */

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const vec = (values: number[]): string => Buffer.from(new Float32Array(values).buffer).toString('base64');
const unvec = (text: string): Float32Array => {
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
};
const encoding = { numeric: [], categorical: [], width: 2 };

export type FakeCoordinator = CoordinatorSession & { drops: string[]; received: Array<{ from: string; type: string }> };

export function fakeCoordinator(options: CoordinatorOptions): FakeCoordinator {
  const { spec } = options;
  const state: CoordinatorState = {
    phase: 'joining',
    spec,
    participants: options.invitations.map((i) => ({ officeId: i.officeId, name: i.name, rows: null, state: 'invited' })),
    round: 0,
    attempt: 1,
    history: [],
    epsilon: null,
  };
  let weights = new Float32Array(2);
  let updates = new Map<string, Float32Array>();
  const drops: string[] = [];
  const received: FakeCoordinator['received'] = [];
  const participant = (id: string) => {
    const p = state.participants.find((x) => x.officeId === id);
    if (!p) throw new AppError('bad-input', `Unknown office ${id}.`);
    return p;
  };
  const active = () => state.participants.filter((p) => p.state !== 'dropped' && p.state !== 'invited');
  const startRound = (): Outgoing[] => {
    updates = new Map();
    const ids = active().map((p) => p.officeId);
    for (const p of active()) p.state = 'training';
    return ids.map((to) => ({ to, message: { type: 'round', round: state.round, attempt: state.attempt, participants: ids, weights: vec([...weights]) } }));
  };
  const fail = (why: string): Outgoing[] => {
    state.phase = 'failed';
    return active().map((p) => ({ to: p.officeId, message: { type: 'failed', message: why } }));
  };
  return {
    drops,
    received,
    encoding: null,
    get state() {
      return state;
    },
    receive(from, message: FederationMessage): Outgoing[] {
      received.push({ from, type: message.type });
      const p = participant(from);
      if (message.type === 'join') {
        const invitation = options.invitations.find((i) => i.officeId === from);
        if (invitation?.token !== message.token) throw new AppError('bad-input', 'The invitation token does not match.');
        p.state = 'joined';
        return [
          {
            to: from,
            message: {
              type: 'welcome',
              spec,
              officeId: from,
              coordinatorBoxKey: b64(x25519.getPublicKey(new Uint8Array(Buffer.from(options.boxKey, 'base64')))),
              coordinatorSignKey: b64(ed25519.getPublicKey(new Uint8Array(Buffer.from(options.signKey, 'base64')))),
            },
          },
        ];
      }
      if (message.type === 'stats') {
        p.rows = message.stats.rows;
        p.state = 'ready';
        state.phase = 'stats';
        if (state.participants.some((x) => x.state !== 'ready' && x.state !== 'dropped')) return [];
        state.phase = 'training';
        state.round = 1;
        const participants = active().map((x) => ({ officeId: x.officeId, name: x.name, rows: x.rows ?? 0, maskKey: b64(new Uint8Array(32)) }));
        const totalRows = participants.reduce((s, x) => s + x.rows, 0);
        const plans: Outgoing[] = participants.map((x) => ({ to: x.officeId, message: { type: 'plan', encoding, participants, weights: vec([0, 0]), totalRows } }));
        return [...plans, ...startRound()];
      }
      if (message.type === 'update') {
        if (message.round !== state.round || message.attempt !== state.attempt) return [];
        updates.set(from, unvec(message.vector));
        p.state = 'sent';
        if (active().some((x) => !updates.has(x.officeId))) return [];
        weights = new Float32Array(2);
        for (const u of updates.values()) for (let k = 0; k < 2; k++) weights[k] = (weights[k] ?? 0) + (u[k] ?? 0);
        state.history.push({ round: state.round, offices: updates.size, rows: weights[0] ?? 0, trainLoss: null });
        if (state.round >= spec.rounds) {
          state.phase = 'done';
          return active().map((x) => ({ to: x.officeId, message: { type: 'done', weights: vec([...weights]), rounds: state.round, epsilon: null } }));
        }
        state.round += 1;
        state.attempt = 1;
        return startRound();
      }
      throw new AppError('bad-input', `Unexpected ${message.type}.`);
    },
    drop(officeId) {
      drops.push(officeId);
      participant(officeId).state = 'dropped';
      if (state.participants.filter((x) => x.state !== 'dropped').length < spec.minOffices) return fail('Too few offices are left.');
      if (state.phase !== 'training') return [];
      state.attempt += 1;
      return startRound();
    },
    result() {
      return state.phase === 'done' ? { weights, encoding } : null;
    },
  };
}

export type FakeOfficeHooks = { onRound?: (round: number) => void };

export function fakeOffice(options: OfficeOptions, hooks: FakeOfficeHooks = {}): OfficeSession {
  const rows = options.rows.rows.length;
  let officeId = '';
  const signKey = b64(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
  return {
    stats: null,
    get officeId() {
      return officeId || null;
    },
    signPublicKey: signKey,
    result: () => null,
    join: () => ({
      type: 'join',
      federationId: options.federationId,
      office: options.name,
      token: options.token,
      maskKey: b64(x25519.getPublicKey(x25519.utils.randomSecretKey())),
      signKey,
    }),
    async receive(message) {
      await new Promise((resolve) => setTimeout(resolve, 1)); // like training: the answer comes later
      if (message.type === 'welcome') {
        officeId = message.officeId;
        return [{ type: 'stats', officeId, stats: { rows, positives: 0, numeric: {}, categorical: {} } }];
      }
      if (message.type === 'round') {
        hooks.onRound?.(message.round);
        options.onProgress?.({ round: message.round, rounds: 0, stage: 'training', trainLoss: 0.5 });
        return [{ type: 'update', officeId, round: message.round, attempt: message.attempt, rows, vector: vec([rows, 1]), masked: false, trainLoss: 0.5 }];
      }
      return [];
    },
  };
}
