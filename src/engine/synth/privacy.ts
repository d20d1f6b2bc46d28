import type { PrivacyReport } from '../../shared/synth-schemas';
import { createRng, type Rng } from '../kernel/random';
import { rocAuc } from '../ml/metrics';
import { checkSameColumns, closestDistances, numericRanges, packRows, subsample, type PackedRows } from './distance';
import { selectSynthRows } from './raw';
import { SPIKE_SHARE } from './gan/transformer';
import type { SynthColumnData, SynthData } from './types';

/**
 * The privacy report: distance to the closest training record (DCR) for synthetic, holdout and random rows, exact
 * copies, a membership-inference test, and a plain verdict.
 *
 * Verdict thresholds (each one also stated in the reasons it gives):
 * - unsafe when the sampled rows copied training rows exactly at least 5 points more often than unseen real rows
 *   match a training row (excess copy share ≥ 0.05), or the membership-inference AUC is ≥ 0.60, or the synthetic
 *   rows' median DCR is below half the holdout rows' (medianRatio < 0.5);
 * - caution when the excess copy share is ≥ 0.01, the AUC is ≥ 0.55, medianRatio < 0.8, or more than 60 % of the
 *   synthetic rows sit closer to the training rows than to the holdout (closerToTrain > 0.6);
 * - safe otherwise.
 */
export const PRIVACY_THRESHOLDS = {
  unsafe: { excessCopies: 0.05, membershipAuc: 0.6, medianRatio: 0.5 },
  caution: { excessCopies: 0.01, membershipAuc: 0.55, medianRatio: 0.8, closerToTrain: 0.6 },
} as const;

/** Query rows per measured set (synthetic, holdout, random, membership); the nearest-record search is brute force. */
const QUERY_ROWS = 2000;
/** Reference rows a query is compared with (training rows, holdout rows, synthetic rows). */
const REFERENCE_ROWS = 20_000;
const BINS = 20;

/** A row's identity for exact-copy checks: numbers at the column's rounding, dates at their unit, categories by level. */
function cellKey(col: SynthColumnData, r: number): string {
  if (col.kind === 'categorical') {
    const code = col.codes[r] as number;
    return code < 0 ? '\u0000' : `c${col.levels[code] as string}`;
  }
  const v = col.values[r] as number;
  if (Number.isNaN(v)) return '\u0000';
  if (col.kind === 'datetime' && col.dateOnly) return String(Math.round(v / 86400));
  if (col.integer) return String(Math.round(v));
  return String(Math.round(v * 10 ** col.decimals));
}

const rowKey = (data: SynthData, r: number): string => data.columns.map((c) => cellKey(c, r)).join('\u001f');

/** Drops synthetic rows equal to a training row on every learned column (numbers compared after the column's rounding). */
export function dropExactCopies(train: SynthData, synthetic: SynthData): { data: SynthData; dropped: number } {
  checkSameColumns(train, synthetic, 'synthetic');
  const seen = new Set<string>();
  for (let r = 0; r < train.rows; r++) seen.add(rowKey(train, r));
  const kept: number[] = [];
  for (let r = 0; r < synthetic.rows; r++) if (!seen.has(rowKey(synthetic, r))) kept.push(r);
  if (kept.length === synthetic.rows) return { data: synthetic, dropped: 0 };
  return { data: selectSynthRows(synthetic, kept), dropped: synthetic.rows - kept.length };
}

/** Rows drawn uniformly from each column's training range (numbers, dates) or levels, missing at the column's share. */
function randomRows(train: SynthData, rows: number, rng: Rng): SynthData {
  const columns = train.columns.map((col): SynthColumnData => {
    if (col.kind === 'categorical') {
      const present = [...new Set(Array.from(col.codes).filter((c) => c >= 0))];
      const missing = 1 - Array.from(col.codes).filter((c) => c >= 0).length / Math.max(1, col.codes.length);
      const codes = Int32Array.from({ length: rows }, () => (present.length === 0 || rng() < missing ? -1 : (present[Math.floor(rng() * present.length)] as number)));
      return { ...col, codes };
    }
    const present = col.values.filter((v) => !Number.isNaN(v));
    const low = present.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const high = present.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    const missing = 1 - present.length / Math.max(1, col.values.length);
    const values = Float64Array.from({ length: rows }, () => (present.length === 0 || rng() < missing ? Number.NaN : low + rng() * (high - low)));
    return { ...col, values };
  });
  return { rows, columns };
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function histogram(sets: { synthetic: Float64Array; holdout: Float64Array; random: Float64Array }): PrivacyReport['dcr']['bins'] {
  let top = 0;
  for (const set of Object.values(sets)) for (const v of set) top = Math.max(top, v);
  if (top === 0) return [{ upTo: 0, synthetic: 1, holdout: 1, random: 1 }];
  const width = top / BINS;
  const share = (set: Float64Array, k: number): number => {
    if (set.length === 0) return 0;
    let n = 0;
    for (const v of set) if (Math.min(BINS - 1, Math.floor(v / width)) === k) n++;
    return n / set.length;
  };
  return Array.from({ length: BINS }, (_, k) => ({ upTo: width * (k + 1), synthetic: share(sets.synthetic, k), holdout: share(sets.holdout, k), random: share(sets.random, k) }));
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

type Measures = { copyShare: number; holdoutMatchShare: number; membershipAuc: number; medianRatio: number; closerToTrain: number };

/** The verdict and its reasons, from the thresholds in PRIVACY_THRESHOLDS. */
export function privacyVerdict(m: Measures): { verdict: PrivacyReport['verdict']; reasons: string[] } {
  const { unsafe, caution } = PRIVACY_THRESHOLDS;
  const bad: string[] = [];
  const warn: string[] = [];
  const excess = m.copyShare - m.holdoutMatchShare;
  const copies = `${pct(m.copyShare)} of the sampled rows copied a training row exactly (unseen real rows match one ${pct(m.holdoutMatchShare)} of the time)`;
  if (excess >= unsafe.excessCopies) bad.push(`${copies}: ${pct(unsafe.excessCopies)} more or worse is unsafe. The copies were dropped, but the model memorises rows.`);
  else if (excess >= caution.excessCopies) warn.push(`${copies}: from ${pct(caution.excessCopies)} more it calls for caution. The copies were dropped.`);
  const auc = `An attacker who knows a person's record tells training rows from unseen ones with an AUC of ${m.membershipAuc.toFixed(3)} (0.5 is a coin toss)`;
  if (m.membershipAuc >= unsafe.membershipAuc) bad.push(`${auc}: ${unsafe.membershipAuc} or more is unsafe.`);
  else if (m.membershipAuc >= caution.membershipAuc) warn.push(`${auc}: from ${caution.membershipAuc} it calls for caution.`);
  const ratio = `Synthetic rows sit at ${m.medianRatio.toFixed(2)} times the distance from training rows that unseen real rows do (median)`;
  if (m.medianRatio < unsafe.medianRatio) bad.push(`${ratio}: below ${unsafe.medianRatio} is unsafe, the twin hugs real people.`);
  else if (m.medianRatio < caution.medianRatio) warn.push(`${ratio}: below ${caution.medianRatio} calls for caution.`);
  if (m.closerToTrain > caution.closerToTrain) {
    warn.push(`${pct(m.closerToTrain)} of synthetic rows are closer to a training row than to any unseen row (50 % is ideal; above ${pct(caution.closerToTrain)} calls for caution).`);
  }
  if (bad.length > 0) return { verdict: 'unsafe', reasons: [...bad, ...warn] };
  if (warn.length > 0) return { verdict: 'caution', reasons: warn };
  return {
    verdict: 'safe',
    reasons: [
      `Membership inference AUC ${m.membershipAuc.toFixed(3)} (below ${caution.membershipAuc}), median distance ratio ${m.medianRatio.toFixed(2)} (at least ${caution.medianRatio}), ${pct(m.closerToTrain)} of synthetic rows closer to training rows than to unseen ones (at most ${pct(caution.closerToTrain)}).`,
    ],
  };
}

/** e^ε as a marketer reads it: 20.1, 148, 22,026, or 2.7e+43 for a budget that guarantees little. */
const factor = (x: number): string => (x < 10 ? x.toFixed(1) : x < 1e9 ? Math.round(x).toLocaleString('en') : x.toExponential(1));

/** What a differentially private training guarantees, in one sentence (added to the verdict's reasons). */
export function dpReason(dp: { epsilon: number; delta: number }): string {
  return `The GAN was trained with differential privacy (DP-SGD, ε = ${dp.epsilon.toFixed(2)}, δ = 1 in ${Math.round(1 / dp.delta).toLocaleString('en')}): whether or not any one person's row was learned changes the chance of any twin by at most a factor of ${factor(Math.exp(dp.epsilon))} (beyond a chance of δ). The column encodings (each number column's modes, its values that hold at least ${SPIKE_SHARE * 100} % of the rows, the categories and how often each occurs) were read from the data without noise.`;
}

/**
 * The privacy report for a twin (after its exact copies were dropped: `opts.exactCopies` says how many). Each set is
 * subsampled to at most 2,000 query rows; distances go to at most 20,000 reference rows. `closerToTrain` compares
 * each synthetic row's DCR to as many training rows as there are holdout rows (so 0.5 is the ideal whatever the
 * holdout share), ties counting one half. Membership inference: the attacker scores each training and holdout row
 * (as many of each) by how close the nearest synthetic row is. `opts.checkCancelled` (a job's) stops it between rows.
 */
export function privacyReport(
  train: SynthData,
  holdout: SynthData,
  synthetic: SynthData,
  opts: { seed: number; exactCopies: number; dp: { epsilon: number; delta: number } | null; queryRows?: number; checkCancelled?: () => void },
): PrivacyReport {
  checkSameColumns(train, holdout, 'holdout');
  checkSameColumns(train, synthetic, 'synthetic');
  const queryRows = opts.queryRows ?? QUERY_ROWS;
  const rng = createRng(opts.seed, 91);
  const ranges = numericRanges(train);
  const nearest = (query: PackedRows, reference: PackedRows): Float64Array => closestDistances(query, reference, opts.checkCancelled);
  const pack = (data: SynthData, count: number) => packRows(data, ranges, subsample(data.rows, count, rng));
  const trainRef = pack(train, REFERENCE_ROWS);
  const syntheticQuery = pack(synthetic, queryRows);
  const holdoutQuery = pack(holdout, queryRows);
  const dcrSynthetic = nearest(syntheticQuery, trainRef);
  const dcrHoldout = nearest(holdoutQuery, trainRef);
  const dcrRandom = nearest(pack(randomRows(train, queryRows, rng), queryRows), trainRef);

  const equalTrain = pack(train, Math.min(holdout.rows, REFERENCE_ROWS));
  const toTrain = nearest(syntheticQuery, equalTrain);
  const toHoldout = nearest(syntheticQuery, pack(holdout, REFERENCE_ROWS));
  let closer = 0;
  for (let i = 0; i < toTrain.length; i++) closer += (toTrain[i] as number) < (toHoldout[i] as number) ? 1 : toTrain[i] === toHoldout[i] ? 0.5 : 0;

  const members = Math.min(queryRows, train.rows, holdout.rows);
  const syntheticRef = pack(synthetic, REFERENCE_ROWS);
  const memberDcr = nearest(pack(train, members), syntheticRef);
  const outsiderDcr = nearest(pack(holdout, members), syntheticRef);
  const labels = new Uint8Array(2 * members).fill(1, 0, members);
  const closeness = new Float64Array(2 * members);
  memberDcr.forEach((d, i) => (closeness[i] = -d));
  outsiderDcr.forEach((d, i) => (closeness[members + i] = -d));
  const auc = members > 0 && synthetic.rows > 0 ? rocAuc(labels, closeness) : Number.NaN;
  const membershipAuc = Number.isNaN(auc) ? 0.5 : auc;

  const syntheticMedian = median(dcrSynthetic);
  const holdoutMedian = median(dcrHoldout);
  // A small floor keeps the ratio finite when unseen real rows often equal a training row (all-category tables).
  const medianRatio = (syntheticMedian + 1e-6) / (holdoutMedian + 1e-6);
  const closerToTrain = syntheticQuery.rows > 0 ? closer / syntheticQuery.rows : 0.5;
  const copyShare = opts.exactCopies / Math.max(1, synthetic.rows + opts.exactCopies);
  const holdoutMatchShare = dcrHoldout.length ? dcrHoldout.filter((d) => d === 0).length / dcrHoldout.length : 0;
  const { verdict, reasons } = privacyVerdict({ copyShare, holdoutMatchShare, membershipAuc, medianRatio, closerToTrain });
  return {
    exactCopies: opts.exactCopies,
    rows: synthetic.rows,
    dcr: {
      syntheticMedian,
      holdoutMedian,
      randomMedian: median(dcrRandom),
      medianRatio,
      closerToTrain,
      bins: histogram({ synthetic: dcrSynthetic, holdout: dcrHoldout, random: dcrRandom }),
    },
    membershipAuc,
    verdict,
    reasons: opts.dp ? [...reasons, dpReason(opts.dp)] : reasons,
    dp: opts.dp ? { epsilon: opts.dp.epsilon, delta: opts.dp.delta } : null,
  };
}
