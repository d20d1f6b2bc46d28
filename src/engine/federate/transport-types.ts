import type { FederationSpec, AgreedEncoding } from '../../shared/federate-schemas';
import type { RawTable } from '../ml/table';
import type { OfficeOptions, OfficeSession } from './protocol';

/** The types the transports share with their callers (network.ts re-exports them for the UI's jobs). */

/** What an office needs to join, as one code to paste or e-mail: host, port, federation id, office id, secret. */
export type InvitationCode = { office: string; code: string };

export type JoinOptions = {
  code: string;
  /** This office's rows, read locally; only statistics and (masked) weight updates leave. */
  rows: RawTable;
  name: string;
  onProgress?: (event: { round: number; rounds: number; stage: string; trainLoss: number | null; participants: Array<{ name: string; rows: number | null }> }) => void;
  /** Called once the coordinator's spec arrives, before any statistic is sent: the office may refuse it (throw). */
  onSpec?: (spec: FederationSpec) => void | Promise<void>;
  signal?: AbortSignal;
  seed?: number;
  /** Keep trying this long while nothing answers at the invitation's address (the coordinator not started yet); default 0. */
  waitForCoordinatorMs?: number;
  /** Largest message accepted from the coordinator, in bytes (default 32 MB). */
  maxMessageBytes?: number;
  /** The protocol's office (default `createOffice`); a test can pass a stand-in. */
  createSession?: (options: OfficeOptions) => OfficeSession;
};

export type JoinResult = { spec: FederationSpec; weights: Float32Array; encoding: AgreedEncoding; rounds: number; epsilon: number | null };

