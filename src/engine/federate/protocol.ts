import { timingSafeEqual } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { AppError } from '../../shared/errors';
import type { AgreedEncoding, FederationMessage, FederationSpec, OfficeStats } from '../../shared/federate-schemas';
import { defaultTrainOptions, initialNet, trainNet } from '../ml/trainer';
import type { Tf } from '../ml/backend';
import type { RawTable } from '../ml/table';
import { agreeEncoding, encodeAgreed, officeStats, sumStats } from './agreement';
import { addGaussianNoise, clipL2, epsilonFor, noiseMultiplierFor } from '../dp/rdp';
import { fixedPointScale, maskKeyPair, maskUpdate, ringSum, secureClip, toRing } from './secure-aggregation';
import { base64ToFloats, base64ToRing, flatLength, flatToNet, floatsToBase64, fromBase64, layerSizes, netToFlat, ringToBase64, toBase64 } from './weights';

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
  /** Added by the core: the agreed encoding once planned (null before). */
  readonly encoding: AgreedEncoding | null;
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
  /** Added by the core: this office's id once welcomed, its Ed25519 public key (base64, for package signatures). */
  readonly officeId: string | null;
  readonly signPublicKey: string;
  /** Added by the core: the federated model once the coordinator sent `done`. */
  result(): { weights: Float32Array; encoding: AgreedEncoding; rounds: number; epsilon: number | null } | null;
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
  /** Added by the core: the TensorFlow.js to train with (default: loadTf()). */
  tf?: Tf;
  /** Added by the core: this office's long-term Ed25519 secret key (base64); a fresh one when absent. */
  signKey?: string;
};

const fail = (message: string, field = 'message'): never => {
  throw new AppError('bad-input', message, { field });
};

/** The noise each office adds and the clip of the fixed-point ring, for a round with `offices` participants. */
export function roundArithmetic(spec: FederationSpec, noiseMultiplier: number | null, offices: number) {
  const clip = spec.dp?.clip ?? 0;
  // With secure aggregation the coordinator sees only the sum, so the noise is split: n · (σ/√n)² = σ².
  const noiseStd = noiseMultiplier === null ? 0 : (noiseMultiplier * clip) / (spec.secure ? Math.sqrt(offices) : 1);
  const ringClip = secureClip(noiseStd);
  return { noiseStd, ringClip, scale: spec.secure ? fixedPointScale(offices, ringClip) : 1 };
}

/** The noise multiplier the spec's privacy budget asks for over its rounds, or null without DP. */
export const specNoiseMultiplier = (spec: FederationSpec): number | null => (spec.dp ? noiseMultiplierFor(spec.dp.epsilon, spec.rounds, spec.dp.delta) : null);

type Member = {
  officeId: string;
  name: string;
  token: string;
  state: CoordinatorState['participants'][number]['state'];
  maskKey: string | null;
  signKey: string | null;
  stats: OfficeStats | null;
};

type Received = { vector: string; masked: boolean; rows: number; trainLoss: number | null };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The coordinator: admits invited offices, agrees the encoding from their statistics, runs the rounds, sums updates. */
export function createCoordinator(options: CoordinatorOptions): CoordinatorSession {
  const { spec } = options;
  const boxPublic = toBase64(x25519.getPublicKey(fromBase64(options.boxKey, 'boxKey')));
  const signPublic = toBase64(ed25519.getPublicKey(fromBase64(options.signKey, 'signKey')));
  const members: Member[] = options.invitations.map((i) => ({ ...i, state: 'invited', maskKey: null, signKey: null, stats: null }));
  if (new Set(members.map((m) => m.officeId)).size !== members.length) fail('Two invitations name the same office.', 'invitations');
  if (new Set(members.map((m) => m.token)).size !== members.length) fail('Two invitations share a token.', 'invitations');
  const noiseMultiplier = specNoiseMultiplier(spec);
  const state: CoordinatorState = { phase: 'joining', spec, participants: [], round: 0, attempt: 0, history: [], epsilon: spec.dp ? 0 : null };
  let encoding: AgreedEncoding | null = null;
  let sizes: number[] = [];
  let global: Float32Array = new Float32Array(0);
  let roundMembers: string[] = [];
  let received = new Map<string, Received>();
  // The model handed out at the end is the mean of the global weights of the last quarter of the rounds
  // (Polyak–Ruppert averaging): it smooths the round-to-round swing that offices with very different data cause.
  let tail: Float64Array | null = null;
  let tailRounds = 0;
  let abandoned = 0;
  const tailFrom = (): number => spec.rounds - Math.max(1, Math.ceil(spec.rounds / 4)) + 1;

  const publish = (): void => {
    state.participants = members.map((m) => ({ officeId: m.officeId, name: m.name, rows: m.stats?.rows ?? null, state: m.state }));
  };
  publish();
  const live = (): Member[] => members.filter((m) => m.state !== 'dropped');
  const member = (officeId: string): Member => members.find((m) => m.officeId === officeId) ?? fail(`There is no office "${officeId}" in this federation.`, 'officeId');
  const failAll = (message: string): Outgoing[] => {
    state.phase = 'failed';
    publish();
    return live().map((m) => ({ to: m.officeId, message: { type: 'failed', message } }));
  };

  const roundMessages = (): Outgoing[] => {
    received = new Map();
    roundMembers = live().map((m) => m.officeId);
    for (const m of live()) m.state = 'training';
    publish();
    const weights = floatsToBase64(global);
    return roundMembers.map((to) => ({ to, message: { type: 'round', round: state.round, attempt: state.attempt, participants: roundMembers, weights } }));
  };

  const maybePlan = (): Outgoing[] => {
    const alive = live();
    if (state.phase !== 'joining' && state.phase !== 'stats') return [];
    if (alive.some((m) => m.stats === null)) return [];
    if (alive.length < spec.minOffices) {
      return members.every((m) => m.state !== 'invited') ? failAll(`Only ${alive.length} offices are left; this federation needs ${spec.minOffices}.`) : [];
    }
    const total = sumStats(alive.map((m) => m.stats as OfficeStats));
    encoding = agreeEncoding(total, spec.features);
    sizes = layerSizes(encoding.width, spec.model.hidden);
    global = netToFlat(initialNet(sizes, spec.seed));
    for (const m of alive) m.state = 'ready';
    state.phase = 'training';
    state.round = 1;
    state.attempt = 1;
    const participants = alive.map((m) => ({ officeId: m.officeId, name: m.name, rows: (m.stats as OfficeStats).rows, maskKey: m.maskKey as string }));
    const plan: FederationMessage = {
      type: 'plan',
      encoding,
      participants,
      weights: floatsToBase64(global),
      totalRows: total.rows,
      positives: total.positives,
      ...(noiseMultiplier !== null ? { noiseMultiplier } : {}),
    };
    return [...alive.map((m) => ({ to: m.officeId, message: plan })), ...roundMessages()];
  };

  const aggregate = (): Outgoing[] => {
    const updates = roundMembers.map((id) => received.get(id) as Received);
    const length = flatLength(sizes);
    let sum: Float32Array;
    if (spec.secure) {
      const { scale } = roundArithmetic(spec, noiseMultiplier, roundMembers.length);
      sum = ringSum(updates.map((u) => base64ToRing(u.vector, length)), scale);
    } else {
      sum = new Float32Array(length);
      for (const u of updates) {
        const v = base64ToFloats(u.vector, length, 'vector');
        for (let i = 0; i < length; i++) sum[i] = (sum[i] as number) + (v[i] as number);
      }
    }
    for (let i = 0; i < length; i++) global[i] = (global[i] as number) + (sum[i] as number);
    if (state.round >= tailFrom()) {
      tail ??= new Float64Array(length);
      for (let i = 0; i < length; i++) tail[i] = (tail[i] as number) + (global[i] as number);
      tailRounds++;
    }
    const rows = updates.reduce((s, u) => s + u.rows, 0);
    const losses = updates.filter((u) => u.trainLoss !== null);
    const lossRows = losses.reduce((s, u) => s + u.rows, 0);
    state.history.push({
      round: state.round,
      offices: updates.length,
      rows,
      trainLoss: lossRows > 0 ? losses.reduce((s, u) => s + (u.trainLoss as number) * u.rows, 0) / lossRows : null,
    });
    if (noiseMultiplier !== null && spec.dp) state.epsilon = epsilonFor(noiseMultiplier, state.history.length + abandoned, spec.dp.delta).epsilon;
    if (state.round >= spec.rounds) {
      state.phase = 'done';
      if (tail && tailRounds > 0) global = Float32Array.from(tail, (v) => v / tailRounds);
      for (const m of live()) m.state = 'ready';
      publish();
      const done: FederationMessage = { type: 'done', weights: floatsToBase64(global), rounds: state.history.length, epsilon: state.epsilon };
      return live().map((m) => ({ to: m.officeId, message: done }));
    }
    state.round += 1;
    state.attempt = 1;
    return roundMessages();
  };

  const onJoin = (message: Extract<FederationMessage, { type: 'join' }>): Outgoing[] => {
    if (message.federationId !== spec.id) fail('This invitation is for another federation.', 'federationId');
    const m = members.find((x) => sameToken(x.token, message.token)) ?? fail('This invitation code is not valid for this federation.', 'token');
    if (m.state === 'dropped') fail(`The office "${m.name}" left this federation and cannot rejoin it.`, 'token');
    if (state.phase !== 'joining' && state.phase !== 'stats') fail('This federation has already started training: it takes no new offices.', 'token');
    fromBase64(message.maskKey, 'maskKey');
    fromBase64(message.signKey, 'signKey');
    m.maskKey = message.maskKey;
    m.signKey = message.signKey;
    if (m.state === 'invited') m.state = 'joined';
    if (members.every((x) => x.state !== 'invited')) state.phase = 'stats';
    publish();
    return [{ to: m.officeId, message: { type: 'welcome', spec, officeId: m.officeId, coordinatorBoxKey: boxPublic, coordinatorSignKey: signPublic } }];
  };

  const onUpdate = (m: Member, message: Extract<FederationMessage, { type: 'update' }>): Outgoing[] => {
    // An update of an earlier attempt or round crossed a restart: it is stale, not an error.
    if (state.phase !== 'training' || message.round !== state.round || message.attempt !== state.attempt) return [];
    if (!roundMembers.includes(m.officeId)) fail(`The office "${m.name}" is not part of this round.`, 'officeId');
    if (received.has(m.officeId)) fail(`The office "${m.name}" already sent its update for this round.`, 'officeId');
    if (message.masked !== spec.secure) fail(spec.secure ? 'This federation takes only masked updates.' : 'This federation takes plain updates.', 'masked');
    if (message.rows !== m.stats?.rows) fail(`The office "${m.name}" reported ${m.stats?.rows ?? 0} rows, not ${message.rows}.`, 'rows');
    received.set(m.officeId, { vector: message.vector, masked: message.masked, rows: message.rows, trainLoss: message.trainLoss });
    m.state = 'sent';
    publish();
    return received.size === roundMembers.length ? aggregate() : [];
  };

  return {
    get state() {
      return state;
    },
    get encoding() {
      return encoding;
    },
    receive(from, message) {
      if (state.phase === 'done' || state.phase === 'failed') return [];
      if (message.type === 'join') return onJoin(message);
      const m = member(from);
      if (m.state === 'dropped') return [];
      if (message.type === 'stats') {
        if (message.officeId !== from) fail('An office sent statistics under another office id.', 'officeId');
        if (m.state !== 'joined') fail(`The office "${m.name}" sent statistics at the wrong time.`, 'type');
        m.stats = message.stats;
        publish();
        return maybePlan();
      }
      if (message.type === 'update') {
        if (message.officeId !== from) fail('An office sent an update under another office id.', 'officeId');
        return onUpdate(m, message);
      }
      if (message.type === 'failed') return this.drop(from);
      return fail(`An office may not send a "${message.type}" message.`, 'type');
    },
    drop(officeId) {
      const m = member(officeId);
      if (m.state === 'dropped' || state.phase === 'done' || state.phase === 'failed') return [];
      m.state = 'dropped';
      publish();
      if (state.phase !== 'training') {
        if (members.every((x) => x.state !== 'invited')) state.phase = 'stats';
        return maybePlan();
      }
      if (!roundMembers.includes(officeId)) return [];
      if (live().length < spec.minOffices) return failAll(`Only ${live().length} offices are left after "${m.name}" dropped out; this federation needs ${spec.minOffices}.`);
      // Its update is in: every mask will cancel once the others' arrive, so the round completes; later rounds go without it.
      if (received.has(officeId)) return [];
      // Restart the round without it: a new attempt, hence fresh masks among the offices left. No mask is revealed.
      state.attempt += 1;
      // Without masks the coordinator has seen the abandoned attempt's (noised) updates: they count against ε.
      if (!spec.secure) abandoned += 1;
      return roundMessages();
    },
    result() {
      return state.phase === 'done' && encoding ? { weights: Float32Array.from(global), encoding } : null;
    },
  };
}

/** An office: sends statistics of its rows, then trains each round from the global weights and sends only its update. */
export function createOffice(options: OfficeOptions): OfficeSession {
  const masks = maskKeyPair();
  const signSecret = options.signKey ? fromBase64(options.signKey, 'signKey') : ed25519.utils.randomSecretKey();
  const signPublicKey = toBase64(ed25519.getPublicKey(signSecret));
  let spec: FederationSpec | null = null;
  let officeId: string | null = null;
  let stats: OfficeStats | null = null;
  let plan: Extract<FederationMessage, { type: 'plan' }> | null = null;
  let data: ReturnType<typeof encodeAgreed> | null = null;
  let sizes: number[] = [];
  let trained: { round: number; delta: Float32Array; trainLoss: number | null } | null = null;
  let final: ReturnType<OfficeSession['result']> = null;
  let tf: Tf | null = options.tf ?? null;

  const checkCancelled = (): void => {
    if (options.signal?.aborted) throw new AppError('cancelled', 'Federated training was cancelled.');
  };

  const train = async (message: Extract<FederationMessage, { type: 'round' }>, current: FederationSpec): Promise<{ delta: Float32Array; trainLoss: number | null }> => {
    if (trained?.round === message.round) return trained;
    const start = base64ToFloats(message.weights, flatLength(sizes));
    const d = data as NonNullable<typeof data>;
    tf ??= (await import('../ml/backend').then((m) => m.loadTf())).tf;
    const total = (plan as NonNullable<typeof plan>).totalRows;
    const positives = plan?.positives;
    // Classes weighed as in the pooled data (balanced over all offices), so that offices with very different rates agree.
    const classWeights: [number, number] | undefined =
      positives !== undefined && positives > 0 && positives < total ? [total / (2 * (total - positives)), total / (2 * positives)] : undefined;
    const fit = await trainNet(
      tf,
      d.X,
      d.rows,
      d.cols,
      d.y,
      {
        ...defaultTrainOptions,
        hidden: current.model.hidden,
        learningRate: current.model.learningRate,
        batchSize: current.model.batchSize,
        epochs: current.model.localEpochs,
        validationFraction: 0,
        seed: (options.seed ?? current.seed) * 7919 + message.round,
      },
      {
        checkCancelled,
        onEpoch: (e) => options.onProgress?.({ round: message.round, rounds: current.rounds, stage: `Local epoch ${e.epoch} of ${current.model.localEpochs}`, trainLoss: e.loss }),
      },
      { net: flatToNet(start, sizes), ...(classWeights ? { classWeights } : {}) },
    );
    const local = netToFlat(fit.net);
    const delta = new Float32Array(local.length);
    for (let i = 0; i < local.length; i++) delta[i] = (local[i] as number) - (start[i] as number);
    trained = { round: message.round, delta, trainLoss: fit.history.at(-1)?.loss ?? null };
    return trained;
  };

  const update = (message: Extract<FederationMessage, { type: 'round' }>, current: FederationSpec, delta: Float32Array, trainLoss: number | null): FederationMessage => {
    const p = plan as NonNullable<typeof plan>;
    const self = officeId as string;
    const inRound = p.participants.filter((x) => message.participants.includes(x.officeId));
    if (inRound.length !== message.participants.length) fail('The round names an office that was not in the plan.', 'participants');
    const rowsInRound = inRound.reduce((s, x) => s + x.rows, 0);
    const v = Float32Array.from(delta);
    if (current.dp) clipL2(v, current.dp.clip);
    // Weighted by this office's share of the round's rows: the sum is the row-weighted mean update.
    const share = (data as NonNullable<typeof data>).rows / rowsInRound;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * share;
    const { noiseStd, ringClip, scale } = roundArithmetic(current, p.noiseMultiplier ?? null, inRound.length);
    addGaussianNoise(v, noiseStd);
    const base = { type: 'update' as const, officeId: self, round: message.round, attempt: message.attempt, rows: (data as NonNullable<typeof data>).rows, trainLoss };
    if (!current.secure) return { ...base, vector: floatsToBase64(v), masked: false };
    const { ring } = toRing(v, scale, ringClip);
    const peers = inRound.map((x) => ({ officeId: x.officeId, publicKey: fromBase64(x.maskKey, 'maskKey') }));
    const masked = maskUpdate(ring, { officeId: self, secretKey: masks.secretKey }, peers, { federationId: current.id, round: message.round, attempt: message.attempt });
    return { ...base, vector: ringToBase64(masked), masked: true };
  };

  return {
    get stats() {
      return stats;
    },
    get officeId() {
      return officeId;
    },
    signPublicKey,
    join() {
      return { type: 'join', federationId: options.federationId, office: options.name, token: options.token, maskKey: toBase64(masks.publicKey), signKey: signPublicKey };
    },
    async receive(message) {
      checkCancelled();
      switch (message.type) {
        case 'welcome': {
          if (message.spec.id !== options.federationId) fail('The coordinator answered for another federation.', 'federationId');
          spec = message.spec;
          officeId = message.officeId;
          stats = officeStats(options.rows, spec.features, spec.target, spec.positive);
          return [{ type: 'stats', officeId, stats }];
        }
        case 'plan': {
          if (!spec || !officeId) return fail('The plan came before the welcome.', 'type');
          const mine = message.participants.find((x) => x.officeId === officeId);
          if (!mine || mine.maskKey !== toBase64(masks.publicKey) || mine.rows !== stats?.rows) fail('The plan does not list this office as it joined.', 'participants');
          plan = message;
          data = encodeAgreed(message.encoding, options.rows, spec.target, spec.positive);
          sizes = layerSizes(message.encoding.width, spec.model.hidden);
          base64ToFloats(message.weights, flatLength(sizes));
          return [];
        }
        case 'round': {
          if (!spec || !plan) return fail('A round came before the plan.', 'type');
          if (!message.participants.includes(officeId as string)) return [];
          const { delta, trainLoss } = await train(message, spec);
          options.onProgress?.({ round: message.round, rounds: spec.rounds, stage: 'Update sent', trainLoss });
          return [update(message, spec, delta, trainLoss)];
        }
        case 'done': {
          if (!spec || !plan) return fail('The federation finished before its plan arrived.', 'type');
          final = { weights: base64ToFloats(message.weights, flatLength(sizes)), encoding: plan.encoding, rounds: message.rounds, epsilon: message.epsilon };
          options.onProgress?.({ round: message.rounds, rounds: spec.rounds, stage: 'Done', trainLoss: null });
          return [];
        }
        case 'failed':
          return [];
        default:
          return fail(`The coordinator may not send a "${message.type}" message.`, 'type');
      }
    },
    result() {
      return final;
    },
  };
}
