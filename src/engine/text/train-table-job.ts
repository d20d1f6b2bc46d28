import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { TextTrainInput, TextTrainResult } from '../../shared/text-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { loadTf } from '../ml/backend';
import { encodeTarget } from '../ml/encoder';
import { columnIndex, readCsvTable } from '../ml/table';
import { trainTextClassifier } from './classifier';

/**
 * The text.trainTable job (in a worker thread): reads the CSV file in place, cross-validates the text classifier on
 * one text column and a two-valued (or named) target, and reports the metrics. Nothing is written to the workspace.
 */
export async function trainTextTableJob(_db: Db, input: TextTrainInput, control: JobControl): Promise<TextTrainResult> {
  control.progress({ fraction: 0, stage: 'Reading', message: 'Reading the table' });
  const table = readCsvTable(input.file);
  const name = path.basename(input.file);
  const j = columnIndex(table, input.textColumn, 'textColumn');
  columnIndex(table, input.target, 'target');
  const texts = table.rows.map((row, i) => {
    const text = row[j];
    if (text === null || text === undefined || String(text).trim() === '') {
      throw new AppError('bad-input', `${name}, row ${i + 2} (the header is row 1) has no text in the column "${input.textColumn}". Every row needs a text to learn from.`, {
        file: input.file,
        row: i + 2,
        column: input.textColumn,
      });
    }
    return String(text);
  });
  const y = encodeTarget(table, input.target, input.positive);
  control.checkCancelled();
  control.progress({ fraction: 0.02, stage: 'Reading', message: `${texts.length.toLocaleString('en')} texts`, rowsDone: texts.length });
  const { tf } = await loadTf();
  const result = await trainTextClassifier(
    tf,
    texts,
    y,
    { folds: input.folds, seed: input.seed },
    {
      checkCancelled: () => control.checkCancelled(),
      onProgress: (p) => control.progress({ fraction: 0.03 + 0.97 * p.fraction, stage: p.stage, message: p.message }),
    },
  );
  return {
    file: input.file,
    textColumn: input.textColumn,
    target: input.target,
    positive: input.positive ?? null,
    model: result.model,
    accuracyMean: result.accuracyMean,
    aucMean: result.aucMean,
    folds: result.folds,
    candidates: result.candidates.map((c) => ({ model: c.model, accuracyMean: c.accuracyMean, aucMean: c.aucMean })),
    rows: result.rows,
    positives: result.positives,
    terms: result.terms,
    backend: result.backend,
    seconds: result.seconds,
  };
}
