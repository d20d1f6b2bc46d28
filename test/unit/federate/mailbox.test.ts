import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { federationSpecSchema } from '../../../src/shared/federate-schemas';
import { createCoordinatorIdentity, invitationCodes } from '../../../src/engine/federate/invitation';
import { joinByMailbox, runMailboxCoordinator } from '../../../src/engine/federate/mailbox';
import type { RawTable } from '../../../src/engine/ml/table';
import { tempDir } from '../helpers';
import { fakeCoordinator, fakeOffice, type FakeCoordinator } from './fake-sessions';

const rowsOf = (n: number): RawTable => ({ columns: ['tenure', 'Churn'], rows: Array.from({ length: n }, (_, i) => [String(i), 'No']) });
const spec = federationSpecSchema.parse({
  id: randomUUID(),
  name: 'Churn by post',
  source: { kind: 'file' },
  target: 'Churn',
  features: [{ name: 'tenure', type: 'numeric' }],
  model: {},
  rounds: 2,
});

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** The user with an e-mail client: moves every new package from an outbox to the inbox it is meant for. */
function courier(coordinatorDir: string, officeDirs: Record<string, string>, tamper?: (file: string, text: string) => string | null) {
  const moved = new Set<string>();
  const carry = (from: string, to: string, name: string): void => {
    const key = `${from}/${name}`;
    if (moved.has(key)) return;
    moved.add(key);
    const text = fs.readFileSync(path.join(from, name), 'utf8');
    const changed = tamper?.(name, text) ?? text;
    fs.writeFileSync(path.join(to, name), changed);
  };
  const timer = setInterval(() => {
    for (const [name, dir] of Object.entries(officeDirs)) {
      const out = path.join(dir, 'outbox');
      if (fs.existsSync(out)) for (const f of fs.readdirSync(out).filter((x) => x.endsWith('.lystpkg'))) carry(out, path.join(coordinatorDir, 'inbox'), f);
      const cout = path.join(coordinatorDir, 'outbox');
      if (fs.existsSync(cout)) for (const f of fs.readdirSync(cout).filter((x) => x.startsWith(`coordinator-to-${name}-`))) carry(cout, path.join(dir, 'inbox'), f);
    }
  }, 15);
  cleanups.push(() => clearInterval(timer));
}

function folders(names: string[]) {
  const { dir, cleanup } = tempDir('localyst-mailbox-');
  cleanups.push(cleanup);
  const officeDirs = Object.fromEntries(names.map((n) => [n, path.join(dir, n)]));
  return { coordinatorDir: path.join(dir, 'coordinator'), officeDirs };
}

describe('the file transport (signed, encrypted packages through mailbox folders)', () => {
  it('completes a federation with three offices, every message a package file', async () => {
    const names = ['North', 'South', 'East'];
    const identity = createCoordinatorIdentity(names, spec.id);
    const codes = invitationCodes(identity, '', 0);
    const { coordinatorDir, officeDirs } = folders(names);
    let session: FakeCoordinator | null = null;
    const coordinator = runMailboxCoordinator({ spec, identity, dir: coordinatorDir, pollMs: 10, createSession: (o) => (session = fakeCoordinator(o)) });
    const offices = names.map((name, i) =>
      joinByMailbox({ code: codes[i]?.code ?? '', rows: rowsOf(10 * (i + 1)), name, dir: officeDirs[name] as string, pollMs: 10, createSession: (o) => fakeOffice(o) }),
    );
    courier(coordinatorDir, officeDirs as Record<string, string>);
    const result = await coordinator;
    expect([...result.weights]).toEqual([60, 3]);
    for (const office of await Promise.all(offices)) expect([...office.weights]).toEqual([60, 3]);
    expect((session as FakeCoordinator | null)?.received.filter((r) => r.type === 'update')).toHaveLength(6);
    // Nothing readable travels: no package holds the spec's name or a message type in plain text.
    const outbox = path.join(coordinatorDir, 'outbox');
    for (const f of fs.readdirSync(outbox)) expect(fs.readFileSync(path.join(outbox, f), 'utf8')).not.toMatch(/Churn by post|welcome|"round"/);
  });

  it('refuses a tampered package and reads the intact copy sent again under the same name', async () => {
    const names = ['North', 'South'];
    const identity = createCoordinatorIdentity(names, spec.id);
    const codes = invitationCodes(identity, '', 0);
    const { coordinatorDir, officeDirs } = folders(names);
    const refused: string[] = [];
    let tampered: string | null = null;
    const coordinator = runMailboxCoordinator({
      spec,
      identity,
      dir: coordinatorDir,
      pollMs: 10,
      createSession: (o) => fakeCoordinator(o),
      onRefused: (file, reason) => {
        refused.push(reason);
        // The office's manager sends the file again, untouched.
        if (tampered !== null) fs.copyFileSync(tampered, file);
      },
    });
    const offices = names.map((name, i) =>
      joinByMailbox({ code: codes[i]?.code ?? '', rows: rowsOf(5), name, dir: officeDirs[name] as string, pollMs: 10, createSession: (o) => fakeOffice(o) }),
    );
    courier(coordinatorDir, officeDirs as Record<string, string>, (name, text) => {
      if (tampered !== null || !name.startsWith('North-to-coordinator-000002')) return null;
      tampered = path.join(officeDirs.North as string, 'outbox', name);
      // Flip one character of the ciphertext: the signature no longer matches.
      const pkg = JSON.parse(text) as { ciphertext: string };
      const c = pkg.ciphertext;
      pkg.ciphertext = `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}`;
      return JSON.stringify(pkg);
    });
    const result = await coordinator;
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/signature does not match/);
    expect([...result.weights]).toEqual([10, 2]);
    await Promise.all(offices);
  });

  it('refuses a package signed by someone else or sent to another federation', async () => {
    const names = ['North', 'South'];
    const identity = createCoordinatorIdentity(names, spec.id);
    const forger = createCoordinatorIdentity(names, spec.id); // same ids, other secrets
    const { coordinatorDir, officeDirs } = folders(names);
    const refused: string[] = [];
    const stop = new AbortController();
    const coordinator = runMailboxCoordinator({ spec, identity, dir: coordinatorDir, pollMs: 10, signal: stop.signal, createSession: (o) => fakeCoordinator(o), onRefused: (_f, r) => refused.push(r) });
    const forged = joinByMailbox({ code: invitationCodes(forger, '', 0)[0]?.code ?? '', rows: rowsOf(5), name: 'North', dir: officeDirs.North as string, pollMs: 10, signal: stop.signal, createSession: (o) => fakeOffice(o) });
    courier(coordinatorDir, officeDirs as Record<string, string>);
    await expect.poll(() => refused.length).toBe(1);
    expect(refused[0]).toMatch(/signature does not match/);
    stop.abort();
    await expect(coordinator).rejects.toThrow(/Stopped/);
    await expect(forged).rejects.toThrow(/Stopped/);
  });
});
