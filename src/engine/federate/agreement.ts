import type { AgreedEncoding, FederationSpec, OfficeStats } from '../../shared/federate-schemas';
import { AppError } from '../../shared/errors';
import { encodeFeatures, encodeTarget, levelOf, OTHER_LEVEL, parseNumber, type Encoder } from '../ml/encoder';
import { columnIndex, type RawTable } from '../ml/table';

/**
 * The agreement step of a federation: each office sums its own rows into statistics (counts, sums, sums of
 * squares, category counts), the coordinator adds them up and derives one encoding every office then applies
 * to its own rows. No row is ever sent.
 */

/** A category value an office holds fewer times than this is never named to the coordinator: it counts as "(other)". */
export const MIN_LEVEL_COUNT = 5;
/** At most this many values of one column are named per office, and this many levels agreed. */
export const MAX_REPORTED_LEVELS = 100;
export const MAX_LEVELS = 30;

type Feature = FederationSpec['features'][number];

/** The statistics of an office's rows for the spec's features and target. */
export function officeStats(rows: RawTable, features: Feature[], target: string, positive?: string): OfficeStats {
  const y = encodeTarget(rows, target, positive);
  const numeric: OfficeStats['numeric'] = {};
  const categorical: OfficeStats['categorical'] = {};
  for (const feature of features) {
    const j = columnIndex(rows, feature.name, 'features');
    if (feature.type === 'numeric') {
      let count = 0;
      let sum = 0;
      let sumSquares = 0;
      for (const row of rows.rows) {
        const x = parseNumber(row[j] ?? null);
        if (typeof x !== 'number') continue;
        count++;
        sum += x;
        sumSquares += x * x;
      }
      numeric[feature.name] = { count, sum, sumSquares };
    } else {
      const counts = new Map<string, number>();
      for (const row of rows.rows) {
        const level = levelOf(row[j] ?? null);
        counts.set(level, (counts.get(level) ?? 0) + 1);
      }
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const named: Record<string, number> = {};
      let other = 0;
      ranked.forEach(([level, count], i) => {
        // Rare values (an id, a name) would single customers out: they are only counted, never named.
        if (count >= MIN_LEVEL_COUNT && i < MAX_REPORTED_LEVELS && level !== OTHER_LEVEL) named[level] = count;
        else other += count;
      });
      if (other > 0) named[OTHER_LEVEL] = other;
      categorical[feature.name] = named;
    }
  }
  return { rows: rows.rows.length, positives: y.reduce((s, v) => s + v, 0), numeric, categorical };
}

/** The sum of several offices' statistics. */
export function sumStats(all: OfficeStats[]): OfficeStats {
  const total: OfficeStats = { rows: 0, positives: 0, numeric: {}, categorical: {} };
  for (const stats of all) {
    total.rows += stats.rows;
    total.positives += stats.positives;
    for (const [name, s] of Object.entries(stats.numeric)) {
      const t = (total.numeric[name] ??= { count: 0, sum: 0, sumSquares: 0 });
      t.count += s.count;
      t.sum += s.sum;
      t.sumSquares += s.sumSquares;
    }
    for (const [name, counts] of Object.entries(stats.categorical)) {
      const t = (total.categorical[name] ??= {});
      for (const [level, count] of Object.entries(counts)) t[level] = (t[level] ?? 0) + count;
    }
  }
  return total;
}

/**
 * The agreed encoding from summed statistics: numeric columns standardised by the pooled mean and standard
 * deviation (missing values imputed with the mean, plus a "missing" indicator when any office had one); categorical
 * columns one-hot over the levels seen at least MIN_LEVEL_COUNT times in all (at most MAX_LEVELS), rarer and
 * unseen values in "(other)", an empty cell being the level "(missing)". Constant columns are left out.
 */
export function agreeEncoding(total: OfficeStats, features: Feature[]): AgreedEncoding {
  const numeric: AgreedEncoding['numeric'] = [];
  const categorical: AgreedEncoding['categorical'] = [];
  for (const feature of features) {
    if (feature.type === 'numeric') {
      const s = total.numeric[feature.name];
      if (!s || s.count === 0) continue;
      const mean = s.sum / s.count;
      const variance = Math.max(0, s.sumSquares / s.count - mean * mean);
      const std = Math.sqrt(variance);
      const missing = s.count < total.rows;
      if (std <= 1e-9 * Math.max(1, Math.abs(mean)) && !missing) continue;
      numeric.push({ name: feature.name, mean, std: std <= 1e-9 * Math.max(1, Math.abs(mean)) ? 0 : std, missing });
    } else {
      const counts = total.categorical[feature.name] ?? {};
      const ranked = Object.entries(counts)
        .filter(([level]) => level !== OTHER_LEVEL)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const kept = ranked.filter(([, c]) => c >= MIN_LEVEL_COUNT).slice(0, MAX_LEVELS).map(([level]) => level);
      const lumped = (counts[OTHER_LEVEL] ?? 0) > 0 || kept.length < ranked.length;
      const levels = lumped ? [...kept, OTHER_LEVEL] : kept;
      if (levels.length >= 2) categorical.push({ name: feature.name, levels });
    }
  }
  const width = numeric.reduce((n, c) => n + (c.std > 0 ? 1 : 0) + (c.missing ? 1 : 0), 0) + categorical.reduce((n, c) => n + c.levels.length, 0);
  if (width === 0) throw new AppError('bad-input', 'No feature is left to learn from: every one is the same in every row of every office.', { field: 'features' });
  return { numeric, categorical, width };
}

/** The app's encoder (ml/encoder.ts) applying an agreed encoding, so offices encode rows exactly as agreed. */
export function encoderFromAgreement(encoding: AgreedEncoding, target: string): Encoder {
  const columns: Encoder['columns'] = [
    ...encoding.numeric.map((c) => ({ kind: 'numeric' as const, source: c.name, median: c.mean, mean: c.mean, sd: c.std, log: null, missingIndicator: c.missing ?? false })),
    ...encoding.categorical.map((c) => ({ kind: 'categorical' as const, source: c.name, levels: c.levels.filter((l) => l !== OTHER_LEVEL), other: c.levels.includes(OTHER_LEVEL) })),
  ];
  const featureNames = columns.flatMap((c) =>
    c.kind === 'categorical'
      ? [...c.levels.map((l) => `${c.source}=${l}`), ...(c.other ? [`${c.source}=${OTHER_LEVEL}`] : [])]
      : [...(c.sd > 0 ? [c.source] : []), ...(c.missingIndicator ? [`${c.source} missing`] : [])],
  );
  if (featureNames.length !== encoding.width) {
    throw new AppError('bad-input', `The agreed encoding says ${encoding.width} features but describes ${featureNames.length}.`, { field: 'encoding' });
  }
  return { version: 1, target, id: null, columns, dropped: [], featureNames };
}

/** An office's rows encoded as agreed: the feature matrix and the 0/1 outcome. */
export function encodeAgreed(encoding: AgreedEncoding, rows: RawTable, target: string, positive?: string) {
  const encoded = encodeFeatures(encoderFromAgreement(encoding, target), rows);
  return { ...encoded, y: encodeTarget(rows, target, positive) };
}

