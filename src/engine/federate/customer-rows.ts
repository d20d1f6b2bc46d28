import { AppError } from '../../shared/errors';
import type { FederationSpec } from '../../shared/federate-schemas';
import type { Db } from '../db/open-workspace';
import { BASE_FEATURES, computeFeatures, defaultCutoff, type LabelSpec } from '../models/features';
import type { RawTable } from '../ml/table';
import { createRng } from '../kernel/random';
import { stratifiedSplit } from '../ml/folds';

/**
 * An office's rows for a federation over the customer table: the propensity models' features at this workspace's
 * own cutoff (its latest sale day minus the horizon), the label in the horizon after it. Only the base features
 * are offered: the category and channel shares name each workspace's own top categories, so "cat_0" would mean
 * different things at different offices. These rows never leave the office: the transport sends statistics and
 * (masked) weight updates computed from them.
 */

/** The column that holds the 0/1 label in an office's table (the spec's `target`). */
export const LABEL_COLUMN = 'label';

/** Features a federation may use, in the models' order. */
export function federationFeatures(): Array<{ name: string; label: string; description: string; type: 'numeric' | 'categorical' }> {
  return BASE_FEATURES.map((f) => ({ name: f.name, label: f.label, description: f.description, type: f.categorical ? 'categorical' : 'numeric' }));
}

/** Refuses feature names that are not the shared base features (the spec comes from another office: trust none of it). */
export function checkFeatures(features: FederationSpec['features']): void {
  const known = new Map(federationFeatures().map((f) => [f.name, f.type]));
  for (const f of features) {
    const type = known.get(f.name);
    if (type === undefined) throw new AppError('bad-input', `The federation asks for a customer feature "${f.name}" this app does not compute.`, { field: 'features', column: f.name });
    if (type !== f.type) throw new AppError('bad-input', `The federation treats "${f.name}" as ${f.type}; it is ${type}.`, { field: 'features', column: f.name });
  }
}

export type OfficeRows = {
  /** The rows this office trains on (its share of the federation; also what its local model learns from). */
  train: RawTable;
  /** Customers kept out of training, scored by the federated and the local model alike. */
  heldOut: RawTable;
  cutoff: string;
};

/** Share of this office's customers kept aside for the side-by-side AUC. */
export const HELD_OUT_SHARE = 0.2;
/** The smallest group of either class an office can bring (below it, neither its statistics nor its AUC mean much). */
const MIN_PER_CLASS = 10;

/** This office's customer rows for a spec, split (stratified, seeded by the spec) into training and held-out rows. */
export function officeRows(db: Db, spec: FederationSpec): OfficeRows {
  if (spec.source.kind !== 'customers') throw new AppError('bad-input', 'This federation trains on files; join it from the command line with your file.', { field: 'source' });
  checkFeatures(spec.features);
  const { horizonDays } = spec.source;
  let label: LabelSpec = { kind: 'churn' };
  if (spec.source.label === 'purchase') {
    const category = spec.source.category;
    if (category === undefined) throw new AppError('bad-input', 'The proposed purchase model names no product category.', { field: 'category' });
    label = { kind: 'purchase', category };
  }
  const { cutoff } = defaultCutoff(db, horizonDays);
  const set = computeFeatures(db, cutoff, { label, horizonDays, columns: { categories: [], channels: [] } });
  const labels = set.labels ?? [];
  const y = Uint8Array.from(labels, (v) => (v ? 1 : 0));
  const positives = y.reduce((s, v) => s + v, 0);
  const negatives = y.length - positives;
  if (positives < MIN_PER_CLASS || negatives < MIN_PER_CLASS) {
    throw new AppError(
      'bad-input',
      `Too little data at this office: ${positives} positive and ${negatives} negative customers in the ${horizonDays} days after ${cutoff}. Each needs at least ${MIN_PER_CLASS}.`,
      { field: 'horizonDays', positives, negatives },
    );
  }
  const at = spec.features.map((f) => set.table.columns.indexOf(f.name));
  const columns = [...spec.features.map((f) => f.name), LABEL_COLUMN];
  const rows = set.table.rows.map((row, i) => [...at.map((j) => row[j] ?? null), labels[i] ?? 0]);
  const split = stratifiedSplit(y, HELD_OUT_SHARE, createRng(spec.seed, 1501));
  return {
    train: { columns, rows: Array.from(split.train, (i) => rows[i] as RawTable['rows'][number]) },
    heldOut: { columns, rows: Array.from(split.validation, (i) => rows[i] as RawTable['rows'][number]) },
    cutoff,
  };
}
