import { AppError } from '../../shared/errors';
import type { AgreedEncoding, FederationSpec } from '../../shared/federate-schemas';
import type { Tf } from '../ml/backend';
import { encodeFeatures } from '../ml/encoder';
import { rocAuc } from '../ml/metrics';
import type { RawTable } from '../ml/table';
import { defaultTrainOptions, initialNet, predictLogits, trainNet, type Net, type TrainHooks } from '../ml/trainer';
import { agreeEncoding, encoderFromAgreement, officeStats } from './agreement';
import { LABEL_COLUMN } from './customer-rows';
import { flatToNet, layerSizes } from './weights';

/**
 * Scoring an office's held-out customers with the federated model and with the model the office would have had on
 * its own (same spec, same trainer, its own rows only), so the card compares both AUCs on the same rows. The encoding
 * and the weights' layout are the protocol core's (agreement.ts, weights.ts): one definition for both.
 */

/** The feature matrix of a table under an encoding (agreed by the federation, or fitted on one office's rows). */
export function encodeAgreed(encoding: AgreedEncoding, table: RawTable): { X: Float32Array; rows: number; cols: number } {
  return encodeFeatures(encoderFromAgreement(encoding, LABEL_COLUMN), table);
}

/** The encoding one office would agree with itself: the federation's rule applied to its own statistics. */
export function localEncoding(spec: FederationSpec, table: RawTable): AgreedEncoding {
  return agreeEncoding(officeStats(table, spec.features, spec.target, spec.positive), spec.features);
}

/** A dense network (the trainer's Net) from the federation's flat weights. */
export function netFromWeights(weights: Float32Array, inputs: number, hidden: number[]): Net {
  return flatToNet(weights, layerSizes(inputs, hidden));
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

/**
 * This office's local model of the same spec: the same network, its own encoding (the federation's rule applied to its
 * own statistics), trained by the app's trainer on its rows alone for as many epochs as the federation gave each
 * office, from the same seeded start: as `federate simulate` trains each office's model alone (simulate.ts).
 */
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
      epochs: Math.max(1, spec.rounds * spec.model.localEpochs),
      validationFraction: 0,
      seed: spec.seed,
    },
    hooks,
    { net: initialNet(layerSizes(encoding.width, spec.model.hidden), spec.seed) },
  );
  return { net, encoding };
}
