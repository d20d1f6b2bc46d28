import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { partyKeys } from '../../../src/engine/federate/package';
import { createCoordinator, createOffice } from '../../../src/engine/federate/protocol';
import { fixedPointScale, maskKeyPair, maskUpdate, ringSum, toRing } from '../../../src/engine/federate/secure-aggregation';
import { inferFeatures, runInMemory } from '../../../src/engine/federate/simulate';
import { base64ToFloats, base64ToRing } from '../../../src/engine/federate/weights';
import { loadTf, type Tf } from '../../../src/engine/ml/backend';
import { createRng } from '../../../src/engine/ml/folds';
import { readCsvTable, selectRows, type RawTable } from '../../../src/engine/ml/table';
import { federationSpecSchema, type FederationMessage } from '../../../src/shared/federate-schemas';
import { TELCO } from '../ml/telco';

/** Kolmogorov–Smirnov distance of 32-bit integers (as fractions of 2^32) from the uniform distribution. */
function ksUniform(values: Uint32Array): number {
  const u = Float64Array.from(values, (v) => v / 2 ** 32).sort();
  let d = 0;
  u.forEach((x, i) => (d = Math.max(d, Math.abs((i + 1) / u.length - x), Math.abs(x - i / u.length))));
  return d;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - ma;
    const y = (b[i] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('pairwise masks in the ring of integers mod 2^32', () => {
  it('cancel exactly: the masked vectors of three offices sum, bit for bit, to the sum of their fixed-point updates', () => {
    const rng = createRng(5);
    const ids = ['office-1', 'office-2', 'office-3'];
    const keys = ids.map(() => maskKeyPair());
    const scale = fixedPointScale(3, 4);
    const updates = ids.map(() => Float32Array.from({ length: 1000 }, () => (rng() - 0.5) * 0.2));
    const rings = updates.map((u) => toRing(u, scale, 4).ring);
    const peers = ids.map((officeId, i) => ({ officeId, publicKey: (keys[i] as { publicKey: Uint8Array }).publicKey }));
    const context = { federationId: randomUUID(), round: 1, attempt: 1 };
    const masked = ids.map((officeId, i) => maskUpdate(rings[i] as Uint32Array, { officeId, secretKey: (keys[i] as { secretKey: Uint8Array }).secretKey }, peers, context));
    expect(Array.from(ringSum(masked, scale))).toEqual(Array.from(ringSum(rings, scale)));
    const truth = Float64Array.from({ length: 1000 }, (_, k) => updates.reduce((s, u) => s + (u[k] as number), 0));
    // Fixed point at 2^-27: the sum is the true sum to float precision (3 roundings of ½ / 2^27, then float32).
    let worst = 0;
    ringSum(masked, scale).forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (truth[k] as number)))));
    expect(worst).toBeLessThan(1e-7);
    expect(scale).toBe(2 ** 27);
    // A new attempt of the same round draws other masks.
    const again = maskUpdate(rings[0] as Uint32Array, { officeId: 'office-1', secretKey: (keys[0] as { secretKey: Uint8Array }).secretKey }, peers, { ...context, attempt: 2 });
    expect(Array.from(again.subarray(0, 8))).not.toEqual(Array.from((masked[0] as Uint32Array).subarray(0, 8)));
  });
});

describe('secure aggregation in the protocol (three Telco offices)', () => {
  let tf: Tf;
  let parts: Array<{ name: string; rows: RawTable }>;
  let features: ReturnType<typeof inferFeatures>;
  beforeAll(async () => {
    tf = (await loadTf()).tf;
    const table = readCsvTable(TELCO);
    const slice = selectRows(table, Array.from({ length: 1800 }, (_, i) => i));
    const j = table.columns.indexOf('Contract');
    parts = ['Month-to-month', 'One year', 'Two year'].map((name) => ({ name, rows: selectRows(slice, slice.rows.flatMap((r, i) => (r[j] === name ? [i] : []))) }));
    features = inferFeatures(table, ['Churn', 'customerID']);
  });

  /** One federation run; returns every update the coordinator received and the final weights. */
  async function run(secure: boolean, rounds: number, dropOffice?: { name: string; round: number }) {
    const spec = federationSpecSchema.parse({ id: randomUUID(), name: 'Test', source: { kind: 'file' }, target: 'Churn', positive: 'Yes', features, model: { hidden: [32], localEpochs: 1 }, rounds, secure, seed: 4 });
    const offices = parts.map((p, i) => ({ name: p.name, officeId: `office-${i + 1}`, token: `token-of-office-number-${i + 1}`, rows: p.rows }));
    const coordinator = createCoordinator({ spec, invitations: offices, boxKey: partyKeys().boxKey, signKey: partyKeys().signKey });
    const sessions = offices.map((o, i) => ({ ...o, session: createOffice({ federationId: spec.id, name: o.name, token: o.token, rows: o.rows, tf, seed: 10 + i }) }));
    const received: Array<{ from: string; message: FederationMessage }> = [];
    const restarts = await runInMemory(coordinator, sessions, { onCoordinatorReceives: (from, message) => received.push({ from, message }), ...(dropOffice ? { dropOffice } : {}) });
    return { coordinator, received, restarts, result: coordinator.result() };
  }

  it('the coordinator receives only vectors indistinguishable from uniform noise, whose sum is the true sum to float precision', async () => {
    const masked = await run(true, 1);
    const plain = await run(false, 1);
    const kinds = new Set(masked.received.map((r) => r.message.type));
    expect([...kinds].sort()).toEqual(['join', 'stats', 'update']);
    const updates = masked.received.flatMap((r) => (r.message.type === 'update' ? [r.message] : []));
    const truths = plain.received.flatMap((r) => (r.message.type === 'update' ? [r.message] : []));
    expect(updates).toHaveLength(3);
    const length = 46 * 32 + 32 + 33;
    const critical = 2.23 / Math.sqrt(length); // KS at α = 1e-4
    const sum = new Float64Array(length);
    for (const u of updates) {
      expect(u.masked).toBe(true);
      const ring = base64ToRing(u.vector, length);
      const truth = base64ToFloats((truths.find((t) => t.officeId === u.officeId) as { vector: string }).vector, length);
      truth.forEach((v, k) => (sum[k] = (sum[k] as number) + v));
      expect(ksUniform(ring)).toBeLessThan(critical);
      expect(Math.abs(pearson(Float64Array.from(ring, (v) => v | 0), truth))).toBeLessThan(4.5 / Math.sqrt(length));
      // The same test sees the unmasked update at once: it is far from uniform.
      expect(ksUniform(toRing(truth, 2 ** 27, 4).ring)).toBeGreaterThan(0.3);
    }
    // The coordinator's sum, read from the masked vectors alone, is the true sum of the offices' updates.
    const scale = fixedPointScale(3, 4);
    const decoded = ringSum(updates.map((u) => base64ToRing(u.vector, length)), scale);
    let worst = 0;
    decoded.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (sum[k] as number)))));
    expect(worst).toBeLessThan(1e-6);
    // And the models agree: secure and plain federations end with the same weights to float precision.
    const a = masked.result?.weights as Float32Array;
    const b = plain.result?.weights as Float32Array;
    let gap = 0;
    a.forEach((v, k) => (gap = Math.max(gap, Math.abs(v - (b[k] as number)))));
    expect(gap).toBeLessThan(1e-6);
  }, 120_000);

  it('an office that drops out mid-round makes the round restart with fresh masks among the others, and the federation completes', async () => {
    const { coordinator, received, restarts, result } = await run(true, 3, { name: 'Two year', round: 2 });
    expect(restarts).toBe(1);
    expect(coordinator.state.phase).toBe('done');
    expect(result?.weights.every(Number.isFinite)).toBe(true);
    expect(coordinator.state.history.map((h) => h.offices)).toEqual([3, 2, 2]);
    expect(coordinator.state.participants.find((p) => p.name === 'Two year')?.state).toBe('dropped');
    const round2 = received.flatMap((r) => (r.message.type === 'update' && r.message.round === 2 ? [r.message] : []));
    // Attempt 1's updates were sent before the drop was noticed; they are never summed. Attempt 2 holds the two left.
    expect(round2.filter((u) => u.attempt === 2).map((u) => u.officeId).sort()).toEqual(['office-1', 'office-2']);
    const first = round2.find((u) => u.attempt === 1 && u.officeId === 'office-1');
    const second = round2.find((u) => u.attempt === 2 && u.officeId === 'office-1');
    expect(first && second && first.vector !== second.vector).toBe(true);
    // Nothing but joins, statistics and (masked) updates ever reached the coordinator: no mask, no secret key.
    expect(received.every((r) => ['join', 'stats', 'update'].includes(r.message.type) && (r.message.type !== 'update' || r.message.masked))).toBe(true);
  }, 120_000);
});
