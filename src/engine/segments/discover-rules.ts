import type { FieldCondition, SegmentRule } from '../../shared/segment-schemas';
import type { DiscoverFeature, FeatureMatrix } from './discover-features';

/**
 * A discovered cluster as an editable rule. Only features that are fields of the rule language can become
 * conditions (category shares are not; a cluster dominated by one category gets `topCategory = X` instead). Each
 * candidate condition is a range between the cluster's own percentiles (5th/10th/25th below, 75th/90th/95th above,
 * or one-sided), rounded outward to readable numbers. Conditions are chosen greedily by how well the rule picks
 * out the cluster's members (F1 of rule against cluster on the buyers evaluated), up to four, stopping when one more
 * no longer helps.
 */

export const MAX_CONDITIONS = 4;
const MIN_GAIN = 0.005;
const LOWER_QUANTILES = [null, 0.05, 0.1, 0.25] as const;
const UPPER_QUANTILES = [null, 0.75, 0.9, 0.95] as const;
/** Rules of one condition are allowed to take a second that costs at most this much F1 (the rule reads as a profile). */
const SECOND_CONDITION_COST = 0.02;
/** A cluster's most common top category becomes a candidate when this share of its members has it. */
const TOP_CATEGORY_SHARE = 0.4;

type Candidate = { feature: string; condition: SegmentRule; passes: Uint8Array };

/** Rounds to two significant figures, down or up, so a bound reads "≥ 520" and still holds the value. */
export function roundOutward(value: number, direction: 'down' | 'up'): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  const scaled = direction === 'down' ? Math.floor(value / step + 1e-9) : Math.ceil(value / step - 1e-9);
  return Number((scaled * step).toPrecision(12));
}

function quantile(sorted: Float64Array, q: number): number {
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
}

function bound(feature: DiscoverFeature, value: number, direction: 'down' | 'up'): number {
  if (feature.unit === 'count') return direction === 'down' ? Math.floor(value) : Math.ceil(value);
  const rounded = roundOutward(value, direction);
  return feature.unit === 'days' ? (direction === 'down' ? Math.floor(rounded) : Math.ceil(rounded)) : rounded;
}

function rangeCondition(feature: DiscoverFeature, lo: number | null, hi: number | null, floor: number): FieldCondition | null {
  const field = feature.field;
  if (!field || (lo === null && hi === null)) return null;
  // "Returns ≤ 0" where nobody has fewer than 0 reads better as "returns = 0".
  if (lo === null && hi !== null && hi <= floor) return { field, op: '=', value: hi };
  if (lo !== null && hi !== null) return lo === hi ? { field, op: '=', value: lo } : { field, op: 'between', value: [lo, hi] };
  return lo !== null ? { field, op: '>=', value: lo } : { field, op: '<=', value: hi as number };
}

/** The range candidates of one feature for one cluster, each with who in the evaluated rows passes it. */
function rangeCandidates(feature: DiscoverFeature, values: Float64Array, rows: Int32Array, inCluster: Uint8Array): Candidate[] {
  const own: number[] = [];
  let baseMin = Infinity;
  let baseMax = -Infinity;
  rows.forEach((i, r) => {
    const v = values[i] as number;
    if (Number.isNaN(v)) return;
    baseMin = Math.min(baseMin, v);
    baseMax = Math.max(baseMax, v);
    if (inCluster[r]) own.push(v);
  });
  if (own.length === 0) return [];
  const sorted = Float64Array.from(own).sort();
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const ql of LOWER_QUANTILES) {
    for (const qh of UPPER_QUANTILES) {
      let lo = ql === null ? null : bound(feature, quantile(sorted, ql), 'down');
      let hi = qh === null ? null : bound(feature, quantile(sorted, qh), 'up');
      if (lo !== null && lo <= baseMin) lo = null;
      if (hi !== null && hi >= baseMax) hi = null;
      const condition = rangeCondition(feature, lo, hi, baseMin);
      const key = JSON.stringify(condition);
      if (!condition || seen.has(key)) continue;
      seen.add(key);
      const passes = new Uint8Array(rows.length);
      rows.forEach((i, r) => {
        const v = values[i] as number;
        passes[r] = !Number.isNaN(v) && (lo === null || v >= lo) && (hi === null || v <= hi) ? 1 : 0;
      });
      out.push({ feature: feature.name, condition, passes });
    }
  }
  return out;
}

function topCategoryCandidate(topCategory: Array<string | null>, rows: Int32Array, inCluster: Uint8Array, size: number): Candidate | null {
  const counts = new Map<string, number>();
  rows.forEach((i, r) => {
    const category = topCategory[i];
    if (inCluster[r] && category) counts.set(category, (counts.get(category) ?? 0) + 1);
  });
  const [category, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [null, 0];
  if (category === null || count < TOP_CATEGORY_SHARE * size) return null;
  const lower = category.toLowerCase();
  const passes = new Uint8Array(rows.length);
  rows.forEach((i, r) => {
    passes[r] = topCategory[i]?.toLowerCase() === lower ? 1 : 0;
  });
  return { feature: 'topCategory', condition: { field: 'topCategory', op: '=', value: category }, passes };
}

/** Review and campaign behaviour as events of the rule language (review stars and engagement are not fields). */
function eventCandidates(events: FeatureMatrix['events'], rows: Int32Array): Candidate[] {
  const pick = (flags: Uint8Array, invert = false): Uint8Array => Uint8Array.from(rows, (i) => ((flags[i] ? 1 : 0) ^ (invert ? 1 : 0)));
  const candidates: Candidate[] = [
    { feature: 'lowReview', condition: { event: 'reviewed', maxRating: 2 }, passes: pick(events.lowReview) },
    { feature: 'highReview', condition: { event: 'reviewed', minRating: 4 }, passes: pick(events.highReview) },
    { feature: 'responded', condition: { event: 'responded', response: 'opened' }, passes: pick(events.responded) },
    { feature: 'responded', condition: { not: { event: 'responded', response: 'opened' } }, passes: pick(events.responded, true) },
  ];
  return candidates.filter((c) => c.passes.some((p) => p === 1));
}

const f1 = (tp: number, fp: number, fn: number): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

/** Does any condition already exclude customers without orders (their recency, tenure and order value are empty)? */
function excludesNonBuyers(conditions: SegmentRule[]): boolean {
  return conditions.some((rule) => {
    if (!('field' in rule)) return false;
    const c = rule;
    if (c.field === 'recencyDays' || c.field === 'tenureDays' || c.field === 'avgOrderValue' || c.field === 'topCategory') return true;
    const low = c.op === 'between' && Array.isArray(c.value) ? c.value[0] : c.op === '>=' || c.op === '=' ? c.value : null;
    return (c.field === 'orders' && typeof low === 'number' && low >= 1) || (c.field === 'revenue' && typeof low === 'number' && low > 0);
  });
}

export type ClusterRule = { rule: SegmentRule; f1: number; conditions: number };

/**
 * The rule for cluster `cluster` given everyone's cluster label, evaluated on `rows` (indices into the matrix: all
 * buyers, or a seeded sample of them at large sizes).
 */
export function clusterRule(matrix: FeatureMatrix, labels: Int32Array, cluster: number, rows: Int32Array): ClusterRule {
  const inCluster = new Uint8Array(rows.length);
  let size = 0;
  rows.forEach((i, r) => {
    if (labels[i] === cluster) {
      inCluster[r] = 1;
      size++;
    }
  });
  const candidates: Candidate[] = [];
  matrix.features.forEach((feature, f) => {
    if (feature.field) candidates.push(...rangeCandidates(feature, matrix.raw[f] as Float64Array, rows, inCluster));
  });
  const byCategory = topCategoryCandidate(matrix.topCategory, rows, inCluster, size);
  if (byCategory) candidates.push(byCategory);
  candidates.push(...eventCandidates(matrix.events, rows));

  const chosen: Candidate[] = [];
  const current = new Uint8Array(rows.length).fill(1);
  let best = f1(size, rows.length - size, 0);
  while (chosen.length < MAX_CONDITIONS) {
    let pick: { candidate: Candidate; score: number } | null = null;
    for (const candidate of candidates) {
      if (chosen.some((c) => c.feature === candidate.feature)) continue;
      let tp = 0;
      let fp = 0;
      for (let r = 0; r < rows.length; r++) {
        if (!current[r] || !candidate.passes[r]) continue;
        if (inCluster[r]) tp++;
        else fp++;
      }
      const score = f1(tp, fp, size - tp);
      if (!pick || score > pick.score) pick = { candidate, score };
    }
    const wanted = chosen.length < 2 ? best - SECOND_CONDITION_COST : best + MIN_GAIN;
    if (!pick || pick.score < wanted) break;
    chosen.push(pick.candidate);
    best = Math.max(best, pick.score);
    for (let r = 0; r < rows.length; r++) current[r] = current[r] && pick.candidate.passes[r] ? 1 : 0;
  }
  const conditions = chosen.map((c) => c.condition);
  // Evaluated on buyers only; in the workspace the rule must not sweep in customers who never ordered.
  if (!excludesNonBuyers(conditions)) {
    const cap = conditions.findIndex((c) => 'field' in c && c.field === 'orders' && c.op === '<=');
    const capped = conditions[cap];
    if (capped && 'field' in capped) conditions[cap] = { field: 'orders', op: 'between', value: [1, capped.value as number] };
    else conditions.unshift({ field: 'orders', op: '>=', value: 1 });
  }
  return { rule: { all: conditions }, f1: best, conditions: chosen.length };
}
