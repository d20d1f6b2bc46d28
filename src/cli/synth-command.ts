import type { Command } from 'commander';
import { AppError } from '../shared/errors';
import { GAN_DEFAULT_EPOCHS, type SynthMethod, type SynthModelReport, type SynthSampleResult, type SynthTrainResult } from '../shared/synth-schemas';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { epsilonBudget, wholeNumber } from './model-command';
import { formatNumber, printResult, table } from './output';

type TrainOptions = GlobalOptions & { table: string; target?: string; positive?: string; epochs: string; seed: string; method?: string; holdout: string; dpEpsilon?: string };
type SampleOptions = GlobalOptions & { rows: string; out: string; seed: string; model?: string; fill?: boolean };

/** Adds `synth train`, `synth sample` and `synth list`; `withGlobals` adds --workspace and --json. */
export function registerSynthCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const synth = program.command('synth').description('synthetic twins: a generated table with the same statistics and no real person in it');
  withGlobals(
    synth
      .command('train')
      .description('learn a CSV file with a GAN and a Gaussian copula (or one of them) and report quality, efficacy and privacy; the models are kept in the workspace')
      .requiredOption('--table <file>', 'the CSV file, with a header row (ids, personal data and free text are detected and left out)')
      .option('--target <column>', 'a yes/no or category column: measure how well a model trained on the twin predicts it')
      .option('--positive <value>', 'the target value that is the outcome (e.g. ">50K"), when the values do not say it')
      .option('--epochs <n>', 'GAN epochs at most (1 to 2000; early stopping may end sooner)', String(GAN_DEFAULT_EPOCHS))
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1')
      .option('--method <m>', 'gan or copula (default: both, printed as a list)')
      .option('--holdout <share>', 'share of rows kept aside to measure against (0.05 to 0.5)', '0.2')
      .option('--dp-epsilon <e>', "train the GAN with differential privacy (DP-SGD) within this budget ε (0.1 to 100; δ = 1/(10 × rows)); the copula is not private"),
  ).action((opts: TrainOptions) => trainCommand(opts));
  withGlobals(
    synth
      .command('sample')
      .description('write synthetic rows from a trained model (by default the last one) to a CSV file')
      .requiredOption('--rows <n>', 'how many rows (1 to 10,000,000)')
      .requiredOption('--out <file>', 'the CSV file to write')
      .option('--seed <s>', 'random seed (0 to 2147483647)', '1')
      .option('--model <id>', 'the model to sample from (see synth list)')
      .option('--fill', 'fill id and personal columns with fake values instead of leaving them out'),
  ).action((opts: SampleOptions) => sampleCommand(opts));
  withGlobals(synth.command('list').description('the synthetic-twin models of the workspace, newest first')).action((opts: GlobalOptions) => listCommand(opts));
}

function methods(raw: string | undefined): SynthMethod[] {
  if (raw === undefined) return ['gan', 'copula'];
  if (raw === 'gan' || raw === 'copula') return [raw];
  throw new AppError('bad-input', `--method takes gan or copula, not "${raw}".`, { field: 'method' });
}

function share(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0.05 || n > 0.5) throw new AppError('bad-input', `--holdout takes a share from 0.05 to 0.5, not "${raw}".`, { field: 'holdout' });
  return n;
}

function trainRequest(o: TrainOptions) {
  const epsilon = epsilonBudget(o.dpEpsilon);
  return {
    methods: methods(o.method),
    epochs: wholeNumber(o.epochs, 'epochs', 1, 2000),
    seed: wholeNumber(o.seed, 'seed', 0, 2 ** 31 - 1),
    holdout: share(o.holdout),
    ...(o.target !== undefined ? { target: o.target } : {}),
    ...(o.positive !== undefined ? { positive: o.positive } : {}),
    ...(epsilon !== undefined ? { dp: { epsilon } } : {}),
  };
}

/** What `synth train --json` prints for one model: the headline figures (the full report is `synth.get`). */
export function modelFigures(m: SynthModelReport) {
  return {
    modelId: m.id,
    method: m.method,
    source: m.source,
    rows: m.rows,
    columns: m.columns,
    quality: { score: m.qualityReport.score, columnShapes: m.qualityReport.columnShapes, pairTrends: m.qualityReport.pairTrends },
    efficacy: m.efficacy
      ? {
          target: m.efficacy.target,
          positive: m.efficacy.positive,
          testRows: m.efficacy.testRows,
          real: { accuracy: m.efficacy.real.accuracy, f1: m.efficacy.real.f1 },
          synthetic: { accuracy: m.efficacy.synthetic.accuracy, f1: m.efficacy.synthetic.f1 },
        }
      : null,
    privacy: {
      exactCopies: m.privacy.exactCopies,
      dcrMedianRatio: m.privacy.dcr.medianRatio,
      membershipAuc: m.privacy.membershipAuc,
      verdict: m.privacy.verdict,
      dp: m.privacy.dp,
    },
    epochs: m.epochs,
    bestEpoch: m.bestEpoch,
    seconds: m.seconds,
    backend: m.backend,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function describeModel(m: SynthModelReport): string {
  const f = modelFigures(m);
  const rows: Array<[string, string]> = [
    ['Model', `${f.modelId} (${m.method === 'gan' ? 'GAN' : 'Gaussian copula'})`],
    ['Learned', `${formatNumber(f.rows)} rows of ${f.source}, ${f.columns} columns`],
    ['Quality', `${pct(f.quality.score)} (column shapes ${pct(f.quality.columnShapes)}, pair trends ${pct(f.quality.pairTrends)})`],
  ];
  if (f.efficacy) {
    rows.push([
      `Predicting ${f.efficacy.target}`,
      `trained on real rows: accuracy ${pct(f.efficacy.real.accuracy)}, F1 ${f.efficacy.real.f1.toFixed(3)}; on the twin: accuracy ${pct(f.efficacy.synthetic.accuracy)}, F1 ${f.efficacy.synthetic.f1.toFixed(3)}`,
    ]);
  }
  rows.push(
    ['Privacy', `${f.privacy.verdict}: ${formatNumber(f.privacy.exactCopies)} exact copies dropped, closest-record ratio ${f.privacy.dcrMedianRatio.toFixed(2)}, membership AUC ${f.privacy.membershipAuc.toFixed(3)}`],
    ...(f.privacy.dp ? ([['Differential privacy', `ε = ${f.privacy.dp.epsilon.toFixed(2)}, δ = ${f.privacy.dp.delta.toExponential(1)} (DP-SGD)`]] as Array<[string, string]>) : []),
    ...(m.method === 'gan' && f.epochs !== null ? ([['Epochs', `${f.epochs} (best ${f.bestEpoch ?? '–'})`]] as Array<[string, string]>) : []),
    ['Time', `${f.seconds.toFixed(1)} s on ${f.backend}`],
  );
  const reasons = m.privacy.reasons.map((r) => `  ${r}`);
  return [table(rows), ...reasons].join('\n');
}

async function trainCommand(o: TrainOptions): Promise<void> {
  await withEngine(
    o,
    async (engine, mode) => {
      const source = { kind: 'file' as const, file: chosenFile(engine, o.table, 'read') };
      const detected = await call(engine, 'synth.columns', { source });
      // The detected roles, except that a numeric target is learned as categories (the user named it as one).
      const columns = detected.columns.map((c) => ({ name: c.name, role: c.name === o.target && c.role === 'numeric' ? ('categorical' as const) : c.role }));
      const input = { ...trainRequest(o), source: { kind: 'file' as const, file: chosenFile(engine, o.table, 'read') }, columns };
      const result = (await runJob(engine, () => call(engine, 'synth.train', input))) as SynthTrainResult;
      const figures = result.models.map(modelFigures);
      // One method asked for: its figures; both: a list, GAN first.
      printResult(mode, o.method !== undefined ? figures[0] : figures, () => {
        const left = detected.columns.filter((c) => !['numeric', 'categorical', 'datetime'].includes(c.role));
        const note = left.length > 0 ? `Left out: ${left.map((c) => `${c.name} (${c.reason})`).join(', ')}\n\n` : '';
        return note + result.models.map(describeModel).join('\n\n');
      });
    },
    () => void trainRequest(o),
  );
}

async function sampleCommand(o: SampleOptions): Promise<void> {
  const request = () => ({
    rows: wholeNumber(o.rows, 'rows', 1, 10_000_000),
    seed: wholeNumber(o.seed, 'seed', 0, 2 ** 31 - 1),
    fill: Boolean(o.fill),
    ...(o.model !== undefined ? { modelId: wholeNumber(o.model, 'model', 1, 2 ** 31 - 1) } : {}),
  });
  await withEngine(
    o,
    async (engine, mode) => {
      const input = { ...request(), file: chosenFile(engine, o.out, 'write') };
      const result = (await runJob(engine, () => call(engine, 'synth.sample', input))) as SynthSampleResult;
      printResult(mode, result, () =>
        table([
          ['File', result.file],
          ['Rows', `${formatNumber(result.rows)} from model ${result.modelId}`],
          ['Copies dropped', formatNumber(result.droppedCopies)],
          ['Speed', `${formatNumber(result.rowsPerSecond)} rows/s (${result.seconds.toFixed(1)} s)`],
          ['Encrypted', 'no: keep the file where only the people who may see it can'],
        ]),
      );
    },
    () => void request(),
  );
}

async function listCommand(o: GlobalOptions): Promise<void> {
  await withEngine(
    o,
    async (engine, mode) => {
      const { models } = await call(engine, 'synth.list', {});
      printResult(mode, models, () =>
        models.length === 0
          ? 'No synthetic twin yet. Train one with: localyst synth train --table FILE'
          : table(models.map((m) => [String(m.id), `${m.method.padEnd(6)} ${m.source} · ${formatNumber(m.rows)} rows · quality ${pct(m.quality)} · ${m.verdict} · ${m.createdAt.slice(0, 16).replace('T', ' ')}`])),
      );
    },
    undefined,
    'read',
  );
}
