import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { coordinatorPublicKeys, createCoordinatorIdentity, invitationCodes, officePackageKeys, parseInvitation, pskOf, tokenOf } from '../../../src/engine/federate/invitation';

const refusedWith = (code: string, pattern: RegExp): void => {
  try {
    parseInvitation(code);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad-input');
    expect((error as AppError).message).toMatch(pattern);
    return;
  }
  throw new Error(`accepted: ${code.slice(0, 20)}…`);
};

describe('invitation codes', () => {
  const id = randomUUID();
  const identity = createCoordinatorIdentity(['North', 'Süd', 'East'], id);
  const codes = invitationCodes(identity, '192.168.1.20', 7465);

  it('round-trips every field, one code per office, each with its own 256-bit secret', () => {
    expect(codes.map((c) => c.office)).toEqual(['North', 'Süd', 'East']);
    const keys = coordinatorPublicKeys(identity);
    const parsed = codes.map((c) => parseInvitation(c.code));
    parsed.forEach((p, i) => {
      expect(p).toMatchObject({ federationId: id, officeId: `office-${i + 1}`, name: identity.offices[i]?.name, host: '192.168.1.20', port: 7465 });
      expect(p.secret).toHaveLength(32);
      expect([...p.coordinatorSignKey]).toEqual([...keys.signKey]);
      expect([...p.coordinatorBoxKey]).toEqual([...keys.boxKey]);
    });
    expect(new Set(parsed.map((p) => Buffer.from(p.secret).toString('hex'))).size).toBe(3);
    expect(codes[0]?.code).toMatch(/^lyst1-[A-Za-z0-9_-]+$/);
  });

  it('survives e-mail line wrapping and reads IPv6 and empty (file-only) hosts', () => {
    const code = codes[0]?.code ?? '';
    expect(parseInvitation(`  ${code.slice(0, 60)}\n${code.slice(60, 120)}\r\n ${code.slice(120)}  `).officeId).toBe('office-1');
    expect(parseInvitation(invitationCodes(identity, '::1', 1)[0]?.code ?? '').host).toBe('::1');
    expect(parseInvitation(invitationCodes(identity, '', 0)[1]?.code ?? '')).toMatchObject({ host: '', port: 0, name: 'Süd' });
  });

  it('catches a typo, a truncation, a foreign string and a bad alphabet with a plain message', () => {
    const code = codes[1]?.code ?? '';
    const at = 40;
    const typo = `${code.slice(0, at)}${code[at] === 'x' ? 'y' : 'x'}${code.slice(at + 1)}`;
    refusedWith(typo, /does not check out/);
    refusedWith(code.slice(0, 50), /too short|does not check out/);
    refusedWith(code.slice(0, -3), /does not check out|damaged/);
    refusedWith('https://example.com/join', /should start with "lyst1-"/);
    refusedWith('lyst1-abc$def', /characters that do not belong/);
    refusedWith('', /should start with/);
  });

  it('derives distinct PSK, token and package keys from one secret, per federation', () => {
    const secret = parseInvitation(codes[0]?.code ?? '').secret;
    const psk = pskOf(secret, id);
    expect(psk).toHaveLength(32);
    expect(psk.equals(pskOf(secret, randomUUID()))).toBe(false);
    expect(tokenOf(secret, id)).not.toBe(Buffer.from(secret).toString('base64url'));
    const keys = officePackageKeys(secret, id);
    expect(Buffer.from(keys.signKey).equals(Buffer.from(keys.boxKey))).toBe(false);
  });

  it('refuses a federation of one office, or two offices with one name', () => {
    expect(() => createCoordinatorIdentity(['North'])).toThrow(/2 to 50 offices/);
    expect(() => createCoordinatorIdentity(['North', 'north'])).toThrow(/named twice/);
  });
});
