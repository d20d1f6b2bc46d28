import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AgreedEncoding, FederationMessage, FederationSpec } from '../../shared/federate-schemas';
import type { RawTable } from '../ml/table';
import { coordinatorIdentitySchema, officePackageKeys, officeSecret, parseInvitation, protocolInvitations, type CoordinatorIdentity } from './invitation';
import { officeDriver, type OfficeDriverOptions, type OfficeOutcome } from './office-driver';
import { createCoordinator, type CoordinatorOptions, type CoordinatorSession, type CoordinatorState, type Outgoing } from './protocol';
import { openPackage, sealPackage } from './package';
import { reasonOf } from './wire';


const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** package.ts with this transport's keys (bytes derived from the invitation). */
function seal(message: FederationMessage, o: { federationId: string; from: string; to: string; signKey: Uint8Array; recipientBoxKey: Uint8Array }) {
  return sealPackage(message, { federationId: o.federationId, from: o.from, to: o.to, senderSignKey: b64(o.signKey), recipientBoxKey: b64(o.recipientBoxKey) });
}

/** Opens a package from the one sender this side expects, of this federation. */
function open(json: unknown, o: { federationId: string; me: string; boxKey: Uint8Array; senderSignKey: Uint8Array }, file: string): { from: string; message: FederationMessage } {
  const opened = openPackage(json, { self: o.me, boxKey: b64(o.boxKey), signerKey: () => b64(o.senderSignKey) });
  if (opened.federationId !== o.federationId) throw new AppError('bad-input', 'This federation package belongs to another federation.', { file, field: 'package' });
  return opened;
}
/**
 * The file transport, for offices that will only e-mail a file: the same sessions as the live transport, each
 * message a signed, encrypted package (package.ts). Each side works in a mailbox folder the user chose:
 * it writes its packages to `outbox/` and reads the other side's from `inbox/`; the user carries the files
 * (coordinator's `…to-North-000003.lystpkg` to North's inbox, North's `…from-North-…` to the coordinator's inbox).
 * Files are read in their sequence number's order per sender; a package that fails its signature or decryption
 * is refused (reported, never used) and a corrected copy with the same name is read when it arrives. The sender is
 * who signed the package, never what its file name says. An office that stops answering by file is not noticed
 * (there is no connection to lose): it is dropped only when it sends `failed`.
 */

const COORDINATOR = 'coordinator';
const EXTENSION = '.lystpkg';
const SEQUENCE = /-(\d{6})\.lystpkg$/;
const DEFAULT_MAX_PACKAGE_BYTES = 48 * 1024 * 1024;
const ARRIVING_MS = 5000;

export type MailboxCommon = {
  /** The folder the user chose; `inbox/` and `outbox/` are made inside it. */
  dir: string;
  /** How often the inbox is looked at (default 2 s). */
  pollMs?: number;
  signal?: AbortSignal;
  /** A package that was refused, and why (tampered, for another federation, unreadable). */
  onRefused?: (file: string, reason: string) => void;
  /** A package written to the outbox, and whom to send it to. */
  onWritten?: (file: string, to: string) => void;
  maxPackageBytes?: number;
};

const slug = (name: string): string => name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'office';

/** One side's mailbox: numbered outgoing files, and incoming ones in order per signed sender. */
function mailbox(common: MailboxCommon) {
  const inbox = path.join(common.dir, 'inbox');
  const outbox = path.join(common.dir, 'outbox');
  fs.mkdirSync(inbox, { recursive: true });
  fs.mkdirSync(outbox, { recursive: true });
  const sent = new Map<string, number>();
  const expected = new Map<string, number>();
  const refused = new Set<string>();
  const maxBytes = common.maxPackageBytes ?? DEFAULT_MAX_PACKAGE_BYTES;

  const refuse = (file: string, digest: string, reason: string): void => {
    if (refused.has(digest)) return;
    refused.add(digest);
    common.onRefused?.(file, reason);
  };

  return {
    inbox,
    outbox,
    /** Writes one package (atomically: a reader never sees half a file). */
    write(label: string, to: string, pkg: unknown): void {
      const seq = (sent.get(label) ?? 0) + 1;
      sent.set(label, seq);
      const file = path.join(outbox, `${label}-${String(seq).padStart(6, '0')}${EXTENSION}`);
      const partial = `${file}.partial`;
      fs.writeFileSync(partial, JSON.stringify(pkg));
      fs.renameSync(partial, file);
      common.onWritten?.(file, to);
    },
    /** The next readable packages in order: each with its sender as written on it (checked by `open` after). */
    next(): Array<{ file: string; json: unknown; from: string; accept: () => void; refuse: (reason: string) => void }> {
      const ready: Array<{ file: string; json: unknown; from: string; seq: number; digest: string }> = [];
      for (const name of fs.readdirSync(inbox).sort()) {
        const match = SEQUENCE.exec(name);
        if (!match) continue;
        const file = path.join(inbox, name);
        let bytes: Buffer;
        try {
          if (fs.statSync(file).size > maxBytes) {
            refuse(file, `size:${name}`, `it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
            continue;
          }
          bytes = fs.readFileSync(file);
        } catch {
          continue; // being copied in right now: read it on the next look
        }
        const digest = createHash('sha256').update(bytes).digest('hex');
        if (refused.has(digest)) continue;
        let json: unknown;
        try {
          json = JSON.parse(bytes.toString('utf8'));
        } catch {
          // A file still being copied in is cut short: give it a few seconds before calling it unreadable.
          if (Date.now() - fs.statSync(file).mtimeMs < ARRIVING_MS) continue;
          refuse(file, digest, 'it is not a Localyst federation package.');
          continue;
        }
        const from = typeof json === 'object' && json !== null && typeof (json as { from?: unknown }).from === 'string' ? (json as { from: string }).from : '';
        ready.push({ file, json, from, seq: Number(match[1]), digest });
      }
      ready.sort((a, b) => a.seq - b.seq);
      const out: ReturnType<ReturnType<typeof mailbox>['next']> = [];
      for (const item of ready) {
        const want = expected.get(item.from) ?? 1;
        if (item.seq !== want || out.some((o) => o.from === item.from)) continue; // an old copy, or one to read after the next
        out.push({
          file: item.file,
          json: item.json,
          from: item.from,
          accept: () => expected.set(item.from, want + 1),
          refuse: (reason) => refuse(item.file, item.digest, reason),
        });
      }
      return out;
    },
  };
}

/** Repeats `look` until it returns a value, the signal aborts, or `look` throws. */
async function poll<T>(look: () => Promise<T | null>, common: MailboxCommon): Promise<T> {
  for (;;) {
    if (common.signal?.aborted) throw new AppError('cancelled', 'Stopped watching the mailbox folder.');
    const value = await look();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, common.pollMs ?? 2000));
  }
}

export type MailboxCoordinatorOptions = MailboxCommon & {
  spec: FederationSpec;
  identity: CoordinatorIdentity;
  onChange?: (state: CoordinatorState) => void;
  createSession?: (options: CoordinatorOptions) => CoordinatorSession;
};

/** Runs the coordinator over files until the federation is done or failed. */
export async function runMailboxCoordinator(options: MailboxCoordinatorOptions): Promise<{ weights: Float32Array; encoding: AgreedEncoding; state: CoordinatorState }> {
  const identity = coordinatorIdentitySchema.parse(options.identity);
  const { spec } = options;
  if (identity.federationId !== spec.id) throw new AppError('bad-input', 'The keys and invitations were made for another federation than this spec.', { field: 'spec' });
  const session = (options.createSession ?? createCoordinator)({ spec, invitations: protocolInvitations(identity), boxKey: identity.boxKey, signKey: identity.signKey });
  const box = mailbox(options);
  const offices = new Map(identity.offices.map((o) => [o.officeId, { ...o, keys: officePackageKeys(officeSecret(o), spec.id) }]));
  const signKey = new Uint8Array(Buffer.from(identity.signKey, 'base64'));
  const boxKey = new Uint8Array(Buffer.from(identity.boxKey, 'base64'));
  let lastFailure: string | null = null;

  const send = (out: Outgoing[]): void => {
    for (const { to, message } of out) {
      const office = offices.get(to);
      if (!office) continue;
      if (message.type === 'failed') lastFailure = message.message;
      box.write(`${COORDINATOR}-to-${slug(office.name)}`, office.name, seal(message, { federationId: spec.id, from: COORDINATOR, to, signKey, recipientBoxKey: office.keys.boxPublic }));
    }
  };

  return poll(async () => {
    // Every package is accepted or refused, so this ends when the inbox has nothing new in order.
    for (let items = box.next(); items.length > 0; items = box.next()) for (const item of items) {
      const office = offices.get(item.from);
      if (!office) {
        item.refuse('it does not come from an office of this federation.');
        continue;
      }
      let message: FederationMessage;
      try {
        message = open(item.json, { federationId: spec.id, me: COORDINATOR, boxKey, senderSignKey: office.keys.signPublic }, item.file).message;
      } catch (error) {
        item.refuse(reasonOf(error));
        continue;
      }
      item.accept();
      if ('officeId' in message && message.officeId !== office.officeId) continue;
      if (message.type === 'failed') send(session.drop(office.officeId));
      else if (message.type === 'join' || message.type === 'stats' || message.type === 'update') {
        try {
          send(session.receive(office.officeId, message));
        } catch (error) {
          send([{ to: office.officeId, message: { type: 'failed', message: reasonOf(error) } }]);
        }
      }
      const state = session.state;
      options.onChange?.(state);
      if (state.phase === 'failed') throw new AppError('job-failed', lastFailure ?? 'The federation failed.');
      if (state.phase === 'done') {
        const result = session.result();
        if (!result) throw new AppError('internal', 'The federation ended without a model.');
        return { ...result, state };
      }
    }
    return null;
  }, options);
}

export type MailboxOfficeOptions = MailboxCommon & OfficeDriverOptions & { code: string; rows: RawTable };

/** Runs one office over files: writes its join, then answers each package from the coordinator until `done`. */
export async function joinByMailbox(options: MailboxOfficeOptions): Promise<OfficeOutcome> {
  const invitation = parseInvitation(options.code);
  const keys = officePackageKeys(invitation.secret, invitation.federationId);
  const driver = officeDriver(invitation, options);
  const box = mailbox(options);
  const label = `${slug(invitation.name)}-to-${COORDINATOR}`;
  const write = (message: FederationMessage): void =>
    box.write(label, COORDINATOR, seal(message, { federationId: invitation.federationId, from: invitation.officeId, to: COORDINATOR, signKey: keys.signKey, recipientBoxKey: invitation.coordinatorBoxKey }));
  write(driver.join());
  try {
    return await poll(async () => {
      for (let items = box.next(); items.length > 0; items = box.next()) for (const item of items) {
        if (item.from !== COORDINATOR) {
          item.refuse('it does not come from the coordinator.');
          continue;
        }
        let message: FederationMessage;
        try {
          message = open(item.json, { federationId: invitation.federationId, me: invitation.officeId, boxKey: keys.boxKey, senderSignKey: invitation.coordinatorSignKey }, item.file).message;
        } catch (error) {
          item.refuse(reasonOf(error));
          continue;
        }
        item.accept();
        const { replies, outcome } = await driver.receive(message);
        replies.forEach(write);
        if (outcome) return outcome;
      }
      return null;
    }, options);
  } catch (error) {
    // Tell the coordinator why this office stops (unless the coordinator itself stopped it).
    if (!(error instanceof AppError && error.code === 'job-failed')) write({ type: 'failed', message: reasonOf(error).slice(0, 2000) });
    throw error;
  }
}
