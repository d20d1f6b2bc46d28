import path from 'node:path';
import type { CampaignPlan } from '../../shared/campaign-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { sniff } from '../ingest/inspect';
import { statInput } from '../ingest/source';
import { suggestMapping } from '../ingest/suggest';
import type { HandlerMap } from '../kernel/handler-types';
import { validateRule } from '../segments/validate';
import { archivePath, planExport, shred } from '../kernel/export-archive';
import { checkExportTarget, localDay, newExportPath, refuseWhileJobRuns } from '../kernel/exports';
import { buildAudience, describeAudience, planSendDate } from './build';
import { deleteCampaign, getCampaign, insertDraft, listCampaigns, readArms, readPlan, requirePlan, sendDateOf, updatePlan } from './campaigns-repo';
import { compareCampaigns } from './compare';
import { planExperiment } from './experiment';
import { checkExport } from './export';
import { forecastCampaign } from './forecast';
import { campaignReport } from './report';
import { sampleSizePerArm } from './stats';

/** What an exported campaign can no longer change: who is in it and how they were split. */
const frozenParts = (plan: CampaignPlan): string =>
  JSON.stringify([plan.audience, plan.arms.map((a) => [a.name, a.weight ?? 1]), plan.holdout, plan.seed, plan.channel]);

const withSendDate = (plan: CampaignPlan): CampaignPlan => ({ ...plan, sendDate: planSendDate(plan, localDay(new Date())) });

/** Refuses an audience that names a segment that is not there or a rule the segment compiler would refuse. */
function checkAudience(db: Db, plan: CampaignPlan): void {
  for (const segmentId of plan.audience.segmentIds) {
    if (db.prepare('SELECT 1 FROM segments WHERE id = ?').get(segmentId) === undefined) {
      throw new AppError('not-found', `There is no segment ${segmentId}. Choose a saved segment (see segment list) or give a rule.`, { field: 'audience.segmentIds' });
    }
  }
  if (plan.audience.rule) validateRule(plan.audience.rule);
  const names = plan.arms.map((a) => a.name.toLowerCase());
  if (new Set(names).size !== names.length) throw new AppError('bad-input', 'Two arms have the same name. Give each arm its own name.', { field: 'arms' });
}

function audienceOf(db: Db, id: number) {
  return buildAudience(db, id, sendDateOf(readPlan(db, id).sentAt));
}

export const campaignsHandlers = {
  'campaigns.list': (_input, ctx) => ({ campaigns: listCampaigns(ctx.workspace().db) }),
  'campaigns.get': (input, ctx) => getCampaign(ctx.workspace().db, input.id),
  'campaigns.create': (input, ctx) => {
    const db = ctx.workspace().db;
    checkAudience(db, input);
    const id = insertDraft(db, withSendDate(input), new Date().toISOString());
    return getCampaign(db, id);
  },
  'campaigns.update': (input, ctx) => {
    const db = ctx.workspace().db;
    const { plan, status } = requirePlan(db, input.id);
    if (status === 'exported' && frozenParts(plan) !== frozenParts(input.plan)) {
      throw new AppError(
        'conflict',
        'This campaign was exported: its audience, arms, holdout and channel are frozen so it can be measured. Make a copy to change them.',
        { field: 'plan' },
      );
    }
    checkAudience(db, input.plan);
    updatePlan(db, input.id, withSendDate(input.plan), new Date().toISOString());
    return getCampaign(db, input.id);
  },
  'campaigns.delete': (input, ctx) => ({ deleted: deleteCampaign(ctx.workspace().db, input.id) }),
  'campaigns.audience': (input, ctx) => {
    const db = ctx.workspace().db;
    return describeAudience(db, audienceOf(db, input.id));
  },
  'campaigns.power': (input) => sampleSizePerArm(input),
  'campaigns.experiment': (input, ctx) => {
    const db = ctx.workspace().db;
    return planExperiment(db, audienceOf(db, input.id));
  },
  'campaigns.forecast': (input, ctx) => {
    const db = ctx.workspace().db;
    return forecastCampaign(db, audienceOf(db, input.id));
  },
  'campaigns.export': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Start the export', { reading: true });
    const db = ctx.workspace().db;
    const { plan } = requirePlan(db, input.id);
    const dir = ctx.workspace().dir;
    const chosen = input.folder ? ctx.files.resolve(input.folder, 'folder', 'folder') : newExportPath(dir, `campaign-${input.id}`, input.archive ? '.zip' : '');
    if (!input.archive) checkExport(plan, input.reveal, chosen);
    const { write: folder, archive } = input.archive ? archivedCampaign(dir, archivePath(chosen), input.archive, plan, input.reveal) : { write: chosen, archive: undefined };
    const job = ctx.jobs.start('campaigns.export', `Export campaign ${plan.name}`, { campaignId: input.id, folder, reveal: input.reveal, ...(archive ? { archive } : {}) });
    return { jobId: job.id };
  },
  'campaigns.importResults': async (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Import the results');
    const db = ctx.workspace().db;
    const { name } = readPlan(db, input.id);
    const file = ctx.files.resolve(input.file, 'read', 'file');
    statInput(file);
    const sniffed = await sniff(file);
    const mapping = suggestMapping('campaign_results', sniffed.headers, sniffed.samples);
    if (!Object.values(mapping).includes('customerId')) {
      throw new AppError('bad-input', `${path.basename(file)} has no customer column. A results file needs customerId and may have sent, delivered, opened, clicked, converted and revenue.`, {
        file: path.basename(file),
        field: 'customerId',
      });
    }
    const job = ctx.jobs.start('import.run', `Import results of ${name}`, {
      file,
      kind: 'campaign_results',
      mapping,
      onError: 'reject',
      dryRun: false,
      pseudonymize: [],
      overrides: {},
      campaignId: input.id,
    });
    return { jobId: job.id };
  },
  'campaigns.report': (input, ctx) => campaignReport(ctx.workspace().db, input.id),
  'campaigns.compare': (input, ctx) => ({ campaigns: compareCampaigns(ctx.workspace().db, input.ids) }),
  'campaigns.uplift': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Fit the uplift model');
    const db = ctx.workspace().db;
    const { name } = readPlan(db, input.id);
    if (!readArms(db, input.id).some((a) => a.holdout)) {
      throw new AppError('bad-input', `${name} had no holdout, so there is no one to learn "would have bought anyway" from. Keep a holdout next time.`, { field: 'id' });
    }
    const job = ctx.jobs.start('campaigns.uplift', `Who to target next time: ${name}`, { campaignId: input.id });
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;

/** An archived campaign export: the zip's place is checked like a file's, then the files go to a staging folder. */
function archivedCampaign(dir: string, zip: string, option: { passphrase: string }, plan: Parameters<typeof checkExport>[0], reveal: boolean) {
  checkExportTarget(zip, 'campaign.zip');
  const planned = planExport(dir, zip, option, '');
  try {
    checkExport(plan, reveal, planned.write);
  } catch (error) {
    if (planned.archive) shred(planned.archive.staging);
    throw error;
  }
  return planned;
}
