import type * as TfModule from '@tensorflow/tfjs';
import type { DiscoverResult } from '../../shared/segment-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import type { DiscoverInput, JobControl } from '../kernel/jobs';
import { loadTf, type Tf } from '../ml/backend';
import { readAsOf } from '../customers/customers-repo';
import { readSettings } from '../workspace/settings';
import { SEGMENT_FROM, compileRule } from './compile';
import { clusterDescription, clusterName, formatters, uniqueNames } from './discover-describe';
import { readFeatureMatrix, type FeatureMatrix } from './discover-features';
import { KMEANS_DEFAULTS, kMeans, sampleIndices, silhouettes, type KMeansFit } from './discover-kmeans';
import { clusterRule } from './discover-rules';

/**
 * `segments.discover`: k-means on standardised behaviour features (discover-features.ts), k chosen by the best
 * silhouette over 2…8 measured on a seeded sample, each cluster named and described from its centre's z-scores and
 * turned into an editable rule whose matches are counted in the workspace. The RFM segments are not repeated here:
 * the UI offers them ready-made from `segments.fields` (`rfmSegments`), each as `{field:'rfmSegment', op:'=', value}`.
 */

// Declared with the other job inputs in the kernel (a job's input crosses to its worker as plain data).
export type { DiscoverInput };

export const K_RANGE = { min: 2, max: 8 } as const;
/** Silhouette is O(n²): measured on this many customers at most. */
export const SILHOUETTE_SAMPLE = 5000;
/** Rules are fitted on this many buyers at most (a seeded sample beyond). */
const RULE_SAMPLE = 50_000;
const MIN_CUSTOMERS = 20;

export type Discovery = { result: DiscoverResult; fit: KMeansFit; customerIds: Int32Array };

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Per cluster and feature: the mean of the raw values present, and the same over all buyers. */
function rawMeans(matrix: FeatureMatrix, labels: Int32Array, k: number): { clusters: number[][]; base: number[] } {
  const clusters = Array.from({ length: k }, () => new Array<number>(matrix.features.length).fill(Number.NaN));
  const base = matrix.raw.map((values, f) => {
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    values.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      const c = labels[i] as number;
      sums[c] = (sums[c] as number) + v;
      counts[c] = (counts[c] as number) + 1;
    });
    for (let c = 0; c < k; c++) if ((counts[c] as number) > 0) (clusters[c] as number[])[f] = (sums[c] as number) / (counts[c] as number);
    const n = sum([...counts]);
    return n > 0 ? sum([...sums]) / n : Number.NaN;
  });
  return { clusters, base };
}

function candidateKs(n: number, k: number | undefined): number[] {
  if (k !== undefined) {
    if (k >= n) throw new AppError('bad-input', `Cannot make ${k} groups of ${n} customers with orders; choose fewer segments.`, { field: 'k' });
    return [k];
  }
  const ks: number[] = [];
  for (let c = K_RANGE.min; c <= Math.min(K_RANGE.max, n - 1); c++) ks.push(c);
  return ks;
}

/** The clustering for every candidate k and its silhouette on the sample; the best one (ties: fewer clusters). */
function chooseK(tf: Tf, matrix: FeatureMatrix, ks: number[], seed: number, sample: Int32Array, control: JobControl): { fit: KMeansFit; silhouettes: DiscoverResult['silhouettes'] } {
  const n = matrix.customerIds.length;
  const d = matrix.features.length;
  const x = tf.tensor2d(matrix.z, [n, d]);
  const fits: KMeansFit[] = [];
  try {
    for (const [step, k] of ks.entries()) {
      control.progress({ fraction: 0.1 + (0.75 * step) / ks.length, stage: 'Clustering', message: `Trying ${k} segments (${step + 1} of ${ks.length})` });
      fits.push(kMeans(tf, x, { k, seed, ...KMEANS_DEFAULTS, checkCancelled: () => control.checkCancelled() }));
    }
    control.progress({ fraction: 0.85, stage: 'Comparing', message: `Measuring how well separated the segments are (silhouette on ${sample.length.toLocaleString('en-GB')} customers)` });
    const sampleX = tf.tidy(() => tf.gather(x, tf.tensor1d(sample, 'int32')) as TfModule.Tensor2D);
    let scores: number[];
    try {
      const labellings = fits.map((fit) => ({ k: fit.k, labels: Int32Array.from(sample, (i) => fit.labels[i] as number) }));
      scores = silhouettes(tf, sampleX, labellings, () => control.checkCancelled());
    } finally {
      sampleX.dispose();
    }
    let best = 0;
    scores.forEach((score, i) => {
      if (score > (scores[best] as number) + 1e-9) best = i;
    });
    return { fit: fits[best] as KMeansFit, silhouettes: fits.map((fit, i) => ({ k: fit.k, score: Math.round((scores[i] as number) * 10_000) / 10_000 })) };
  } finally {
    x.dispose();
  }
}

/** Runs the discovery and keeps everyone's cluster label (tests and benchmarks look at them; the job returns the result). */
export async function runDiscovery(db: Db, input: DiscoverInput, control: JobControl): Promise<Discovery> {
  const started = performance.now();
  control.progress({ fraction: 0.01, stage: 'Features', message: 'Reading customer behaviour' });
  const matrix = readFeatureMatrix(db, () => control.checkCancelled());
  const n = matrix.customerIds.length;
  if (n < MIN_CUSTOMERS) {
    throw new AppError('bad-input', `Discovering segments needs at least ${MIN_CUSTOMERS} customers with orders; this workspace has ${n}. Import orders (or a demo shop) first.`, {
      field: 'orders',
    });
  }
  const ks = candidateKs(n, input.k);
  const { tf, info } = await loadTf();
  const sample = sampleIndices(n, SILHOUETTE_SAMPLE, input.seed);
  const { fit, silhouettes } = chooseK(tf, matrix, ks, input.seed, sample, control);

  control.progress({ fraction: 0.9, stage: 'Describing', message: 'Describing the segments and writing their rules' });
  const result = describeClusters(db, matrix, fit, input.seed, control);
  return {
    result: {
      k: fit.k,
      silhouettes,
      clusters: result,
      features: matrix.features.map((f) => ({ name: f.name, label: f.label })),
      customers: n,
      silhouetteSample: sample.length,
      backend: info.backend,
      seconds: Math.round(performance.now() - started) / 1000,
    },
    fit,
    customerIds: matrix.customerIds,
  };
}

function describeClusters(db: Db, matrix: FeatureMatrix, fit: KMeansFit, seed: number, control: JobControl): DiscoverResult['clusters'] {
  const n = matrix.customerIds.length;
  const d = matrix.features.length;
  const means = rawMeans(matrix, fit.labels, fit.k);
  const fmt = formatters(readSettings(db).currency);
  const ruleRows = sampleIndices(n, RULE_SAMPLE, seed + 1);
  const asOf = readAsOf(db);
  const order = fit.sizes.map((_, c) => c).sort((a, b) => (fit.sizes[b] as number) - (fit.sizes[a] as number) || a - b);
  const names = uniqueNames(order.map((c) => clusterName(matrix.features, Array.from(fit.centres.subarray(c * d, (c + 1) * d)))));
  return order.map((c, index) => {
    control.checkCancelled();
    const z = Array.from(fit.centres.subarray(c * d, (c + 1) * d), (v) => Math.round(v * 1000) / 1000);
    const mean = means.clusters[c] as number[];
    const size = fit.sizes[c] as number;
    const { rule } = clusterRule(matrix, fit.labels, c, ruleRows);
    const compiled = compileRule(rule, { asOf });
    const ruleMatches = db.prepare(`SELECT count(*) FROM ${SEGMENT_FROM} WHERE ${compiled.where}`).pluck().get(...compiled.params) as number;
    return {
      index,
      size,
      share: size / n,
      name: names[index] as string,
      description: clusterDescription(matrix.features, { z, mean }, means.base, size, size / n, fmt),
      centre: matrix.features.map((f, j) => ({ feature: f.name, label: f.label, z: z[j] as number, mean: Number.isFinite(mean[j]) ? Math.round((mean[j] as number) * 100) / 100 : 0 })),
      rule,
      ruleMatches,
    };
  });
}

/** The `segments.discover` job. */
export async function discoverSegments(db: Db, input: DiscoverInput, control: JobControl): Promise<DiscoverResult> {
  return (await runDiscovery(db, input, control)).result;
}
