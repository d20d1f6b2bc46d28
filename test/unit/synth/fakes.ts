import type { PrivacyReport, QualityReport } from '../../../src/shared/synth-schemas';
import { formatRows } from '../../../src/engine/synth/columns';
import type { SynthEngines } from '../../../src/engine/synth/train-job';
import type { SynthData } from '../../../src/engine/synth/types';
import type { JobControl, ProgressUpdate } from '../../../src/engine/kernel/jobs';
import { AppError } from '../../../src/shared/errors';
import { createRng } from '../../../src/engine/kernel/random';

/**
 * Stand-ins for the synthesizers and reports (built by other parts of issue 14) so the job plumbing can be tested
 * alone: a "model" that keeps each column's values and samples every column independently (a bootstrap of the
 * marginals), exact-copy dropping by whole formatted rows, and reports with the schema's shape.
 */
type Marginals = { version: 1; data: { rows: number; columns: Array<{ name: string; kind: string; values?: number[]; codes?: number[]; levels?: string[]; integer?: boolean; decimals?: number; dateOnly?: boolean }> }; copyShare: number };

const keep = (data: SynthData, copyShare = 0): Marginals => ({
  version: 1,
  copyShare,
  data: {
    rows: data.rows,
    columns: data.columns.map((c) =>
      c.kind === 'categorical' ? { name: c.name, kind: c.kind, codes: [...c.codes], levels: c.levels } : { name: c.name, kind: c.kind, values: [...c.values], integer: c.integer, decimals: c.decimals, dateOnly: c.dateOnly ?? false },
    ),
  },
});

/** Samples each column independently; `copyShare` of the rows are whole training rows (to test copy dropping). */
function draw(model: Marginals, rows: number, seed: number): SynthData {
  const rng = createRng(seed, 9);
  const picks = Array.from({ length: model.data.columns.length }, () => new Int32Array(rows));
  for (let i = 0; i < rows; i++) {
    const whole = rng() < model.copyShare ? Math.floor(rng() * model.data.rows) : -1;
    for (const p of picks) p[i] = whole >= 0 ? whole : Math.floor(rng() * model.data.rows);
  }
  return {
    rows,
    columns: model.data.columns.map((c, j) => {
      const at = picks[j] as Int32Array;
      if (c.kind === 'categorical') return { name: c.name, kind: 'categorical', levels: c.levels as string[], codes: Int32Array.from(at, (k) => (c.codes as number[])[k] as number) };
      return { name: c.name, kind: c.kind as 'numeric' | 'datetime', integer: Boolean(c.integer), decimals: c.decimals ?? 0, dateOnly: Boolean(c.dateOnly), values: Float64Array.from(at, (k) => (c.values as number[])[k] as number) };
    }),
  };
}

const quality = (): QualityReport => ({ score: 0.8, columnShapes: 0.85, pairTrends: 0.75, columns: [], pairs: [] });

export function fakeEngines(options: { copyShare?: number; calls?: string[] } = {}): SynthEngines {
  const calls = options.calls ?? [];
  return {
    loadTf: async () => ({ tf: {} as never, info: { backend: 'cpu', version: '0', simd: null, threads: null, note: null } }),
    fitGan: async (_tf, data, opts, hooks) => {
      calls.push(`fitGan validation=${opts.validation?.rows ?? 0}`);
      for (let e = 1; e <= opts.epochs; e++) {
        hooks.checkCancelled();
        hooks.onProgress({ fraction: e / opts.epochs, stage: 'Training', message: `Epoch ${e}` });
        hooks.onEpoch?.({ epoch: e, generator: 1 / e, discriminator: -1 / e, quality: e % 2 === 0 ? 0.5 + e / 100 : null });
      }
      return { artefact: keep(data, options.copyShare), history: [], bestEpoch: opts.epochs, epochs: opts.epochs, dp: opts.dp ?? null };
    },
    sampleGan: async (_tf, artefact, rows, seed) => draw(artefact as unknown as Marginals, rows, seed),
    fitCopula: (data) => {
      calls.push('fitCopula');
      return keep(data, options.copyShare);
    },
    sampleCopula: (artefact, rows, seed) => draw(artefact as unknown as Marginals, rows, seed),
    qualityReport: (real) => {
      calls.push(`quality real=${real.rows}`);
      return quality();
    },
    efficacyReport: async (_tf, _train, _syn, test, target) => ({
      target: target.column,
      positive: target.positive ?? '?',
      testRows: test.rows,
      real: { accuracy: 0.8, f1: 0.6, auc: 0.85 },
      synthetic: { accuracy: 0.75, f1: 0.5, auc: 0.8 },
    }),
    dropExactCopies: (train, synthetic) => {
      const seen = new Set(formatRows(train).map((r) => r.join('\u001f')));
      const keepRows: number[] = [];
      formatRows(synthetic).forEach((r, i) => {
        if (!seen.has(r.join('\u001f'))) keepRows.push(i);
      });
      const data: SynthData = {
        rows: keepRows.length,
        columns: synthetic.columns.map((c) =>
          c.kind === 'categorical' ? { ...c, codes: Int32Array.from(keepRows, (i) => c.codes[i] as number) } : { ...c, values: Float64Array.from(keepRows, (i) => c.values[i] as number) },
        ),
      };
      return { data, dropped: synthetic.rows - keepRows.length };
    },
    privacyReport: (_train, _holdout, synthetic, opts): PrivacyReport => ({
      exactCopies: opts.exactCopies,
      rows: synthetic.rows,
      dcr: { syntheticMedian: 1, holdoutMedian: 1, randomMedian: 3, medianRatio: 1, closerToTrain: 0.5, bins: [] },
      membershipAuc: 0.5,
      verdict: 'safe',
      reasons: [],
      dp: opts.dp,
    }),
  };
}

/** A job control that records progress and cancels once `cancelAfter` checks have passed. */
export function recordingControl(cancelAfter = Infinity): JobControl & { updates: ProgressUpdate[]; checks: number } {
  const c = {
    updates: [] as ProgressUpdate[],
    checks: 0,
    progress(update: ProgressUpdate) {
      c.updates.push(update);
    },
    checkCancelled() {
      c.checks++;
      if (c.checks > cancelAfter) throw new AppError('cancelled', 'Cancelled.');
    },
  };
  return c;
}
