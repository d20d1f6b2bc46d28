import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { AppError } from '../../shared/errors';
import { federationMessageSchema, federationSpecSchema, type FederationMessage, type FederationSpec, type SimulateResult } from '../../shared/federate-schemas';
import type { Tf } from '../ml/backend';
import { encodeTarget, levelOf, parseNumber } from '../ml/encoder';
import { createRng, stratifiedSplit } from '../ml/folds';
import { rocAuc } from '../ml/metrics';
import { columnIndex, selectRows, type RawTable } from '../ml/table';
import { defaultTrainOptions, initialNet, predictLogits, trainNet } from '../ml/trainer';
import { agreeEncoding, encodeAgreed, officeStats } from './agreement';
import { createCoordinator, createOffice, type CoordinatorSession, type OfficeSession } from './protocol';
import { flatToNet, layerSizes, toBase64 } from './weights';

/**
 * `federate simulate`: one table split into offices by a column, a stratified share of every office's rows held out
 * as the common test set, and the whole protocol run in this process (coordinator and offices exchanging the same
 * messages a transport would carry, checked against the message schema). Beside it, the same network trained
 * centrally on all training rows, and each office's model trained on its own rows alone, all scored on the held-out rows.
 */

export type SimulateOptions = {
  target: string;
  positive?: string;
  splitBy: string;
  rounds: number;
  secure: boolean;
  dpEpsilon?: number;
  seed: number;
  /** Columns left out of the features (ids, free text). */
  exclude?: string[];
  /** Share of each office's rows held out for scoring (default 0.2). */
  holdout?: number;
  model?: Partial<FederationSpec['model']>;
};

export type SimulateHooks = {
  onProgress?(p: { fraction: number; stage: string; message: string }): void;
  checkCancelled?(): void;
  /** Tests: sees every message the coordinator receives, as it travelled. */
  onCoordinatorReceives?(from: string, message: FederationMessage): void;
  /** Tests: this office goes away when the given round reaches it (the coordinator's drop()). */
  dropOffice?: { name: string; round: number };
};

export type SimulateDetails = SimulateResult & {
  federatedWithoutDp: { aucMean: number } | null;
  restarts: number;
  history: Array<{ round: number; offices: number; rows: number; trainLoss: number | null }>;
  features: number;
};

const MIN_OFFICE_ROWS = 20;

/** Feature columns and their types: numbers in every filled cell make a numeric column. */
export function inferFeatures(table: RawTable, leftOut: string[]): FederationSpec['features'] {
  return table.columns
    .filter((c) => !leftOut.includes(c))
    .map((name) => {
      const j = table.columns.indexOf(name);
      const values = table.rows.map((r) => parseNumber(r[j] ?? null));
      const numeric = values.every((v) => v !== undefined) && values.some((v) => v !== null);
      return { name, type: numeric ? ('numeric' as const) : ('categorical' as const) };
    });
}

/** Splits rows by a column's value: the offices, largest first. */
function splitOffices(table: RawTable, column: string): Array<{ name: string; rows: number[] }> {
  const j = columnIndex(table, column, 'splitBy');
  const groups = new Map<string, number[]>();
  table.rows.forEach((r, i) => {
    const name = levelOf(r[j] ?? null);
    const list = groups.get(name) ?? [];
    list.push(i);
    groups.set(name, list);
  });
  const offices = [...groups.entries()].map(([name, rows]) => ({ name, rows })).sort((a, b) => b.rows.length - a.rows.length || (a.name < b.name ? -1 : 1));
  if (offices.length < 2) throw new AppError('bad-input', `The column "${column}" holds one value only: it cannot split the table into offices.`, { column, field: 'splitBy' });
  if (offices.length > 50) throw new AppError('bad-input', `The column "${column}" holds ${offices.length} values; a federation takes at most 50 offices.`, { column, field: 'splitBy' });
  const small = offices.find((o) => o.rows.length < MIN_OFFICE_ROWS);
  if (small) {
    throw new AppError('bad-input', `The office "${small.name}" would have ${small.rows.length} rows; every office needs at least ${MIN_OFFICE_ROWS}. Split by another column.`, {
      column,
      field: 'splitBy',
    });
  }
  return offices;
}

type Office = { name: string; officeId: string; token: string; train: RawTable; test: RawTable; session: OfficeSession };

/**
 * Runs the protocol in memory: every message is serialised, parsed by the schema, and delivered in order (first in,
 * first out). Returns how many rounds were restarted; throws when the federation did not finish.
 */
export async function runInMemory(
  coordinator: CoordinatorSession,
  offices: Array<{ name: string; officeId: string; session: OfficeSession }>,
  hooks: Pick<SimulateHooks, 'checkCancelled' | 'onCoordinatorReceives' | 'dropOffice'> = {},
  progress: (fraction: number, message: string) => void = () => undefined,
): Promise<number> {
  const rounds = coordinator.state.spec.rounds;
  type Letter = { from: string; to: string; message: FederationMessage };
  const travel = (message: FederationMessage): FederationMessage => federationMessageSchema.parse(JSON.parse(JSON.stringify(message)));
  const queue: Letter[] = offices.map((o) => ({ from: o.officeId, to: 'coordinator', message: o.session.join() }));
  const gone = new Set<string>();
  let restarts = 0;
  while (queue.length > 0) {
    hooks.checkCancelled?.();
    const letter = queue.shift() as Letter;
    const message = travel(letter.message);
    if (letter.to === 'coordinator') {
      if (gone.has(letter.from)) continue;
      hooks.onCoordinatorReceives?.(letter.from, message);
      for (const out of coordinator.receive(letter.from, message)) queue.push({ from: 'coordinator', to: out.to, message: out.message });
      continue;
    }
    const office = offices.find((o) => o.officeId === letter.to) as (typeof offices)[number];
    if (gone.has(office.officeId)) continue;
    if (message.type === 'round' && hooks.dropOffice && hooks.dropOffice.name === office.name && message.round === hooks.dropOffice.round) {
      // The office goes away mid-round: the coordinator notices (a closed connection, a missed deadline).
      gone.add(office.officeId);
      const before = coordinator.state.attempt;
      for (const out of coordinator.drop(office.officeId)) queue.push({ from: 'coordinator', to: out.to, message: out.message });
      if (coordinator.state.attempt > before) restarts++;
      continue;
    }
    if (message.type === 'round') progress(0.05 + (0.6 * (message.round - 1)) / rounds, `Round ${message.round} of ${rounds}, attempt ${message.attempt}: ${office.name} trains`);
    for (const reply of await office.session.receive(message)) queue.push({ from: office.officeId, to: 'coordinator', message: reply });
  }
  const state = coordinator.state;
  if (state.phase !== 'done') {
    throw new AppError('job-failed', `The federation did not finish (it stopped in the ${state.phase} phase).`, { field: 'federation' });
  }
  return restarts;
}

/** Splits, federates, and compares with the central and the local-only models on the same held-out rows. */
export async function simulateFederation(tf: Tf, table: RawTable, options: SimulateOptions, hooks: SimulateHooks = {}): Promise<SimulateDetails> {
  const started = performance.now();
  const progress = (fraction: number, message: string): void => hooks.onProgress?.({ fraction, stage: 'Federated training', message });
  columnIndex(table, options.target, 'target');
  for (const c of options.exclude ?? []) columnIndex(table, c, 'exclude');
  const y = encodeTarget(table, options.target, options.positive);
  const groups = splitOffices(table, options.splitBy);
  const rng = createRng(options.seed, 1515);
  const holdout = options.holdout ?? 0.2;
  const testRows: number[] = [];
  const split = groups.map((g) => {
    const yg = Uint8Array.from(g.rows, (r) => y[r] as number);
    const s = stratifiedSplit(yg, holdout, rng);
    const test = Array.from(s.validation, (k) => g.rows[k] as number);
    testRows.push(...test);
    return { name: g.name, train: Array.from(s.train, (k) => g.rows[k] as number), test };
  });
  const features = inferFeatures(table, [options.target, ...(options.exclude ?? [])]);
  const spec = federationSpecSchema.parse({
    id: randomUUID(),
    name: `Simulated federation on ${options.target}`,
    source: { kind: 'file' },
    target: options.target,
    ...(options.positive !== undefined ? { positive: options.positive } : {}),
    features,
    model: { ...options.model },
    rounds: options.rounds,
    secure: options.secure,
    dp: options.dpEpsilon !== undefined ? { epsilon: options.dpEpsilon } : null,
    minOffices: 2,
    seed: options.seed,
  });
  const testTable = selectRows(table, testRows);
  const yTest = Uint8Array.from(testRows, (r) => y[r] as number);

  const federate = async (run: FederationSpec, observe: boolean) => {
    const offices: Office[] = split.map((s, i) => {
      const officeId = `office-${i + 1}`;
      const token = randomBytes(24).toString('hex');
      const train = selectRows(table, s.train);
      const session = createOffice({ federationId: run.id, name: s.name, token, rows: train, tf, seed: options.seed + i });
      return { name: s.name, officeId, token, train, test: selectRows(table, s.test), session };
    });
    const coordinator = createCoordinator({
      spec: run,
      invitations: offices.map((o) => ({ officeId: o.officeId, name: o.name, token: o.token })),
      boxKey: toBase64(x25519.utils.randomSecretKey()),
      signKey: toBase64(ed25519.utils.randomSecretKey()),
    });
    const restarts = await runInMemory(coordinator, offices, observe ? hooks : { ...(hooks.checkCancelled ? { checkCancelled: hooks.checkCancelled } : {}) }, progress);
    const result = coordinator.result();
    if (!result) throw new AppError('job-failed', 'The federation finished without a model.', { field: 'federation' });
    const sizes = layerSizes(result.encoding.width, run.model.hidden);
    const test = encodeAgreed(result.encoding, testTable, run.target, run.positive);
    const auc = rocAuc(yTest, predictLogits(tf, flatToNet(result.weights, sizes), test.X, test.rows, test.cols));
    return { auc, restarts, encoding: result.encoding, state: coordinator.state, offices };
  };

  const fed = await federate(spec, true);
  let withoutDp: number | null = null;
  if (spec.dp) {
    progress(0.62, 'The same federation without differential privacy, to show its cost');
    withoutDp = (await federate({ ...spec, dp: null }, false)).auc;
  }

  // The same network and encoding trained on all training rows in one place, for as many epochs as an office ran.
  const epochs = spec.rounds * spec.model.localEpochs;
  const trainOnce = async (rows: RawTable, encoding: ReturnType<typeof agreeEncoding>, stage: string, fraction: number) => {
    hooks.checkCancelled?.();
    progress(fraction, stage);
    const data = encodeAgreed(encoding, rows, spec.target, spec.positive);
    const sizes = layerSizes(encoding.width, spec.model.hidden);
    const fit = await trainNet(
      tf,
      data.X,
      data.rows,
      data.cols,
      data.y,
      { ...defaultTrainOptions, hidden: spec.model.hidden, learningRate: spec.model.learningRate, batchSize: spec.model.batchSize, epochs, validationFraction: 0, seed: spec.seed },
      { ...(hooks.checkCancelled ? { checkCancelled: hooks.checkCancelled } : {}) },
      { net: initialNet(sizes, spec.seed) },
    );
    const test = encodeAgreed(encoding, testTable, spec.target, spec.positive);
    return rocAuc(yTest, predictLogits(tf, fit.net, test.X, test.rows, test.cols));
  };
  const allTrain = selectRows(table, split.flatMap((s) => s.train));
  const central = await trainOnce(allTrain, fed.encoding, 'The central model on all training rows', 0.7);
  const locals: SimulateResult['offices'] = [];
  for (const [i, office] of fed.offices.entries()) {
    // What the office would have alone: its own encoding from its own statistics, its own rows.
    const own = agreeEncoding(officeStats(office.train, spec.features, spec.target, spec.positive), spec.features);
    const auc = await trainOnce(office.train, own, `${office.name} alone`, 0.8 + (0.18 * i) / fed.offices.length);
    locals.push({ name: office.name, rows: office.train.rows.length, localAuc: auc });
  }
  progress(1, `Federated AUC ${fed.auc.toFixed(3)}, central ${central.toFixed(3)}`);
  return {
    federated: { aucMean: fed.auc },
    central: { aucMean: central },
    offices: locals,
    rounds: fed.state.history.length,
    secure: spec.secure,
    epsilon: fed.state.epsilon,
    heldOutRows: testRows.length,
    seconds: (performance.now() - started) / 1000,
    backend: tf.getBackend(),
    federatedWithoutDp: withoutDp === null ? null : { aucMean: withoutDp },
    restarts: fed.restarts,
    history: fed.state.history,
    features: fed.encoding.width,
  };
}
