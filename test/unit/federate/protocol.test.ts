import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { partyKeys } from '../../../src/engine/federate/package';
import { createCoordinator, createOffice } from '../../../src/engine/federate/protocol';
import { federationSpecSchema } from '../../../src/shared/federate-schemas';
import type { RawTable } from '../../../src/engine/ml/table';

const rows: RawTable = { columns: ['x', 'y'], rows: Array.from({ length: 40 }, (_, i) => [String(i % 7), i % 3 === 0 ? 'yes' : 'no']) };
const spec = (o: Record<string, unknown> = {}) =>
  federationSpecSchema.parse({ id: randomUUID(), name: 'T', source: { kind: 'file' }, target: 'y', positive: 'yes', features: [{ name: 'x', type: 'numeric' }], model: { hidden: [] }, rounds: 2, ...o });
const invitations = [
  { officeId: 'a', name: 'Office A', token: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
  { officeId: 'b', name: 'Office B', token: 'bbbbbbbbbbbbbbbbbbbbbbbb' },
];

describe('the coordinator state machine', () => {
  it('admits only invitation tokens of this federation, and starts when every invited office sent statistics', async () => {
    const s = spec();
    const keys = partyKeys();
    const c = createCoordinator({ spec: s, invitations, boxKey: keys.boxKey, signKey: keys.signKey });
    const a = createOffice({ federationId: s.id, name: 'Office A', token: invitations[0]?.token as string, rows });
    const stranger = createOffice({ federationId: s.id, name: 'Mallory', token: 'mmmmmmmmmmmmmmmmmmmmmmmm', rows });
    expect(() => c.receive('?', stranger.join())).toThrow(/invitation code is not valid/);
    const other = createOffice({ federationId: randomUUID(), name: 'Office A', token: invitations[0]?.token as string, rows });
    expect(() => c.receive('?', other.join())).toThrow(/another federation/);
    const [welcome] = c.receive('a', a.join());
    expect(welcome).toMatchObject({ to: 'a', message: { type: 'welcome', officeId: 'a', coordinatorBoxKey: keys.boxPublicKey, coordinatorSignKey: keys.signPublicKey } });
    const [stats] = await a.receive(welcome?.message as never);
    expect(stats).toMatchObject({ type: 'stats', officeId: 'a', stats: { rows: 40, positives: 14 } });
    expect(c.receive('a', stats as never)).toEqual([]); // B has not joined yet
    expect(() => c.receive('b', stats as never)).toThrow(/under another office id/);
    expect(c.state.participants.map((p) => [p.officeId, p.state, p.rows])).toEqual([['a', 'joined', 40], ['b', 'invited', null]]);
    // B never comes: the transport drops it, and with 1 office left (2 needed) the federation fails plainly.
    const out = c.drop('b');
    expect(c.state.phase).toBe('failed');
    expect(out).toEqual([{ to: 'a', message: { type: 'failed', message: expect.stringMatching(/Only 1 offices are left; this federation needs 2/) } }]);
  });

  it('reports ε after every round when the spec asks for differential privacy', async () => {
    const s = spec({ dp: { epsilon: 5 }, secure: true, rounds: 2 });
    const keys = partyKeys();
    const c = createCoordinator({ spec: s, invitations, boxKey: keys.boxKey, signKey: keys.signKey });
    const offices = invitations.map((i) => ({ id: i.officeId, o: createOffice({ federationId: s.id, name: i.name, token: i.token, rows }) }));
    const queue = offices.flatMap(({ id, o }) => c.receive(id, o.join()));
    const epsilons: number[] = [];
    while (queue.length > 0) {
      const out = queue.shift() as (typeof queue)[number];
      const office = offices.find((x) => x.id === out.to)?.o;
      for (const reply of (await office?.receive(out.message)) ?? []) {
        queue.push(...c.receive(out.to, reply));
        if (c.state.history.length > epsilons.length) epsilons.push(c.state.epsilon as number);
      }
    }
    expect(c.state.phase).toBe('done');
    expect(epsilons).toHaveLength(2);
    expect(epsilons[0]).toBeLessThan(epsilons[1] as number);
    expect(epsilons[1]).toBeCloseTo(5, 3);
    expect(offices[0]?.o.result()).toMatchObject({ rounds: 2, epsilon: expect.closeTo(5, 3) });
  });

  it('an office that drops after its update was in does not restart the round: the round completes, later rounds go without it', async () => {
    const s = spec({ secure: true, rounds: 2 });
    const keys = partyKeys();
    const three = [...invitations, { officeId: 'c', name: 'Office C', token: 'cccccccccccccccccccccccc' }];
    const c = createCoordinator({ spec: s, invitations: three, boxKey: keys.boxKey, signKey: keys.signKey });
    const offices = three.map((i) => ({ id: i.officeId, o: createOffice({ federationId: s.id, name: i.name, token: i.token, rows }) }));
    const queue = offices.flatMap(({ id, o }) => c.receive(id, o.join()));
    let dropped = false;
    while (queue.length > 0) {
      const out = queue.shift() as (typeof queue)[number];
      if (dropped && out.to === 'a') continue;
      const office = offices.find((x) => x.id === out.to)?.o;
      for (const reply of (await office?.receive(out.message)) ?? []) {
        queue.push(...c.receive(out.to, reply));
        if (!dropped && reply.type === 'update' && out.to === 'a') {
          dropped = true;
          expect(c.drop('a')).toEqual([]);
          expect(c.state.attempt).toBe(1);
        }
      }
    }
    expect(c.state.phase).toBe('done');
    expect(c.state.history.map((h) => h.offices)).toEqual([3, 2]);
    expect(c.state.attempt).toBe(1);
  });
});
