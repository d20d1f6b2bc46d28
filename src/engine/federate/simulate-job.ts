import type { SimulateResult } from '../../shared/federate-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl, JobInputs } from '../kernel/jobs';
import { loadTf } from '../ml/backend';
import { readCsvTable } from '../ml/table';
import { simulateFederation } from './simulate';

/** The federate.simulate job (in a worker thread): reads the CSV in place, runs the federation and its comparisons. */
export async function simulateJob(_db: Db, input: JobInputs['federate.simulate'], control: JobControl): Promise<SimulateResult> {
  control.progress({ fraction: 0, stage: 'Reading', message: 'Reading the table' });
  const table = readCsvTable(input.file);
  control.checkCancelled();
  const { tf } = await loadTf();
  return simulateFederation(
    tf,
    table,
    {
      target: input.target,
      ...(input.positive !== undefined ? { positive: input.positive } : {}),
      splitBy: input.splitBy,
      exclude: input.exclude,
      rounds: input.rounds,
      secure: input.secure,
      ...(input.dpEpsilon !== undefined ? { dpEpsilon: input.dpEpsilon } : {}),
      seed: input.seed,
    },
    {
      checkCancelled: () => control.checkCancelled(),
      onProgress: (p) => control.progress({ fraction: 0.02 + 0.98 * p.fraction, stage: p.stage, message: p.message }),
    },
  );
}
