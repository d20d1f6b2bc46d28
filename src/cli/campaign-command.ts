import path from 'node:path';
import type { Command } from 'commander';
import type { CampaignDetail, CampaignExportResult, CampaignReport, CampaignSummary } from '../shared/campaign-schemas';
import { AppError } from '../shared/errors';
import { runJob, withEngine } from './commands';
import { call, chosenFile, type GlobalOptions } from './engine-session';
import { formatNumber, printError, printResult, table } from './output';
import { readJsonOption } from './segment-command';

type PowerOptions = GlobalOptions & { baseline: string; mde: string; alpha: string; power: string; arms: string };
type CreateOptions = GlobalOptions & { file: string };
type ExportOptions = GlobalOptions & { out: string; reveal?: boolean };

/** Adds `campaign power|create|export|results|list`; `withGlobals` adds --workspace and --json. */
export function registerCampaignCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const campaign = program.command('campaign').description('plan, size, export and measure campaigns with a holdout (README: Campaigns)');
  withGlobals(
    campaign
      .command('power')
      .description('recipients per arm for a two-sided two-proportion z-test (Holm-corrected with more than two arms)')
      .requiredOption('--baseline <p>', 'the control conversion rate, between 0 and 1 (0.03 = 3 %)')
      .requiredOption('--mde <d>', 'minimum detectable effect, absolute (0.01 = one percentage point)')
      .option('--alpha <a>', 'significance level, two-sided', '0.05')
      .option('--power <b>', 'chance of detecting the effect when it is there', '0.8')
      .option('--arms <k>', 'groups compared, the control included', '2'),
  ).action((opts: PowerOptions) => powerCommand(opts));
  withGlobals(
    campaign
      .command('create')
      .description('save a campaign from a plan file and split its audience into arms and a holdout')
      .requiredOption('--file <plan.json>', 'the plan: {"name","channel","audience":{"segmentId"|"rule"},"arms":[{"name"}],"holdout","seed"}'),
  ).action((opts: CreateOptions) => createCommand(opts));
  withGlobals(
    campaign
      .command('export')
      .description('write the campaign folder: assignments.csv and the channel file (masked unless --reveal); freezes the audience')
      .argument('<id>', 'the campaign id (see campaign list)')
      .requiredOption('--out <dir>', 'the folder to write (new or empty)')
      .option('--reveal', 'write real e-mails, names and phones (recorded in the audit log)'),
  ).action((id: string, opts: ExportOptions) => exportCommand(id, opts));
  withGlobals(
    campaign
      .command('results')
      .description('import per-customer results (customerId,sent,delivered,opened,clicked,converted,revenue) and print the report')
      .argument('<id>', 'the campaign id')
      .argument('<file>', 'the results CSV'),
  ).action((id: string, file: string, opts: GlobalOptions) => resultsCommand(id, file, opts));
  withGlobals(campaign.command('list').description('every campaign with its status, send date and results')).action((opts: GlobalOptions) => listCommand(opts));
}

const campaignId = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new AppError('bad-input', `The campaign id must be a whole number from 1, not "${value.slice(0, 40)}".`, { field: 'id' });
  return Number(value);
};

/** A number option, or a bad-input error naming it. */
function numberOption(value: string, field: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new AppError('bad-input', `--${field} must be a number, not "${value.slice(0, 40)}".`, { field });
  return n;
}

/** Refuses impossible inputs with exit code 2, as a usage error, before any workspace is opened. */
function powerInput(opts: PowerOptions): { baseline: number; mde: number; alpha: number; power: number; groups: number } {
  const baseline = numberOption(opts.baseline, 'baseline');
  const mde = numberOption(opts.mde, 'mde');
  const alpha = numberOption(opts.alpha, 'alpha');
  const power = numberOption(opts.power, 'power');
  const groups = numberOption(opts.arms, 'arms');
  if (!(baseline > 0 && baseline < 1)) throw new AppError('bad-input', `--baseline must be a rate between 0 and 1 (exclusive), such as 0.03 for 3 %; got ${baseline}.`, { field: 'baseline' });
  if (!(mde > 0)) throw new AppError('bad-input', `--mde must be above 0 (an absolute effect: 0.01 is one percentage point); got ${mde}.`, { field: 'mde' });
  if (!(baseline + mde < 1)) throw new AppError('bad-input', `--baseline plus --mde must stay below 1; ${baseline} + ${mde} does not.`, { field: 'mde' });
  if (!(alpha > 0 && alpha <= 0.5)) throw new AppError('bad-input', `--alpha must be above 0 and at most 0.5; got ${alpha}.`, { field: 'alpha' });
  if (!(power > 0 && power < 1)) throw new AppError('bad-input', `--power must be between 0 and 1 (exclusive); got ${power}.`, { field: 'power' });
  if (!(Number.isInteger(groups) && groups >= 2 && groups <= 7)) throw new AppError('bad-input', `--arms must be a whole number from 2 to 7 (the control included); got ${groups}.`, { field: 'arms' });
  return { baseline, mde, alpha, power, groups };
}

async function powerCommand(opts: PowerOptions): Promise<void> {
  let input: ReturnType<typeof powerInput>;
  try {
    input = powerInput(opts);
  } catch (error) {
    const e = error as AppError;
    printError({ json: Boolean(opts.json) }, { code: e.code, message: e.message, details: e.details });
    process.exitCode = 2;
    return;
  }
  await withEngine(opts, async (engine, mode) => {
    const result = await call(engine, 'campaigns.power', input);
    printResult(mode, { perArm: result.perArm, total: result.total, alphaPerComparison: result.alphaPerComparison }, () =>
      [
        table([
          ['Per arm', formatNumber(result.perArm)],
          ['Total', formatNumber(result.total)],
          ['α per comparison', String(Number(result.alphaPerComparison.toFixed(6)))],
        ]),
        result.note,
      ].join('\n'),
    );
  });
}

/** The CLI's short form of a campaign: its audience and how it was split. */
function created(detail: CampaignDetail, groups: Array<{ name: string; size: number; holdout: boolean }>) {
  const holdout = groups.find((g) => g.holdout);
  return {
    id: detail.id,
    name: detail.name,
    audience: groups.reduce((s, g) => s + g.size, 0),
    arms: groups.filter((g) => !g.holdout).map((g) => ({ name: g.name, size: g.size })),
    holdout: { size: holdout?.size ?? 0 },
  };
}

async function createCommand(opts: CreateOptions): Promise<void> {
  let plan: unknown;
  await withEngine(
    opts,
    async (engine, mode) => {
      const detail = await call(engine, 'campaigns.create', plan as never);
      const audience = await call(engine, 'campaigns.audience', { id: detail.id });
      const value = created(detail, audience.groups);
      printResult(mode, value, () =>
        table([
          ['Campaign', `#${value.id} ${value.name}`],
          ['Audience', formatNumber(value.audience)],
          ...value.arms.map((a): [string, string] => [`Arm ${a.name}`, formatNumber(a.size)]),
          ['Holdout', formatNumber(value.holdout.size)],
        ]),
      );
    },
    () => void (plan = readJsonOption(opts.file, 'file', true)),
  );
}

async function exportCommand(id: string, opts: ExportOptions): Promise<void> {
  let input = { id: 0, folder: '', reveal: false };
  await withEngine(
    opts,
    async (engine, mode) => {
      const request = { ...input, folder: chosenFile(engine, input.folder, 'folder') };
      const result = (await runJob(engine, () => call(engine, 'campaigns.export', request))) as CampaignExportResult;
      printResult(mode, result, () =>
        [`Wrote ${result.folder}`, ...result.files.map((f) => `  ${f.name.padEnd(28)} ${formatNumber(f.rows).padStart(10)} rows  ${f.description}`)].join('\n'),
      );
    },
    () => void (input = { id: campaignId(id), folder: path.resolve(opts.out), reveal: Boolean(opts.reveal) }),
  );
}

/** The report in the CLI's documented shape. */
export function reportDocument(report: CampaignReport) {
  return {
    arms: report.arms.map((a) => ({
      name: a.name,
      recipients: a.recipients,
      conversions: a.conversions,
      rate: a.rate,
      ciLow: a.ciLow,
      ciHigh: a.ciHigh,
      revenuePerRecipient: a.revenuePerRecipient,
    })),
    comparisons: report.comparisons.map((c) => ({
      arm: c.arm,
      against: c.against,
      lift: c.lift,
      liftLow: c.liftLow,
      liftHigh: c.liftHigh,
      pValue: c.pValue,
      probabilityBest: c.probabilityBest,
    })),
    srm: { pValue: report.srm.pValue, mismatch: report.srm.mismatch },
    verdict: report.verdict,
  };
}

const pct = (r: number): string => `${(r * 100).toFixed(2)} %`;

async function resultsCommand(id: string, file: string, opts: GlobalOptions): Promise<void> {
  let input = { id: 0, file: '' };
  await withEngine(
    opts,
    async (engine, mode) => {
      await runJob(engine, () => call(engine, 'campaigns.importResults', { ...input, file: chosenFile(engine, input.file, 'read') }));
      const report = await call(engine, 'campaigns.report', { id: input.id });
      printResult(mode, reportDocument(report), () =>
        [
          ...report.arms.map((a) => `${a.name.padEnd(12)} ${formatNumber(a.recipients).padStart(10)} recipients  ${pct(a.rate)} (${pct(a.ciLow)}–${pct(a.ciHigh)})  ${a.revenuePerRecipient.toFixed(2)} ${report.currency}/recipient`),
          ...report.comparisons.map((c) => `${c.arm} vs ${c.against}: ${(c.lift * 100).toFixed(2)} points (${(c.liftLow * 100).toFixed(2)} to ${(c.liftHigh * 100).toFixed(2)}), p ${c.pValue.toPrecision(3)}, P(best) ${(c.probabilityBest * 100).toFixed(1)} %`),
          `Sample ratio: p ${report.srm.pValue.toPrecision(3)}${report.srm.mismatch ? ' — MISMATCH' : ''}`,
          `Verdict (${report.verdict.outcome}): ${report.verdict.text}`,
        ].join('\n'),
      );
    },
    () => void (input = { id: campaignId(id), file: path.resolve(file) }),
  );
}

async function listCommand(opts: GlobalOptions): Promise<void> {
  await withEngine(opts, async (engine, mode) => {
    const { campaigns } = await call(engine, 'campaigns.list', {});
    printResult(mode, { campaigns }, () =>
      campaigns.length === 0
        ? 'No campaigns yet. Create one with `localyst campaign create --file plan.json`.'
        : campaigns
            .map((c: CampaignSummary) => `#${String(c.id).padEnd(4)} ${c.sendDate}  ${c.status.padEnd(8)} ${c.channel.padEnd(5)} ${c.name}${c.recipients > 0 ? `  ${formatNumber(c.recipients)} recipients, ${formatNumber(c.converted)} converted` : ''}`)
            .join('\n'),
    );
  });
}
