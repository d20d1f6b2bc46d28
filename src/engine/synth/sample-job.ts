import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { SynthSampleResult } from '../../shared/synth-schemas';
import { csvLine } from '../customers/csv';
import type { Db } from '../db/open-workspace';
import type { JobControl, JobInputs } from '../kernel/jobs';
import { PRIVATE_FILE_MODE } from '../kernel/private-files';
import type { LoadedTf } from '../ml/backend';
import { formatRows, rowHashTest } from './columns';
import type { CopulaArtefact } from './copula';
import { createFiller } from './fill';
import type { GanArtefact } from './gan';
import { readSynthArtefact, type StoredArtefact } from './synth-repo';
import { realEngines, type SynthEngines } from './train-job';

/** Rows sampled at a time: progress and cancel between chunks, memory bounded at any size. */
export const SAMPLE_CHUNK = 5_000;

/**
 * Draws synthetic rows from a stored model chunk by chunk, each chunk with its own seed, in the model's column
 * format. Rows that copy a training row exactly (by the salted row hashes kept with the model) are dropped and
 * replaced. `stop` ends early when the caller has what it needs.
 */
export async function* sampleChunks(
  artefact: StoredArtefact,
  rows: number,
  seed: number,
  control: JobControl,
  engines: Pick<SynthEngines, 'loadTf' | 'sampleGan' | 'sampleCopula'>,
): AsyncGenerator<{ rows: string[][]; dropped: number }> {
  const copies = rowHashTest(artefact.trainingRows);
  const tf = artefact.method === 'gan' ? (await engines.loadTf()).tf : null;
  let done = 0;
  let droppedAll = 0;
  for (let chunk = 0; done < rows; chunk++) {
    control.checkCancelled();
    const want = Math.min(SAMPLE_CHUNK, rows - done);
    const chunkSeed = (seed + chunk * 1_000_003) % 2 ** 31;
    const data = tf
      ? await engines.sampleGan(tf as LoadedTf['tf'], artefact.model as GanArtefact, want, chunkSeed)
      : engines.sampleCopula(artefact.model as CopulaArtefact, want, chunkSeed);
    const kept: string[][] = [];
    let dropped = 0;
    for (const row of formatRows(data, artefact.columns)) {
      if (copies(row)) dropped++;
      else if (kept.length < want) kept.push(row);
    }
    droppedAll += dropped;
    // A model that keeps copying its training rows would never finish: stop and say so.
    if (droppedAll > 10 * Math.max(rows, SAMPLE_CHUNK) || (kept.length === 0 && chunk > 20)) {
      throw new AppError('bad-input', 'This model keeps producing exact copies of its training rows. Train it again with fewer epochs or on more rows.');
    }
    done += kept.length;
    yield { rows: kept, dropped };
  }
}

/** The header and, per sampled row, its cells in output order: learned columns only, or the source's order with fakes filled in. */
export function outputLayout(artefact: StoredArtefact, fill: boolean, seed: number): { header: string[]; row: (cells: string[], index: number) => string[] } {
  if (!fill || artefact.omitted.length === 0) return { header: artefact.columns.map((c) => c.name), row: (cells) => cells };
  const filler = createFiller(artefact.omitted, seed);
  const learnedAt = new Map(artefact.columns.map((c, j) => [c.name, j]));
  const omittedAt = new Map(artefact.omitted.map((c, j) => [c.name, j]));
  return {
    header: artefact.order,
    row: (cells, index) => {
      const fake = filler(index);
      return artefact.order.map((name) => (learnedAt.has(name) ? (cells[learnedAt.get(name) as number] as string) : (fake[omittedAt.get(name) as number] ?? '')));
    },
  };
}

/**
 * The synth.sample job: a CSV of synthetic rows written to a hidden temporary file beside the target and renamed
 * into place when complete (a cancel or a failure leaves no half file). Cells are formula-safe (customers/csv.ts).
 */
export async function sampleSynth(db: Db, input: JobInputs['synth.sample'], control: JobControl, engines: SynthEngines = realEngines): Promise<SynthSampleResult> {
  const started = performance.now();
  control.progress({ fraction: 0, stage: 'Loading', message: `Loading model ${input.modelId}` });
  const { artefact } = readSynthArtefact(db, input.modelId);
  const layout = outputLayout(artefact, input.fill, input.seed);
  const temp = path.join(path.dirname(input.target), `.${path.basename(input.target)}.${randomBytes(4).toString('hex')}.part`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE);
    fs.writeSync(fd, csvLine(layout.header));
    let written = 0;
    let dropped = 0;
    for await (const chunk of sampleChunks(artefact, input.rows, input.seed, control, engines)) {
      let text = '';
      for (const cells of chunk.rows) text += csvLine(layout.row(cells, written++));
      fs.writeSync(fd, text);
      dropped += chunk.dropped;
      control.progress({
        fraction: Math.min(0.99, written / input.rows),
        stage: 'Sampling',
        message: `${written.toLocaleString('en')} of ${input.rows.toLocaleString('en')} rows`,
        rowsDone: written,
      });
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    control.checkCancelled();
    fs.renameSync(temp, input.target);
    const seconds = (performance.now() - started) / 1000;
    control.progress({ fraction: 1, stage: 'Done', message: `${written.toLocaleString('en')} synthetic rows written`, rowsDone: written });
    return { modelId: input.modelId, file: input.target, rows: written, droppedCopies: dropped, seconds, rowsPerSecond: written / Math.max(seconds, 1e-6), encrypted: false };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') {
      throw new AppError('workspace-unwritable', `Localyst cannot write ${input.target} (${code}). Choose a folder you can write to.`, { file: input.target, field: 'file' });
    }
    throw error;
  }
}
