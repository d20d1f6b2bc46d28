import { describe, expect, it } from 'vitest';
import { openPackage, partyKeys, sealPackage } from '../../../src/engine/federate/package';
import type { FederationMessage } from '../../../src/shared/federate-schemas';
import { refusal } from '../helpers';

const federationId = '7d1f4f0e-6a0b-4b5e-9a61-0f4d2b8c1e11';
const coordinator = partyKeys();
const office = partyKeys();
const stranger = partyKeys();
const update: FederationMessage = { type: 'update', officeId: 'office-1', round: 3, attempt: 1, rows: 1200, vector: 'AAAAAAAAgD8=', masked: true, trainLoss: 0.41 };
const seal = (message: FederationMessage = update, from = 'office-1', signKey = office.signKey, to = 'coordinator', box = coordinator.boxPublicKey) =>
  sealPackage(message, { federationId, from, to, recipientBoxKey: box, senderSignKey: signKey });
const known = (from: string): string | null => (from === 'office-1' ? office.signPublicKey : null);
const open = (pkg: unknown, boxKey = coordinator.boxKey, self = 'coordinator') => openPackage(pkg, { self, boxKey, signerKey: known });
const flip = (b64: string, at: number): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[at] = (bytes[at] as number) ^ 1;
  return bytes.toString('base64');
};
const fails = async (run: () => unknown) => refusal(Promise.resolve().then(run));

describe('federation packages (a message as a signed, encrypted file)', () => {
  it('round-trips: the recipient reads exactly the message, and the file holds none of it in clear', () => {
    const pkg = seal();
    expect(pkg).toMatchObject({ format: 'localyst-federation-package/1', federationId, from: 'office-1', to: 'coordinator' });
    expect(open(JSON.parse(JSON.stringify(pkg)))).toEqual({ from: 'office-1', federationId, message: update });
    expect(JSON.stringify(pkg)).not.toMatch(/AAAAAAAAgD8|trainLoss|1200/);
    // Fresh ephemeral key and nonce each time: the same message never seals to the same bytes.
    expect(seal().ciphertext).not.toBe(pkg.ciphertext);
  });

  it('refuses a tampered package: any changed byte of the ciphertext, nonce or header breaks the signature', async () => {
    const pkg = seal();
    for (const bad of [
      { ...pkg, ciphertext: flip(pkg.ciphertext, 5) },
      { ...pkg, nonce: flip(pkg.nonce, 0) },
      { ...pkg, ephemeralKey: flip(pkg.ephemeralKey, 1) },
      { ...pkg, federationId: '7d1f4f0e-6a0b-4b5e-9a61-0f4d2b8c1e12' },
    ]) {
      expect(await fails(() => open(bad))).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/signature does not match "office-1"/), details: { field: 'signature' } });
    }
    expect(await fails(() => open({ ...pkg, signature: undefined }))).toMatchObject({ code: 'bad-input', details: { field: 'package' } });
  });

  it('refuses a package signed by another key than its sender is known by, or from an unknown sender', async () => {
    expect(await fails(() => open(seal(update, 'office-1', stranger.signKey)))).toMatchObject({ details: { field: 'signature' } });
    expect(await fails(() => open(seal(update, 'office-9', stranger.signKey)))).toMatchObject({
      message: expect.stringMatching(/comes from "office-9", which is not part of this federation/),
      details: { field: 'from' },
    });
  });

  it('refuses a package for someone else, and one sealed to another key', async () => {
    expect(await fails(() => open(seal(), office.boxKey, 'office-2'))).toMatchObject({ message: expect.stringMatching(/addressed to "coordinator", not to "office-2"/), details: { field: 'to' } });
    // Addressed to the coordinator but encrypted to a stranger's key: the signature holds, the decryption does not.
    expect(await fails(() => open(seal(update, 'office-1', office.signKey, 'coordinator', stranger.boxPublicKey)))).toMatchObject({
      message: expect.stringMatching(/sealed for another recipient/),
      details: { field: 'ciphertext' },
    });
  });

  it('refuses an office speaking for another office inside a valid package', async () => {
    const pkg = seal({ type: 'update', officeId: 'office-2', round: 3, attempt: 1, rows: 1200, vector: 'AAAAAAAAgD8=', masked: true, trainLoss: 0.41 });
    expect(await fails(() => open(pkg))).toMatchObject({ message: expect.stringMatching(/from "office-1" carries a message of "office-2"/) });
  });
});
