import { AppError } from '../../shared/errors';
import { federationSpecSchema, type FederateJobResult, type FederationProgress, type FederationSpec } from '../../shared/federate-schemas';
import type { Db } from '../db/open-workspace';
import type { FederateCoordinateInput, FederateParticipateInput, JobControl } from '../kernel/jobs';
import { loadTf, type LoadedTf } from '../ml/backend';
import type { RawTable } from '../ml/table';
import { officeRows, type OfficeRows } from './customer-rows';
import { aucOf, labelsOf, netFromWeights, trainLocal } from './evaluate';
import { insertFederatedModel } from './federated-repo';
import { parseInvitation } from './invitation';
import { joinFederation, serveCoordinator } from './network';
import type { CoordinatorState } from './protocol';

/**
 * The federation's jobs (worker threads). `federate.coordinate` serves the coordinator and joins it as one office
 * with this workspace's rows (the proposer has data too); `federate.participate` joins another office's
 * coordinator with an invitation code, after the user has reviewed the proposed spec. Both read their rows locally,
 * hand only them to the transport (which sends statistics and masked updates, never a row), then score this
 * office's held-out customers with the federated model and with a local model of the same spec, and store the
 * model in one write at the end (a cancel or a failure stores nothing).
 */

/** The transport and the trainer's backend: the real ones by default, test doubles in unit tests. */
export type FederationEngines = {
  serveCoordinator: typeof serveCoordinator;
  joinFederation: typeof joinFederation;
  loadTf: () => Promise<LoadedTf>;
};

export const realFederationEngines: FederationEngines = { serveCoordinator, joinFederation, loadTf };

/** An AbortSignal that fires when the user cancels the job (the transport's loops do not call checkCancelled). */
function cancelSignal(control: JobControl): { signal: AbortSignal; stop(): void } {
  const abort = new AbortController();
  const timer = setInterval(() => {
    try {
      control.checkCancelled();
    } catch {
      abort.abort();
    }
  }, 100);
  return { signal: abort.signal, stop: () => clearInterval(timer) };
}

const PHASE: Record<CoordinatorState['phase'], FederationProgress['phase']> = {
  joining: 'joining',
  stats: 'agreeing',
  training: 'training',
  done: 'scoring',
  failed: 'failed',
};

/** Share of the job's progress bar the federation itself takes; scoring and the local model take the rest. */
const FEDERATION_SHARE = 0.85;

function fractionOf(phase: FederationProgress['phase'], round: number, rounds: number): number {
  if (phase === 'starting' || phase === 'joining' || phase === 'approval') return 0.02;
  if (phase === 'agreeing') return 0.05;
  if (phase === 'training') return 0.05 + (FEDERATION_SHARE - 0.05) * Math.min(1, Math.max(0, round - 1) / Math.max(1, rounds));
  return FEDERATION_SHARE;
}

function stageText(progress: FederationProgress): string {
  const joined = progress.participants.filter((p) => p.rows !== null || p.state !== 'invited').length;
  switch (progress.phase) {
    case 'starting':
      return 'Starting';
    case 'joining':
      return progress.role === 'coordinator' ? `Waiting for the offices to join (${joined} of ${progress.participants.length})` : 'Connecting to the coordinator';
    case 'approval':
      return 'Waiting for you to accept the proposed model';
    case 'agreeing':
      return 'Agreeing on feature scaling from summed statistics';
    case 'training':
      return `Round ${progress.round} of ${progress.rounds}`;
    case 'scoring':
      return 'Scoring this office’s held-out customers';
    case 'done':
      return 'Done';
    case 'failed':
      return 'Failed';
  }
}

/** Reports a federation's state as job progress, with one loss point per finished round. */
function reporter(control: JobControl, base: Pick<FederationProgress, 'role'>) {
  let last: FederationProgress = { role: base.role, phase: 'starting', round: 0, rounds: 0, participants: [], spec: null, coordinator: null };
  const pointed = new Set<number>();
  return {
    get state(): FederationProgress {
      return last;
    },
    report(update: Partial<FederationProgress>): void {
      last = { ...last, ...update };
      control.progress({ fraction: fractionOf(last.phase, last.round, last.rounds), stage: stageText(last), message: messageOf(last), federation: last });
    },
    /** The mean training loss of a finished round, once. */
    point(round: number, trainLoss: number | null): void {
      if (trainLoss === null || !Number.isFinite(trainLoss) || pointed.has(round)) return;
      pointed.add(round);
      control.progress({ fraction: -1, stage: '', message: '', point: { fold: null, epoch: round, loss: trainLoss, valLoss: null } });
    },
  };
}

function messageOf(progress: FederationProgress): string {
  const rows = progress.participants.reduce((s, p) => s + (p.rows ?? 0), 0);
  const known = progress.participants.filter((p) => p.rows !== null).length;
  return known ? `${known} office${known === 1 ? '' : 's'}, ${rows.toLocaleString('en-GB')} customers in all` : '';
}

/** Awaits a transport promise; a cancel becomes the `cancelled` error, whatever the transport threw. */
async function orCancelled<T>(promise: Promise<T>, signal: AbortSignal, control: JobControl): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (signal.aborted) control.checkCancelled();
    if (error instanceof AppError) throw error;
    throw new AppError('job-failed', `The federation stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Finished = { weights: Float32Array; encoding: FederationSpecEncoding; rounds: number; epsilon: number | null };
type FederationSpecEncoding = Parameters<typeof aucOf>[2];

/** Scores this office's held-out rows with the federated model and with a local model of the same spec. */
async function evaluate(spec: FederationSpec, rows: OfficeRows, finished: Finished, control: JobControl, engines: FederationEngines) {
  control.progress({ fraction: FEDERATION_SHARE, stage: 'Scoring this office’s held-out customers', message: `${rows.heldOut.rows.length.toLocaleString('en-GB')} customers kept out of training` });
  const { tf } = await engines.loadTf();
  const federatedNet = netFromWeights(finished.weights, finished.encoding.width, spec.model.hidden);
  const federatedAuc = aucOf(tf, federatedNet, finished.encoding, rows.heldOut);
  control.progress({ fraction: 0.9, stage: 'Training this office’s own model for comparison', message: 'Same spec, this office’s rows only' });
  const local = await trainLocal(tf, spec, rows.train, { checkCancelled: () => control.checkCancelled() });
  const localAuc = aucOf(tf, local.net, local.encoding, rows.heldOut);
  const heldOutPositives = labelsOf(rows.heldOut).reduce((s, v) => s + v, 0);
  return { heldOutRows: rows.heldOut.rows.length, heldOutPositives, federatedAuc, localAuc, trainRows: rows.train.rows.length, cutoff: rows.cutoff };
}

/** `federate.coordinate`: the coordinator, with this workspace as one of the offices. */
export async function coordinateFederation(db: Db, input: FederateCoordinateInput, control: JobControl, engines: FederationEngines = realFederationEngines): Promise<FederateJobResult> {
  const spec = federationSpecSchema.parse(input.spec);
  const progress = reporter(control, { role: 'coordinator' });
  progress.report({ phase: 'starting', rounds: spec.rounds, spec });
  const rows = officeRows(db, spec);
  control.checkCancelled();
  const { signal, stop } = cancelSignal(control);
  let coordinator: Awaited<ReturnType<typeof serveCoordinator>> | null = null;
  const history: Array<{ round: number; trainLoss: number | null }> = [];
  try {
    const onChange = (state: CoordinatorState): void => {
      for (const h of state.history) {
        if (!history.some((k) => k.round === h.round)) history.push({ round: h.round, trainLoss: h.trainLoss });
        progress.point(h.round, h.trainLoss);
      }
      progress.report({
        phase: PHASE[state.phase],
        round: state.round,
        participants: state.participants.map((p) => ({ name: p.name, rows: p.rows, state: p.state })),
      });
    };
    coordinator = await orCancelled(
      engines.serveCoordinator({ spec, offices: [input.office, ...input.offices], host: input.host, port: input.port, onChange, signal }),
      signal,
      control,
    );
    const own = coordinator.invitations.find((i) => i.office === input.office);
    if (!own) throw new AppError('internal', 'The coordinator issued no invitation for this office.');
    progress.report({
      phase: 'joining',
      coordinator: `${coordinator.host}:${coordinator.port}`,
      invitations: coordinator.invitations.filter((i) => i !== own),
      participants: [input.office, ...input.offices].map((name) => ({ name, rows: null, state: 'invited' })),
    });
    const finished = coordinator.finished;
    const joined = engines.joinFederation({ code: own.code, rows: rows.train, name: input.office, signal });
    // Both run together; whichever fails first ends the job (the other's rejection is then expected, not unhandled).
    finished.catch(() => undefined);
    joined.catch(() => undefined);
    const [done, mine] = await orCancelled(Promise.all([finished, joined]), signal, control);
    const state = done.state;
    onChange(state);
    const participants = state.participants.filter((p) => p.state !== 'dropped' && p.state !== 'invited').map((p) => ({ name: p.name, rows: p.rows }));
    control.checkCancelled();
    const evaluation = await evaluate(spec, rows, { weights: done.weights, encoding: done.encoding, rounds: mine.rounds, epsilon: state.epsilon ?? mine.epsilon }, control, engines);
    control.checkCancelled();
    const modelId = insertFederatedModel(db, {
      role: 'coordinator',
      spec,
      encoding: done.encoding,
      weights: done.weights,
      rounds: mine.rounds,
      epsilon: state.epsilon ?? mine.epsilon,
      participants,
      evaluation,
      history: state.history.map((h) => ({ round: h.round, trainLoss: h.trainLoss })),
    });
    progress.report({ phase: 'done', invitations: [] });
    return { modelId, federatedAuc: evaluation.federatedAuc, localAuc: evaluation.localAuc, heldOutRows: evaluation.heldOutRows, rounds: mine.rounds };
  } finally {
    stop();
    await coordinator?.close().catch(() => undefined);
  }
}

/** How long a joining office waits for the user to accept the proposed spec before giving up. */
const APPROVAL_TIMEOUT_MS = 30 * 60_000;

/** Resolves once the user has agreed (federate.accept); throws when the job is cancelled or nobody answers. */
async function waitForApproval(control: JobControl, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  while (!control.agreed?.()) {
    if (signal.aborted) control.checkCancelled();
    control.checkCancelled();
    if (Date.now() - started > APPROVAL_TIMEOUT_MS) throw new AppError('job-failed', 'Nobody accepted the proposed model within 30 minutes; nothing was sent.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The coordinator's address an invitation code names, or null when it is not a code the transport can read. */
function coordinatorOf(code: string): string | null {
  try {
    const invitation = parseInvitation(code);
    return `${invitation.host}:${invitation.port}`;
  } catch {
    return null;
  }
}

/** `federate.participate`: joins another office's federation with this workspace's rows, once the user accepts its spec. */
export async function participateInFederation(db: Db, input: FederateParticipateInput, control: JobControl, engines: FederationEngines = realFederationEngines): Promise<FederateJobResult> {
  const progress = reporter(control, { role: 'office' });
  // Who coordinates, read from the code itself, for the review (the transport refuses a malformed code with the reason).
  progress.report({ phase: 'joining', coordinator: coordinatorOf(input.code) });
  const { signal, stop } = cancelSignal(control);
  // The transport takes the rows with the code, but which rows depends on the spec the coordinator sends back:
  // the table is filled in onSpec, after the spec was checked and accepted, before any statistic is computed.
  const rows: RawTable = { columns: [], rows: [] };
  let split: OfficeRows | null = null;
  let accepted: FederationSpec | null = null;
  const history: Array<{ round: number; trainLoss: number | null }> = [];
  let lastRound = 0;
  let roundLoss: number | null = null;
  try {
    const onSpec = async (raw: FederationSpec): Promise<void> => {
      const spec = federationSpecSchema.parse(raw);
      split = officeRows(db, spec);
      progress.report({ phase: 'approval', spec, rounds: spec.rounds, participants: [{ name: input.office, rows: split.train.rows.length, state: 'this office' }] });
      await waitForApproval(control, signal);
      rows.columns = split.train.columns;
      rows.rows = split.train.rows;
      accepted = spec;
      progress.report({ phase: 'agreeing' });
    };
    const result = await orCancelled(
      engines.joinFederation({
        code: input.code,
        rows,
        name: input.office,
        signal,
        onSpec,
        onProgress: (event) => {
          if (event.round > lastRound) {
            if (lastRound > 0) {
              history.push({ round: lastRound, trainLoss: roundLoss });
              progress.point(lastRound, roundLoss);
            }
            lastRound = event.round;
            roundLoss = null;
          }
          if (event.trainLoss !== null) roundLoss = event.trainLoss;
          progress.report({
            phase: event.round > 0 ? 'training' : 'agreeing',
            round: event.round,
            rounds: event.rounds,
            participants: event.participants.map((p) => ({ name: p.name, rows: p.rows, state: p.name === input.office ? 'this office' : 'joined' })),
          });
        },
      }),
      signal,
      control,
    );
    if (lastRound > 0) {
      history.push({ round: lastRound, trainLoss: roundLoss });
      progress.point(lastRound, roundLoss);
    }
    const spec = federationSpecSchema.parse(result.spec);
    if (!accepted || !split || (accepted as FederationSpec).id !== spec.id) throw new AppError('job-failed', 'The coordinator finished a federation this office never accepted; nothing was stored.');
    control.checkCancelled();
    const evaluation = await evaluate(spec, split, result, control, engines);
    control.checkCancelled();
    const participants = progress.state.participants.map((p) => ({ name: p.name, rows: p.rows }));
    const modelId = insertFederatedModel(db, {
      role: 'office',
      spec,
      encoding: result.encoding,
      weights: result.weights,
      rounds: result.rounds,
      epsilon: result.epsilon,
      participants,
      evaluation,
      history,
    });
    progress.report({ phase: 'done' });
    return { modelId, federatedAuc: evaluation.federatedAuc, localAuc: evaluation.localAuc, heldOutRows: evaluation.heldOutRows, rounds: result.rounds };
  } finally {
    stop();
  }
}
