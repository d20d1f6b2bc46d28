import { AppError } from '../../shared/errors';
import type { AgreedEncoding, FederationMessage, FederationSpec } from '../../shared/federate-schemas';
import type { RawTable } from '../ml/table';
import type { ParsedInvitation } from './invitation';
import { tokenOf } from './invitation';
import { createOffice, type OfficeOptions, type OfficeSession } from './protocol';
import { weightsFrom } from './wire';

/**
 * The office's side of either transport: runs the protocol's office session and checks what only the transport
 * can check: the coordinator's signing key is the one pinned in the invitation, the spec is for this federation,
 * and the office agreed to it (`onSpec`, called before any statistic leaves).
 */

export type OfficeProgress = { round: number; rounds: number; stage: string; trainLoss: number | null; participants: Array<{ name: string; rows: number | null }> };

export type OfficeDriverOptions = {
  rows: RawTable;
  name: string;
  onProgress?: (event: OfficeProgress) => void;
  onSpec?: (spec: FederationSpec) => void | Promise<void>;
  signal?: AbortSignal;
  seed?: number;
  createSession?: (options: OfficeOptions) => OfficeSession;
};

export type OfficeOutcome = { spec: FederationSpec; weights: Float32Array; encoding: AgreedEncoding; rounds: number; epsilon: number | null };

export type OfficeDriver = {
  join(): FederationMessage;
  /** Handles one message from the coordinator: the replies to send, and the outcome once `done` arrived. */
  receive(message: FederationMessage): Promise<{ replies: FederationMessage[]; outcome: OfficeOutcome | null }>;
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function officeDriver(invitation: ParsedInvitation, options: OfficeDriverOptions): OfficeDriver {
  let spec: FederationSpec | null = null;
  let encoding: AgreedEncoding | null = null;
  let participants: OfficeProgress['participants'] = [];
  const session = (options.createSession ?? createOffice)({
    federationId: invitation.federationId,
    name: options.name,
    token: tokenOf(invitation.secret, invitation.federationId),
    rows: options.rows,
    onProgress: (event) => options.onProgress?.({ ...event, participants }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });

  const check = async (message: FederationMessage): Promise<void> => {
    switch (message.type) {
      case 'welcome':
        if (!sameBytes(new Uint8Array(Buffer.from(message.coordinatorSignKey, 'base64')), invitation.coordinatorSignKey)) {
          throw new AppError('bad-input', 'The coordinator is not the one that made this invitation (its signing key differs from the pinned one). Nothing was sent.', { field: 'invitation' });
        }
        if (message.spec.id !== invitation.federationId) throw new AppError('bad-input', 'The coordinator proposed another federation than this invitation is for.', { field: 'spec' });
        if (message.officeId !== invitation.officeId) throw new AppError('bad-input', 'The coordinator welcomed another office than this invitation is for.', { field: 'invitation' });
        // Awaited: the office may ask its user first; no statistic is computed or sent before this returns.
        await options.onSpec?.(message.spec);
        spec = message.spec;
        return;
      case 'failed':
        throw new AppError('job-failed', `The coordinator stopped the federation: ${message.message}`);
      case 'join':
      case 'stats':
      case 'update':
        throw new AppError('bad-input', `The coordinator sent "${message.type}", which only an office sends.`);
      default:
        if (spec === null) throw new AppError('bad-input', `The coordinator sent "${message.type}" before its spec.`);
        if (message.type === 'plan') {
          encoding = message.encoding;
          participants = message.participants.map((p) => ({ name: p.name, rows: p.rows }));
        }
    }
  };

  return {
    join: () => session.join(),
    async receive(message) {
      await check(message);
      const replies = await session.receive(message);
      if (message.type !== 'done') return { replies, outcome: null };
      if (spec === null || encoding === null) throw new AppError('bad-input', 'The coordinator ended the federation before agreeing the encoding.');
      return { replies, outcome: { spec, weights: weightsFrom(message.weights), encoding, rounds: message.rounds, epsilon: message.epsilon } };
    },
  };
}
