import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { federationSpecSchema, type FederationSpec } from '../../../src/shared/federate-schemas';
import { createCoordinatorIdentity, invitationCodes, parseInvitation, pskOf, tokenOf } from '../../../src/engine/federate/invitation';
import { joinFederation, serveCoordinator, type RunningCoordinator } from '../../../src/engine/federate/network';
import type { CoordinatorOptions } from '../../../src/engine/federate/protocol';
import type { RawTable } from '../../../src/engine/ml/table';
import { fakeCoordinator, fakeOffice, type FakeCoordinator, type FakeOfficeHooks } from './fake-sessions';

const HOST = '127.0.0.1';
const spec = (rounds = 3): FederationSpec =>
  federationSpecSchema.parse({
    id: randomUUID(),
    name: 'Churn across offices',
    source: { kind: 'file' },
    target: 'Churn',
    features: [{ name: 'tenure', type: 'numeric' }],
    model: {},
    rounds,
  });
const rowsOf = (n: number): RawTable => ({ columns: ['tenure', 'Churn'], rows: Array.from({ length: n }, (_, i) => [String(i), i % 3 === 0 ? 'Yes' : 'No']) });

let running: RunningCoordinator | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function serveFake(s: FederationSpec, names: string[], extra: { maxMessageBytes?: number; pingIntervalMs?: number; silentLimitMs?: number } = {}) {
  let session: FakeCoordinator | null = null;
  const identity = createCoordinatorIdentity(names, s.id);
  running = await serveCoordinator({
    spec: s,
    offices: names,
    identity,
    host: HOST,
    port: 0,
    createSession: (o: CoordinatorOptions) => (session = fakeCoordinator(o)),
    ...extra,
  });
  if (session === null) throw new Error('no session');
  return { server: running, session: session as FakeCoordinator, identity };
}

const joinFake = (code: string, rows: number, hooks: FakeOfficeHooks = {}, signal?: AbortSignal) =>
  joinFederation({ code, rows: rowsOf(rows), name: 'office', createSession: (o) => fakeOffice(o, hooks), ...(signal ? { signal } : {}) });

/** A raw client holding an office's real key, to send what a well-behaved office never would. */
function rawClient(port: number, officeId: string, psk: Buffer, extra: ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(`wss://${HOST}:${port}/`, {
    ...extra,
    ...({ pskCallback: () => ({ identity: officeId, psk }), ciphers: 'ECDHE-PSK-CHACHA20-POLY1305', maxVersion: 'TLSv1.2', checkServerIdentity: () => undefined } as unknown as ClientOptions),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

const closed = (ws: WebSocket): Promise<{ code: number; messages: string[] }> => {
  const messages: string[] = [];
  ws.on('message', (m) => messages.push(String(m)));
  return new Promise((resolve) => ws.once('close', (code) => resolve({ code, messages })));
};

describe('the live transport (WebSocket over TLS-PSK on 127.0.0.1)', () => {
  it('runs a coordinator and three offices to the end; every office gets the same final weights', async () => {
    const { server, session } = await serveFake(spec(3), ['North', 'South', 'East']);
    expect(server.invitations.map((i) => i.office)).toEqual(['North', 'South', 'East']);
    const sizes = [40, 25, 10];
    const offices = await Promise.all(server.invitations.map((inv, i) => joinFake(inv.code, sizes[i] as number)));
    const final = await server.finished;
    expect([...final.weights]).toEqual([75, 3]);
    for (const office of offices) {
      expect([...office.weights]).toEqual([75, 3]);
      expect(office.rounds).toBe(3);
      expect(office.spec.id).toBe(server.state().spec.id);
    }
    expect(final.state.phase).toBe('done');
    expect(session.drops).toEqual([]);
    expect(session.received.filter((r) => r.type === 'update')).toHaveLength(9);
  });

  it('refuses an office with the wrong key or no key: the TLS handshake does not complete', async () => {
    const s = spec(1);
    const { server } = await serveFake(s, ['North', 'South']);
    // Same federation and office id, another secret: what a guessed or forged invitation would hold.
    const forged = invitationCodes(createCoordinatorIdentity(['North', 'South'], s.id), HOST, server.port)[0]?.code ?? '';
    await expect(joinFake(forged, 5)).rejects.toThrow(/refused this invitation/);
    const noKey = new WebSocket(`wss://${HOST}:${server.port}/`, { rejectUnauthorized: false });
    await expect(new Promise((resolve, reject) => (noKey.once('open', resolve), noKey.once('error', reject)))).rejects.toThrow();
    expect(server.state().participants.every((p) => p.state === 'invited')).toBe(true);
  });

  it('answers a malformed or oversized message with failed/close, and keeps serving', async () => {
    const { server, identity, session } = await serveFake(spec(1), ['North', 'South'], { maxMessageBytes: 4096 });
    const north = identity.offices[0] as { officeId: string; secret: string };
    const psk = pskOf(new Uint8Array(Buffer.from(north.secret, 'base64')), identity.federationId);

    const notJson = await rawClient(server.port, north.officeId, psk);
    const notJsonClosed = closed(notJson);
    notJson.send('{ this is not json');
    const first = await notJsonClosed;
    expect(first.code).toBe(1008);
    expect(JSON.parse(first.messages[0] ?? '{}')).toMatchObject({ type: 'failed' });

    const wrongShape = await rawClient(server.port, north.officeId, psk);
    const wrongShapeClosed = closed(wrongShape);
    wrongShape.send(JSON.stringify({ type: 'update', officeId: 'office-2', round: 1 }));
    expect((await wrongShapeClosed).code).toBe(1008);

    const tooBig = await rawClient(server.port, north.officeId, psk);
    const tooBigClosed = closed(tooBig);
    tooBig.send('x'.repeat(10_000));
    expect((await tooBigClosed).code).toBe(1009);

    // Still serving: both offices now join and finish.
    const results = await Promise.all(server.invitations.map((inv) => joinFake(inv.code, 7)));
    expect(results.map((r) => [...r.weights])).toEqual([[14, 2], [14, 2]]);
    expect(session.received.map((r) => r.type).filter((t) => t === 'join')).toHaveLength(2);
  });

  it('reports an office that leaves mid-round to drop(); the others finish without it', async () => {
    const { server, session } = await serveFake(spec(2), ['North', 'South', 'East']);
    const leave = new AbortController();
    const [north, south, east] = server.invitations.map((i) => i.code) as [string, string, string];
    const eastRun = joinFake(east, 100, { onRound: () => leave.abort() }, leave.signal);
    const others = Promise.all([joinFake(north, 30), joinFake(south, 20)]);
    await expect(eastRun).rejects.toThrow(/cancelled/);
    const [n, s] = await others;
    expect(session.drops).toEqual(['office-3']);
    expect([...(await server.finished).weights]).toEqual([50, 2]);
    expect([...n.weights]).toEqual([50, 2]);
    expect([...s.weights]).toEqual([50, 2]);
  });

  it('reports a socket that just dies mid-federation to drop()', async () => {
    const { server, identity, session } = await serveFake(spec(1), ['North', 'South', 'East']);
    const east = identity.offices[2] as { officeId: string; secret: string };
    const inv = parseInvitation(server.invitations[2]?.code ?? '');
    const ws = await rawClient(server.port, east.officeId, pskOf(inv.secret, inv.federationId));
    const join = fakeOffice({ federationId: inv.federationId, name: 'East', token: tokenOf(inv.secret, inv.federationId), rows: rowsOf(3) }).join();
    const welcomed = new Promise((resolve) => ws.once('message', resolve));
    ws.send(JSON.stringify(join));
    await welcomed;
    ws.terminate();
    const [n, s] = await Promise.all([joinFake(server.invitations[0]?.code ?? '', 4), joinFake(server.invitations[1]?.code ?? '', 6)]);
    expect(session.drops).toEqual(['office-3']);
    expect([...n.weights]).toEqual([10, 2]);
    expect([...s.weights]).toEqual([10, 2]);
  });

  it('takes an office that answers no ping for too long as gone', async () => {
    const { server, session } = await serveFake(spec(1), ['North', 'South', 'East'], { pingIntervalMs: 40, silentLimitMs: 300 });
    const inv = parseInvitation(server.invitations[2]?.code ?? '');
    // A machine that froze: connected, joined, and then silent (no automatic pong).
    const ws = await rawClient(server.port, inv.officeId, pskOf(inv.secret, inv.federationId), { autoPong: false });
    const welcomed = new Promise((resolve) => ws.once('message', resolve));
    ws.send(JSON.stringify(fakeOffice({ federationId: inv.federationId, name: 'East', token: tokenOf(inv.secret, inv.federationId), rows: rowsOf(3) }).join()));
    await welcomed;
    await expect.poll(() => session.drops, { timeout: 5000 }).toEqual(['office-3']);
    const [n, s] = await Promise.all([joinFake(server.invitations[0]?.code ?? '', 4), joinFake(server.invitations[1]?.code ?? '', 6)]);
    expect([...n.weights]).toEqual([10, 2]);
    expect([...s.weights]).toEqual([10, 2]);
  });

  it('waits for a coordinator started after the office, and says plainly when nothing answers', async () => {
    const s = spec(1);
    const identity = createCoordinatorIdentity(['North', 'South'], s.id);
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, HOST, () => resolve((probe.address() as net.AddressInfo).port)));
    await new Promise((resolve) => probe.close(resolve));
    const codes = invitationCodes(identity, HOST, port);
    await expect(joinFake(codes[0]?.code ?? '', 3)).rejects.toThrow(/Nothing answers at 127\.0\.0\.1:\d+/);
    const early = codes.map((c, i) => joinFederation({ code: c.code, rows: rowsOf(i + 1), name: 'office', waitForCoordinatorMs: 20_000, createSession: (o) => fakeOffice(o) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = await serveCoordinator({ spec: s, offices: [], identity, host: HOST, port, createSession: fakeCoordinator });
    expect((await Promise.all(early)).map((r) => [...r.weights])).toEqual([[3, 2], [3, 2]]);
  });

  it('lets an office decline the spec before anything is sent', async () => {
    const { server, session } = await serveFake(spec(1), ['North', 'South']);
    const declined = joinFederation({
      code: server.invitations[0]?.code ?? '',
      rows: rowsOf(5),
      name: 'North',
      createSession: (o) => fakeOffice(o),
      onSpec: () => {
        throw new Error('We do not train on churn.');
      },
    });
    await expect(declined).rejects.toThrow('We do not train on churn.');
    expect(session.received.map((r) => r.type)).toEqual(['join']);
    await expect.poll(() => session.drops).toEqual(['office-1']);
  });
});
