import { AppError } from '../../shared/errors';
import { LEARNED_ROLES, type GanEpoch, type SynthMethod, type SynthModelReport, type SynthTrainResult } from '../../shared/synth-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl, JobInputs } from '../kernel/jobs';
import { createRng, shuffled } from '../kernel/random';
import { loadTf, type LoadedTf } from '../ml/backend';
import { columnMeta, formatRows, hashRows, resolveColumns, toSynthData } from './columns';
import { fitCopula, sampleCopula } from './copula';
import { efficacyReport } from './efficacy';
import { fitGan, sampleGan } from './gan';
import { dropExactCopies, privacyReport } from './privacy';
import { qualityReport } from './quality';
import { selectSynthRows } from './raw';
import { readSource } from './source';
import { insertSynthModels, type NewSynthModel, type StoredArtefact } from './synth-repo';
import type { SynthData } from './types';

/**
 * The synth.train job (in a worker thread): reads the source, sets a seeded holdout aside, fits each method on the
 * training rows, samples as many rows as it learned, drops exact copies, and measures quality, efficacy and privacy
 * against the holdout. Quality is measured holdout vs twin, not training rows vs twin: a model that memorised its
 * rows would score perfectly against them, while against unseen rows only what generalises counts. Every model is
 * stored at the end in one transaction, so a cancel or a failure stores none.
 */

/** The synthesizers and reports the job calls: the real ones by default, fakes in tests. */
export type SynthEngines = {
  loadTf: () => Promise<LoadedTf>;
  fitGan: typeof fitGan;
  sampleGan: typeof sampleGan;
  fitCopula: typeof fitCopula;
  sampleCopula: typeof sampleCopula;
  qualityReport: typeof qualityReport;
  efficacyReport: typeof efficacyReport;
  dropExactCopies: typeof dropExactCopies;
  privacyReport: typeof privacyReport;
};

export const realEngines: SynthEngines = { loadTf, fitGan, sampleGan, fitCopula, sampleCopula, qualityReport, efficacyReport, dropExactCopies, privacyReport };

export type SynthTrainJobInput = JobInputs['synth.train'];

/** A seeded split: `holdout` share of the rows set aside (at least one row on each side). */
export function splitRows(rows: number, holdout: number, seed: number): { train: number[]; holdout: number[] } {
  const order = shuffled(createRng(seed, 1401), Array.from({ length: rows }, (_, i) => i));
  const kept = Math.min(rows - 1, Math.max(1, Math.round(rows * holdout)));
  return { train: order.slice(kept).sort((a, b) => a - b), holdout: order.slice(0, kept).sort((a, b) => a - b) };
}

const METHOD_NAME: Record<SynthMethod, string> = { gan: 'GAN', copula: 'Gaussian copula' };

export async function trainSynth(db: Db, input: SynthTrainJobInput, control: JobControl, engines: SynthEngines = realEngines): Promise<SynthTrainResult> {
  const started = performance.now();
  control.progress({ fraction: 0, stage: 'Reading', message: 'Reading the source' });
  const { label, table } = readSource(db, input.source, input.file);
  control.checkCancelled();
  const columns = resolveColumns(table, input.columns);
  const learned = columns.filter((c) => LEARNED_ROLES.includes(c.role));
  if (input.target !== undefined) {
    const target = columns.find((c) => c.name === input.target);
    if (!target || target.role !== 'categorical') {
      throw new AppError('bad-input', `The target "${input.target}" must be one of the learned columns, learned as categories (yes/no or a few values).`, { column: input.target, field: 'target' });
    }
  }
  const all = toSynthData(table, columns);
  const split = splitRows(all.rows, input.holdout, input.seed);
  const train = selectSynthRows(all, split.train);
  const holdout = selectSynthRows(all, split.holdout);
  const meta = columnMeta(all);
  const order = columns.map((c) => c.name);
  const omitted = columns.filter((c) => !LEARNED_ROLES.includes(c.role)).map((c) => ({ name: c.name, role: c.role }));
  control.progress({
    fraction: 0.04,
    stage: 'Reading',
    message: `${train.rows.toLocaleString('en')} rows to learn, ${holdout.rows.toLocaleString('en')} kept aside, ${learned.length} columns`,
    rowsDone: all.rows,
  });
  const trainingRows = hashRows(formatRows(train, meta));

  const needsTf = input.methods.includes('gan') || input.target !== undefined;
  const loaded = needsTf ? await engines.loadTf() : null;
  const backend = loaded ? loaded.info.backend : 'javascript';
  control.checkCancelled();

  const models: NewSynthModel[] = [];
  const slot = 0.94 / input.methods.length;
  for (const [m, method] of input.methods.entries()) {
    const at = (f: number): number => 0.05 + slot * (m + f);
    const say = (f: number, stage: string, message: string): void => control.progress({ fraction: at(f), stage: `${METHOD_NAME[method]}: ${stage}`, message });
    const t0 = performance.now();
    const fitShare = method === 'gan' ? 0.75 : 0.2;
    let model: StoredArtefact['model'];
    let synthetic: SynthData;
    let history: GanEpoch[] = [];
    let bestEpoch: number | null = null;
    let epochs: number | null = null;
    let dp: { epsilon: number; delta: number } | null = null;
    say(0, 'Learning', `Learning ${train.rows.toLocaleString('en')} rows`);
    if (method === 'gan') {
      const tf = (loaded as LoadedTf).tf;
      const fit = await engines.fitGan(
        tf,
        train,
        {
          epochs: input.epochs,
          seed: input.seed,
          validation: holdout,
          ...(input.dp ? { dp: { epsilon: input.dp.epsilon, delta: input.dp.delta ?? 1 / (10 * train.rows) } } : {}),
        },
        {
          checkCancelled: () => control.checkCancelled(),
          onProgress: (p) => say(fitShare * Math.min(1, Math.max(0, p.fraction)), p.stage, p.message),
          onEpoch: (e) => {
            history.push(e);
            const gan = { generator: e.generator, discriminator: e.discriminator, quality: e.quality };
            control.progress({ fraction: -1, stage: '', message: '', point: { fold: null, epoch: e.epoch, loss: e.generator, valLoss: null, gan } });
          },
        },
      );
      control.checkCancelled();
      ({ history, bestEpoch, epochs, dp } = { history: fit.history.length > 0 ? fit.history : history, bestEpoch: fit.bestEpoch, epochs: fit.epochs, dp: fit.dp });
      model = fit.artefact;
      say(fitShare, 'Sampling', `Sampling ${train.rows.toLocaleString('en')} rows`);
      synthetic = await engines.sampleGan(tf, fit.artefact, train.rows, input.seed + 1);
    } else {
      model = engines.fitCopula(train, { seed: input.seed });
      control.checkCancelled();
      say(fitShare, 'Sampling', `Sampling ${train.rows.toLocaleString('en')} rows`);
      synthetic = engines.sampleCopula(model, train.rows, input.seed + 1);
    }
    control.checkCancelled();
    const { data: twin, dropped } = engines.dropExactCopies(train, synthetic);
    say(fitShare + 0.05, 'Quality', 'Comparing the twin with rows it never saw');
    const quality = engines.qualityReport(holdout, twin, { seed: input.seed });
    control.checkCancelled();
    let efficacy: SynthModelReport['efficacy'] = null;
    if (input.target !== undefined) {
      say(fitShare + 0.1, 'Efficacy', `Training models on real and on synthetic rows to predict ${input.target}`);
      efficacy = await engines.efficacyReport(
        (loaded as LoadedTf).tf,
        train,
        twin,
        holdout,
        { column: input.target, positive: input.positive },
        input.seed,
      );
      control.checkCancelled();
    }
    say(0.95, 'Privacy', 'Measuring distances to the closest real rows');
    const privacy = engines.privacyReport(train, holdout, twin, { seed: input.seed, exactCopies: dropped, dp });
    control.checkCancelled();
    const seconds = (performance.now() - t0) / 1000;
    models.push({
      source: label,
      report: {
        method,
        source: label,
        rows: train.rows,
        columns: learned.length,
        quality: quality.score,
        verdict: privacy.verdict,
        seed: input.seed,
        backend: method === 'gan' ? backend : 'javascript',
        seconds,
        columnRoles: columns.map((c) => ({ name: c.name, role: c.role })),
        target: input.target ?? null,
        qualityReport: quality,
        efficacy,
        privacy,
        history,
        bestEpoch,
        epochs,
      },
      artefact: { version: 1, method, source: input.source, columns: meta, omitted, order, model, trainingRows },
    });
    say(1, 'Done', `Quality ${(quality.score * 100).toFixed(1)} %, privacy ${privacy.verdict}`);
  }

  control.checkCancelled();
  control.progress({ fraction: 0.99, stage: 'Saving', message: `Saving ${models.length === 1 ? 'the model' : `${models.length} models`}` });
  const now = new Date();
  const ids = insertSynthModels(db, models, now);
  return {
    models: models.map((m, i) => ({ ...m.report, id: ids[i] as number, createdAt: now.toISOString() })),
    backend,
    seconds: (performance.now() - started) / 1000,
  };
}
