import type { TrainTableInput, TrainTableResult } from '../../shared/ml-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { loadTf } from './backend';
import { readCsvTable } from './table';
import { trainTabular } from './tabular';

/**
 * The model.trainTable job (in a worker thread): reads the CSV file in place, cross-validates a propensity model
 * on it and reports the metrics. Nothing is written to the workspace, and no weights leave the worker.
 */
export async function trainTableJob(_db: Db, input: TrainTableInput, control: JobControl): Promise<TrainTableResult> {
  control.progress({ fraction: 0, stage: 'Reading', message: 'Reading the table' });
  const table = readCsvTable(input.file);
  control.checkCancelled();
  control.progress({ fraction: 0.02, stage: 'Reading', message: `${table.rows.length.toLocaleString('en')} rows, ${table.columns.length} columns`, rowsDone: table.rows.length });
  const { tf } = await loadTf();
  const result = await trainTabular(
    tf,
    table,
    { target: input.target, ...(input.positive !== undefined ? { positive: input.positive } : {}), ...(input.id !== undefined ? { id: input.id } : {}), folds: input.folds, seed: input.seed },
    {
      checkCancelled: () => control.checkCancelled(),
      onProgress: (p) => control.progress({ fraction: 0.03 + 0.97 * p.fraction, stage: p.stage, message: p.message }),
    },
  );
  return {
    file: input.file,
    target: input.target,
    positive: input.positive ?? null,
    aucMean: result.aucMean,
    aucFolds: result.aucFolds,
    aucCi: result.aucCi,
    prAuc: result.prAuc,
    logLoss: result.logLoss,
    brier: result.brier,
    lift: result.lift,
    calibration: result.calibration,
    importance: result.importance,
    rows: result.rows,
    positives: result.positives,
    features: result.features,
    dropped: result.dropped,
    history: result.history,
    bestEpochs: result.bestEpochs,
    backend: result.backend,
    seconds: result.seconds,
  };
}
