import type { AgreedEncoding, FederationMessage, FederationSpec, OfficeStats } from '../../shared/federate-schemas';
import type { RawTable } from '../ml/table';

/**
 * Issue 15 seam: the federated protocol as two pure state machines. Transports (files, WebSocket) only carry the
 * messages these return; they authenticate who sent a message (signature or TLS-PSK identity) before `receive`.
 * Bodies are written by the federation-core helper; the signatures are the contract with the transport helper.
 */

/** A message for one recipient: an office id, or 'coordinator'. */
export type Outgoing = { to: string; message: FederationMessage };

export type CoordinatorPhase = 'joining' | 'stats' | 'training' | 'done' | 'failed';

export type CoordinatorState = {
  phase: CoordinatorPhase;
  spec: FederationSpec;
  /** Only counts and names: never a row. */
  participants: Array<{ officeId: string; name: string; rows: number | null; state: 'invited' | 'joined' | 'ready' | 'training' | 'sent' | 'dropped' }>;
  round: number;
  attempt: number;
  /** Mean training loss the offices reported, per finished round. */
  history: Array<{ round: number; offices: number; rows: number; trainLoss: number | null }>;
  epsilon: number | null;
};

export type Invitation = { officeId: string; name: string; token: string };

export type CoordinatorSession = {
  readonly state: CoordinatorState;
  /** Handles a message an office sent (its id checked by the transport); returns what to send. */
  receive(from: string, message: FederationMessage): Outgoing[];
  /** An office went away mid-federation: the current round is restarted without it (fresh masks). */
  drop(officeId: string): Outgoing[];
  /** The final flat weights once `phase === 'done'`. */
  result(): { weights: Float32Array; encoding: AgreedEncoding } | null;
};

export type CoordinatorOptions = {
  spec: FederationSpec;
  invitations: Invitation[];
  /** Long-term keys of the coordinator (X25519 for packages, Ed25519 for signatures), base64. */
  boxKey: string;
  signKey: string;
};

export type OfficeSession = {
  /** Handles a message from the coordinator; training happens here (async, TensorFlow.js). */
  receive(message: FederationMessage): Promise<FederationMessage[]>;
  /** The first message: join with the invitation token. */
  join(): FederationMessage;
  readonly stats: OfficeStats | null;
};

export type OfficeOptions = {
  federationId: string;
  name: string;
  token: string;
  /** This office's rows with the spec's feature and target columns (read locally, never sent). */
  rows: RawTable;
  /** Called after each local epoch and round, for progress; `signal` cancels. */
  onProgress?: (event: { round: number; rounds: number; stage: string; trainLoss: number | null }) => void;
  signal?: AbortSignal;
  seed?: number;
};

const notYet = (): never => {
  throw new Error('Federated training is not built yet (issue 15).');
};

export function createCoordinator(options: CoordinatorOptions): CoordinatorSession {
  void options;
  return notYet();
}

export function createOffice(options: OfficeOptions): OfficeSession {
  void options;
  return notYet();
}
