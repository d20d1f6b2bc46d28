import { AppError } from '../../../src/shared/errors';
import type { FederationSpec } from '../../../src/shared/federate-schemas';
import type { FederationEngines } from '../../../src/engine/federate/federation-jobs';
import { encodeAgreed, labelsOf, localEncoding } from '../../../src/engine/federate/evaluate';
import type { CoordinatorState } from '../../../src/engine/federate/protocol';
import type { JoinOptions, ServeOptions } from '../../../src/engine/federate/network';
import { loadTf } from '../../../src/engine/ml/backend';
import type { RawTable } from '../../../src/engine/ml/table';
import { trainNet } from '../../../src/engine/ml/trainer';

/**
 * Test doubles of the live transport (federate/network.ts), standing in until the real one is merged. The
 * "federation" is this office alone: its rows train the network for `rounds` epochs with the app's trainer (one
 * epoch per round, the loss reported per round), and the other invited offices appear with fixed row counts.
 * They record what the jobs hand over, so tests can check which rows the transport was given and when.
 */

export type TransportLog = {
  served: ServeOptions[];
  /** The rows each join was given, copied at the moment the transport would compute its statistics. */
  rowsAtStats: Array<{ office: string; columns: string[]; rows: number }>;
  /** Rows in the table when the spec arrived (before the office accepted it). */
  rowsAtSpec: number[];
  closed: number;
  joinedCodes: string[];
};

export type FakeOptions = {
  /** The spec a joined coordinator sends (participate tests); the served spec otherwise. */
  remoteSpec?: FederationSpec;
  /** Rows the other offices report. */
  otherRows?: number;
  /** Makes the join fail after this round (a coordinator that went away). */
  failAfterRound?: number;
  /** Keeps the join waiting (until aborted) after the spec was accepted: for cancel tests. */
  hang?: boolean;
};

const flatten = (layers: Array<{ kernel: number[]; bias: number[] }>): Float32Array => Float32Array.from(layers.flatMap((l) => [...l.kernel, ...l.bias]));

export function fakeTransport(options: FakeOptions = {}): { engines: FederationEngines; log: TransportLog } {
  const log: TransportLog = { served: [], rowsAtStats: [], rowsAtSpec: [], closed: 0, joinedCodes: [] };
  let coordinator: { spec: FederationSpec; state: CoordinatorState; onChange: ((s: CoordinatorState) => void) | undefined; resolve: (v: { weights: Float32Array; encoding: ReturnType<typeof localEncoding>; state: CoordinatorState }) => void; reject: (e: unknown) => void } | null = null;

  const serveCoordinator: FederationEngines['serveCoordinator'] = async (serve) => {
    log.served.push(serve);
    const state: CoordinatorState = {
      phase: 'joining',
      spec: serve.spec,
      participants: serve.offices.map((name, i) => ({ officeId: `o${i + 1}`, name, rows: null, state: 'invited' })),
      round: 0,
      attempt: 1,
      history: [],
      epsilon: null,
    };
    let resolve!: (v: never) => void;
    let reject!: (e: unknown) => void;
    const finished = new Promise<never>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    coordinator = { spec: serve.spec, state, onChange: serve.onChange, resolve: resolve as never, reject };
    serve.signal?.addEventListener('abort', () => reject(new Error('aborted')));
    serve.onChange?.(state);
    return {
      host: serve.host,
      port: serve.port === 0 ? 45123 : serve.port,
      invitations: serve.offices.map((office) => ({ office, code: `code-for-${office}` })),
      state: () => state,
      finished,
      close: async () => {
        log.closed++;
      },
    };
  };

  const joinFederation: FederationEngines['joinFederation'] = async (join: JoinOptions) => {
    log.joinedCodes.push(join.code);
    const spec = options.remoteSpec ?? coordinator?.spec;
    if (!spec) throw new Error('no coordinator for this code');
    log.rowsAtSpec.push(join.rows.rows.length);
    // The real transport must await onSpec: the office's approval comes before any statistic is sent.
    await (join.onSpec as ((s: FederationSpec) => void | Promise<void>) | undefined)?.(spec);
    if (join.signal?.aborted) throw new Error('aborted');
    const rows: RawTable = join.rows;
    log.rowsAtStats.push({ office: join.name, columns: [...rows.columns], rows: rows.rows.length });
    if (options.hang) {
      await new Promise((_, reject) => join.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    const others = options.otherRows ?? 500;
    const state = coordinator?.state;
    const participants = (state?.participants ?? [{ name: join.name }, { name: 'Head office' }]).map((p) => ({ name: p.name, rows: p.name === join.name ? rows.rows.length : others }));
    if (state) {
      state.phase = 'training';
      state.participants = state.participants.map((p) => ({ ...p, rows: p.name === join.name ? rows.rows.length : others, state: 'training' }));
    }
    const encoding = localEncoding(spec, rows);
    const { X, rows: n, cols } = encodeAgreed(encoding, rows);
    const { tf } = await loadTf('cpu');
    const { net, history } = await trainNet(
      tf,
      X,
      n,
      cols,
      labelsOf(rows),
      { hidden: spec.model.hidden, dropout: 0, l2: 1e-4, learningRate: 0.02, epochs: spec.rounds, batchSize: 64, patience: 100, validationFraction: 0, classWeight: 'balanced', seed: 3 },
      {
        onEpoch: (e) => {
          if (options.failAfterRound !== undefined && e.epoch > options.failAfterRound) throw new AppError('job-failed', 'The coordinator went away.');
          join.onProgress?.({ round: e.epoch, rounds: spec.rounds, stage: 'training', trainLoss: e.loss, participants });
          if (state) {
            state.round = e.epoch;
            state.history.push({ round: e.epoch, offices: participants.length, rows: participants.reduce((s, p) => s + (p.rows ?? 0), 0), trainLoss: e.loss });
            coordinator?.onChange?.(state);
          }
        },
      },
    );
    const weights = flatten(net.layers);
    const epsilon = spec.dp ? 2.5 : null;
    if (state && coordinator) {
      state.phase = 'done';
      state.epsilon = epsilon;
      coordinator.resolve({ weights, encoding, state });
    }
    return { spec, weights, encoding, rounds: history.length, epsilon };
  };

  return { engines: { serveCoordinator, joinFederation, loadTf: () => loadTf('cpu') }, log };
}
