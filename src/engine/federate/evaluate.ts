import { AppError } from '../../shared/errors';
import type { AgreedEncoding, FederationSpec } from '../../shared/federate-schemas';
import type { Tf } from '../ml/backend';
import { levelOf, parseNumber } from '../ml/encoder';
import { rocAuc } from '../ml/metrics';
import type { RawTable } from '../ml/table';
import { defaultTrainOptions, predictLogits, trainNet, type Net, type TrainHooks } from '../ml/trainer';
import { LABEL_COLUMN } from './customer-rows';

/**
 * Scoring an office's held-out customers with the federated model and with the model the office would have had on
 * its own (same spec, same trainer, its own rows only), so the card compares both AUCs on the same rows.
 *
 * The agreed encoding's layout: numeric features first (standardised with the agreed mean and std; a missing value
 * is the mean, i.e. 0), then one 0/1 column per agreed level of each categorical feature (an unseen level is all
 * zeros). The flat weights: for each dense layer, its kernel (row-major inputs × units) then its bias, the order
 * the app's trainer keeps its variables in. Both must match the protocol core's (federate/protocol.ts).
 */

/** The feature matrix of a table under an encoding (agreed by the federation, or fitted on one office's rows). */
export function encodeAgreed(encoding: AgreedEncoding, table: RawTable): { X: Float32Array; rows: number; cols: number } {
  const rows = table.rows.length;
  const cols = encoding.width;
  const expected = encoding.numeric.length + encoding.categorical.reduce((s, c) => s + c.levels.length, 0);
  if (expected !== cols) throw new AppError('bad-input', `The federated encoding says ${cols} columns but describes ${expected}.`, { field: 'encoding' });
  const column = (name: string): number => {
    const j = table.columns.indexOf(name);
    if (j < 0) throw new AppError('bad-input', `The federated model needs the feature "${name}", which these rows do not have.`, { column: name });
    return j;
  };
  const X = new Float32Array(rows * cols);
  let at = 0;
  for (const n of encoding.numeric) {
    const j = column(n.name);
    for (let i = 0; i < rows; i++) {
      const v = parseNumber(table.rows[i]?.[j] ?? null);
      X[i * cols + at] = typeof v === 'number' && n.std > 0 ? (v - n.mean) / n.std : 0;
    }
    at++;
  }
  for (const c of encoding.categorical) {
    const j = column(c.name);
    const index = new Map(c.levels.map((level, k) => [level, k]));
    for (let i = 0; i < rows; i++) {
      const k = index.get(levelOf(table.rows[i]?.[j] ?? null));
      if (k !== undefined) X[i * cols + at + k] = 1;
    }
    at += c.levels.length;
  }
  return { X, rows, cols };
}

/** The encoding one office would fit on its own rows: means and standard deviations, levels seen at least 5 times. */
export function localEncoding(spec: FederationSpec, table: RawTable, minLevelCount = 5): AgreedEncoding {
  const numeric: AgreedEncoding['numeric'] = [];
  const categorical: AgreedEncoding['categorical'] = [];
  for (const f of spec.features) {
    const j = table.columns.indexOf(f.name);
    if (j < 0) throw new AppError('bad-input', `These rows have no feature "${f.name}".`, { column: f.name });
    if (f.type === 'numeric') {
      let count = 0;
      let sum = 0;
      let squares = 0;
      for (const row of table.rows) {
        const v = parseNumber(row[j] ?? null);
        if (typeof v !== 'number') continue;
        count++;
        sum += v;
        squares += v * v;
      }
      const mean = count ? sum / count : 0;
      numeric.push({ name: f.name, mean, std: count ? Math.sqrt(Math.max(0, squares / count - mean * mean)) : 0 });
    } else {
      const counts = new Map<string, number>();
      for (const row of table.rows) {
        const level = levelOf(row[j] ?? null);
        counts.set(level, (counts.get(level) ?? 0) + 1);
      }
      const levels = [...counts.entries()].filter(([, n]) => n >= minLevelCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([level]) => level);
      categorical.push({ name: f.name, levels });
    }
  }
  return { numeric, categorical, width: numeric.length + categorical.reduce((s, c) => s + c.levels.length, 0) };
}

/** A dense network (the trainer's Net) from flat weights: per layer the kernel, then the bias. */
export function netFromWeights(weights: Float32Array, inputs: number, hidden: number[]): Net {
  const sizes = [inputs, ...hidden, 1];
  const total = sizes.slice(1).reduce((s, units, l) => s + (sizes[l] as number) * units + units, 0);
  if (weights.length !== total) {
    throw new AppError('bad-input', `The federated weights hold ${weights.length} numbers; a ${sizes.join('–')} network needs ${total}.`, { field: 'weights' });
  }
  let at = 0;
  const take = (n: number): number[] => Array.from(weights.subarray(at, (at += n)));
  const layers = sizes.slice(1).map((units, l) => {
    const inputsOf = sizes[l] as number;
    const kernel = take(inputsOf * units);
    const bias = take(units);
    return { inputs: inputsOf, units, kernel, bias, activation: l < sizes.length - 2 ? ('relu' as const) : ('linear' as const) };
  });
  return { version: 1, inputs, layers };
}

/** The 0/1 labels of an office table. */
export function labelsOf(table: RawTable): Uint8Array {
  const j = table.columns.indexOf(LABEL_COLUMN);
  if (j < 0) throw new AppError('bad-input', 'These rows have no label column.', { column: LABEL_COLUMN });
  return Uint8Array.from(table.rows, (row) => (Number(row[j]) === 1 ? 1 : 0));
}

/** ROC AUC of a network on rows under an encoding; null when the rows hold one class only. */
export function aucOf(tf: Tf, net: Net, encoding: AgreedEncoding, table: RawTable): number | null {
  const { X, rows, cols } = encodeAgreed(encoding, table);
  const auc = rocAuc(labelsOf(table), predictLogits(tf, net, X, rows, cols));
  return Number.isFinite(auc) ? auc : null;
}

/** This office's local model of the same spec: the same network shape, trained by the app's trainer on its rows alone. */
export async function trainLocal(tf: Tf, spec: FederationSpec, train: RawTable, hooks: TrainHooks = {}): Promise<{ net: Net; encoding: AgreedEncoding }> {
  const encoding = localEncoding(spec, train);
  const { X, rows, cols } = encodeAgreed(encoding, train);
  const { net } = await trainNet(
    tf,
    X,
    rows,
    cols,
    labelsOf(train),
    {
      ...defaultTrainOptions,
      hidden: spec.model.hidden,
      learningRate: spec.model.learningRate,
      batchSize: spec.model.batchSize,
      // As many passes as the federation gave each office, early-stopped on a validation share like the app's models.
      epochs: Math.max(1, spec.rounds * spec.model.localEpochs),
      seed: spec.seed,
    },
    hooks,
  );
  return { net, encoding };
}
