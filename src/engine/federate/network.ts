import type { AgreedEncoding, FederationSpec } from '../../shared/federate-schemas';
import type { RawTable } from '../ml/table';
import type { CoordinatorState } from './protocol';

/**
 * Issue 15 seam: the live transport. A small coordinator (WebSocket over TLS with a pre-shared key or a pinned
 * certificate, one invitation per office) and the office's client. Bodies are written by the transport helper (D);
 * the federation UI's jobs (E) and the CLI's `federate serve|join|propose` call only these.
 */

/** What an office needs to join, as one code to paste or e-mail: host, port, federation id, office id, secret. */
export type InvitationCode = { office: string; code: string };

export type RunningCoordinator = {
  readonly host: string;
  readonly port: number;
  readonly invitations: InvitationCode[];
  state(): CoordinatorState;
  /** Resolves when the federation ends: the final weights, or rejects with the reason it failed. */
  readonly finished: Promise<{ weights: Float32Array; encoding: AgreedEncoding; state: CoordinatorState }>;
  close(): Promise<void>;
};

export type ServeOptions = {
  spec: FederationSpec;
  /** Names of the offices to invite; one invitation code each. */
  offices: string[];
  /** Where to listen: 127.0.0.1 in tests; the LAN address the user chose otherwise. */
  host: string;
  port: number;
  onChange?: (state: CoordinatorState) => void;
  signal?: AbortSignal;
};

export async function serveCoordinator(options: ServeOptions): Promise<RunningCoordinator> {
  void options;
  throw new Error('The federation coordinator is not built yet (issue 15).');
}

export type JoinOptions = {
  code: string;
  /** This office's rows, read locally; only statistics and (masked) weight updates leave. */
  rows: RawTable;
  name: string;
  onProgress?: (event: { round: number; rounds: number; stage: string; trainLoss: number | null; participants: Array<{ name: string; rows: number | null }> }) => void;
  /** Called once the coordinator's spec arrives, before any statistic is sent: the office may refuse it (throw). */
  onSpec?: (spec: FederationSpec) => void;
  signal?: AbortSignal;
};

export async function joinFederation(options: JoinOptions): Promise<{ spec: FederationSpec; weights: Float32Array; encoding: AgreedEncoding; rounds: number; epsilon: number | null }> {
  void options;
  throw new Error('Joining a federation is not built yet (issue 15).');
}
