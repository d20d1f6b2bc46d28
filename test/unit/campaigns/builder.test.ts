import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudienceResult, CampaignDetail, CampaignExportResult, CampaignReport, ExperimentResult, ForecastResult } from '../../../src/shared/campaign-schemas';
import { assignGroups, countGroups, plannedGroups } from '../../../src/engine/campaigns/assign';
import { e164, hashEmail } from '../../../src/engine/campaigns/export';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';

/**
 * The campaign builder end to end through the engine: a saved segment as the audience, two arms and a holdout,
 * exclusions, the power planner, the export folder, results attached to the campaign, and the report.
 */

let demo: DemoEngine;
let segmentId: number;
/** Waits until no job runs (an import starts follow-up jobs, such as recounting segment sizes). */
async function idle(): Promise<void> {
  for (;;) {
    const { jobs } = await demo.value<{ jobs: Array<{ status: string }> }>('jobs.list', {});
    if (!jobs.some((j) => j.status === 'running')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const csv = (file: string): string[][] => fs.readFileSync(file, 'utf8').trim().split(/\r?\n/).map((line) => line.split(','));

beforeAll(async () => {
  demo = await demoEngine({ customers: 3000, seed: 11 });
  const segment = await demo.value<{ id: number }>('segments.create', { name: 'Bought this year', rule: { all: [{ field: 'recencyDays', op: '<', value: 365 }] } });
  segmentId = segment.id;
}, 120_000);
afterAll(async () => demo.close());

const plan = (extra: Record<string, unknown> = {}) => ({
  name: 'Autumn test',
  channel: 'email',
  goal: 'promotion',
  audience: { segmentIds: [segmentId], exclusions: { notAcceptingMarketing: true } },
  arms: [{ name: 'A' }, { name: 'B' }],
  holdout: 0.1,
  seed: 4,
  sendDate: '2026-09-01',
  ...extra,
});

describe('assignment', () => {
  it('puts every member in exactly one group, in the planned shares within every stratum, reproducibly', () => {
    const ids = Int32Array.from({ length: 10_000 }, (_, i) => i + 1);
    const stratumOf = Uint16Array.from(ids, (id) => id % 7);
    const strata = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const groups = plannedGroups({ arms: [{ name: 'A' }, { name: 'B' }, { name: 'C', weight: 2 }], holdout: 0.2 });
    expect(groups.map((g) => g.share)).toEqual([0.2, 0.2, 0.4, 0.2]);
    const assigned = assignGroups(ids, stratumOf, strata, groups.map((g) => g.share), 1);
    expect(countGroups(assigned, 4).reduce((s, n) => s + n, 0)).toBe(10_000);
    for (let s = 0; s < 7; s++) {
      const members = ids.filter((_, i) => stratumOf[i] === s).length;
      const sizes = countGroups(assigned.filter((_, i) => stratumOf[i] === s), 4);
      sizes.forEach((size, g) => expect(Math.abs(size - members * (groups[g]?.share ?? 0))).toBeLessThanOrEqual(1));
    }
    expect(assignGroups(ids, stratumOf, strata, groups.map((g) => g.share), 1)).toEqual(assigned);
    expect(assignGroups(ids, stratumOf, strata, groups.map((g) => g.share), 2)).not.toEqual(assigned);
  });
});

describe('a campaign from a saved segment with two arms and a holdout', () => {
  let campaign: CampaignDetail;
  let audience: AudienceResult;

  it('is saved as a draft and its audience waterfall adds up', async () => {
    campaign = await demo.value<CampaignDetail>('campaigns.create', plan());
    expect(campaign).toMatchObject({ status: 'draft', source: 'builder', sendDate: '2026-09-01', audience: null });
    audience = await demo.value<AudienceResult>('campaigns.audience', { id: campaign.id });
    const segment = await demo.value<{ count: number }>('segments.get', { id: segmentId });
    expect(audience.matched).toBe(segment.count);
    const removed = audience.exclusions.reduce((s, e) => s + e.removed, 0);
    expect(audience.size).toBe(audience.matched - removed);
    expect(audience.exclusions.find((e) => e.reason === 'noConsent')?.removed).toBeGreaterThan(0);
    expect(audience.groups.map((g) => g.name)).toEqual(['A', 'B', 'holdout']);
    expect(audience.groups.reduce((s, g) => s + g.size, 0)).toBe(audience.size);
    expect(Math.abs((audience.groups[2]?.size ?? 0) - audience.size * 0.1)).toBeLessThan(12);
    expect(audience.sendHours.reduce((s, n) => s + n, 0) + audience.sendHoursUnknown).toBe(audience.size);
    expect(audience.strata.reduce((s, x) => s + x.size, 0)).toBe(audience.size);
    expect(audience.frozen).toBe(false);
  });

  it('leaves out customers contacted in the days before the send (the frequency cap)', async () => {
    const { campaigns } = await demo.value<{ campaigns: Array<{ id: number; sendDate: string; recipients: number }> }>('campaigns.list', {});
    const past = campaigns.find((c) => c.recipients > 0);
    if (!past) throw new Error('the demo has past campaigns');
    const sendDate = new Date(Date.parse(`${past.sendDate}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const capped = await demo.value<CampaignDetail>('campaigns.create', plan({ sendDate, audience: { exclusions: { contactedWithinDays: 7, notAcceptingMarketing: false } } }));
    const result = await demo.value<AudienceResult>('campaigns.audience', { id: capped.id });
    expect(result.exclusions.find((e) => e.reason === 'recentlyContacted')?.removed).toBe(past.recipients);
    await demo.value('campaigns.delete', { id: capped.id });
  });

  it('plans the experiment from the history and says plainly when the groups are too small', async () => {
    const experiment = await demo.value<ExperimentResult>('campaigns.experiment', { id: campaign.id });
    expect(experiment.baseline.source).toBe('history');
    expect(experiment.baseline.rate).toBeGreaterThan(0);
    expect(experiment.power.comparisons).toBe(2);
    expect(experiment.power.corrected).toBe(true);
    expect(experiment.enough).toBe(false);
    expect(experiment.warnings[0]).toMatch(/Too small to detect 1\.00 percentage points/);
    expect(experiment.suggestions.join(' ')).toMatch(/instead of 2/);
    expect(experiment.detectableEffect).toBeGreaterThan(0.01);
  });

  it('forecasts responders and revenue with an interval from past campaigns', async () => {
    await demo.value('campaigns.update', { id: campaign.id, plan: plan({ forecast: { costPerContact: 0.05, budget: 50 } }) });
    const forecast = await demo.value<ForecastResult>('campaigns.forecast', { id: campaign.id });
    expect(forecast.source).toBe('history');
    expect(forecast.contacted + forecast.holdout).toBe(audience.size);
    expect(forecast.responders.low).toBeLessThanOrEqual(forecast.responders.mean);
    expect(forecast.responders.high).toBeGreaterThanOrEqual(forecast.responders.mean);
    expect(forecast.cost).toBeCloseTo(forecast.contacted * 0.05, 6);
    expect(forecast.budget?.affordableContacts).toBe(1000);
  });

  it('exports the folder and freezes the audience; a changed audience is then refused', async () => {
    const folder = path.join(demo.root, 'export-1');
    const done = demo.nextDone<CampaignExportResult>('campaigns.export');
    await demo.value('campaigns.export', { id: campaign.id, folder: chosen(demo.engine, folder, 'folder'), reveal: false });
    const result = await done;
    expect(result.froze).toBe(true);
    const assignments = csv(path.join(folder, 'assignments.csv'));
    expect(assignments[0]).toEqual(['customerId', 'arm']);
    expect(assignments.length - 1).toBe(audience.size);
    expect(new Set(assignments.slice(1).map((r) => r[0])).size).toBe(audience.size);
    const byArm = (arm: string) => assignments.filter((r) => r[1] === arm).length;
    expect([byArm('A'), byArm('B'), byArm('holdout')]).toEqual(audience.groups.map((g) => g.size));
    const email = csv(path.join(folder, 'email.csv'));
    expect(email[0]).toEqual(['Email Address', 'First Name', 'Last Name', 'Arm', 'Send Hour', 'Customer ID']);
    expect(email.length - 1).toBe(byArm('A') + byArm('B'));
    expect(email.slice(1).every((r) => r[0]?.includes('•••'))).toBe(true);
    const detail = await demo.value<CampaignDetail>('campaigns.get', { id: campaign.id });
    expect(detail.status).toBe('exported');
    const frozen = await demo.value<AudienceResult>('campaigns.audience', { id: campaign.id });
    expect(frozen.frozen).toBe(true);
    expect(frozen.groups.map((g) => g.size)).toEqual(audience.groups.map((g) => g.size));
    const reply = await demo.engine.invoke('campaigns.update', { id: campaign.id, plan: plan({ holdout: 0.2 }) });
    expect(reply.ok ? null : reply.error.code).toBe('conflict');
    const renamed = await demo.value<CampaignDetail>('campaigns.update', { id: campaign.id, plan: plan({ name: 'Autumn test (sent)' }) });
    expect(renamed.name).toBe('Autumn test (sent)');
  });

  it('reports results attached to the campaign, with the holdout counted from the order history', async () => {
    const assignments = csv(path.join(demo.root, 'export-1', 'assignments.csv')).slice(1);
    const lines = ['customerId,sent,delivered,opened,clicked,converted,revenue'];
    assignments.forEach(([customer, arm], i) => {
      if (arm === 'holdout') return;
      const converted = arm === 'B' ? i % 7 === 0 : i % 12 === 0;
      lines.push(`${customer},1,1,${i % 3 === 0 ? 1 : 0},${i % 5 === 0 ? 1 : 0},${converted ? 1 : 0},${converted ? 40 : 0}`);
    });
    const file = path.join(demo.root, 'results-1.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const done = demo.nextDone('import.run');
    await demo.value('campaigns.importResults', { id: campaign.id, file: chosen(demo.engine, file) });
    await done;
    await idle();
    const report = await demo.value<CampaignReport>('campaigns.report', { id: campaign.id });
    expect(report.arms.map((a) => a.name)).toEqual(['A', 'B', 'holdout']);
    const holdout = report.arms[2];
    expect(holdout?.fromOrders).toBe(true);
    // The holdout's conversions are its members with a sale in the 7 days from the send, straight from the orders.
    const db = new Database(path.join(demo.root, 'ws', 'workspace.sqlite'), { readonly: true });
    const expected = db
      .prepare(
        `SELECT count(DISTINCT o.customer_id) FROM orders o JOIN campaign_assignments a ON a.customer_id = o.customer_id
          JOIN campaign_arms h ON h.campaign_id = a.campaign_id AND h.arm = a.arm AND h.holdout = 1
         WHERE a.campaign_id = ? AND o.kind = 'sale' AND o.ordered_at >= '2026-09-01T09:00:00' AND o.ordered_at < '2026-09-08T09:00:00'`,
      )
      .pluck()
      .get(campaign.id) as number;
    db.close();
    expect(holdout?.conversions).toBe(expected);
    expect(report.arms[1]?.rate).toBeGreaterThan(report.arms[0]?.rate ?? 1);
    expect(report.comparisons.map((c) => [c.arm, c.against])).toEqual([['A', 'holdout'], ['B', 'holdout']]);
    for (const a of report.arms) {
      expect(a.ciLow).toBeLessThanOrEqual(a.rate);
      expect(a.ciHigh).toBeGreaterThanOrEqual(a.rate);
      expect(a.rprLow).toBeLessThanOrEqual(a.revenuePerRecipient + 1e-9);
    }
    expect(report.srm.mismatch).toBe(false);
    expect(report.incremental?.against).toBe('holdout');
    const detail = await demo.value<CampaignDetail>('campaigns.get', { id: campaign.id });
    expect(detail.status).toBe('results');
  });

  it('flags a 55/45 split of a planned 50/50 as a sample-ratio mismatch and names no winner', async () => {
    const even = await demo.value<CampaignDetail>('campaigns.create', plan({ name: 'Split check', holdout: 0, audience: { exclusions: { notAcceptingMarketing: false } } }));
    const folder = path.join(demo.root, 'export-srm');
    const done = demo.nextDone('campaigns.export');
    await demo.value('campaigns.export', { id: even.id, folder: chosen(demo.engine, folder, 'folder'), reveal: false });
    await done;
    const rows = csv(path.join(folder, 'assignments.csv')).slice(1);
    const a = rows.filter((r) => r[1] === 'A');
    const b = rows.filter((r) => r[1] === 'B');
    // Keep every A and only as many B as make 55/45: B's missing rows look like a broken send.
    const keepB = Math.round((a.length * 45) / 55);
    const lines = ['customerId,sent,converted,revenue', ...a.map(([c], i) => `${c},1,${i % 10 === 0 ? 1 : 0},0`), ...b.slice(0, keepB).map(([c], i) => `${c},1,${i % 5 === 0 ? 1 : 0},0`)];
    const file = path.join(demo.root, 'results-srm.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const imported = demo.nextDone('import.run');
    await demo.value('campaigns.importResults', { id: even.id, file: chosen(demo.engine, file) });
    await imported;
    await idle();
    const report = await demo.value<CampaignReport>('campaigns.report', { id: even.id });
    expect(report.arms.map((x) => x.recipients)).toEqual([a.length, keepB]);
    expect(report.srm.mismatch).toBe(true);
    expect(report.srm.pValue).toBeLessThan(0.001);
    expect(report.verdict.outcome).toBe('srm');
    expect(report.verdict.text).not.toMatch(/beat|winner|won/i);
  });
});

describe('plans the engine refuses', () => {
  it('names the missing segment, the bad rule and the duplicate arm, and saves nothing', async () => {
    const before = (await demo.value<{ campaigns: unknown[] }>('campaigns.list', {})).campaigns.length;
    const missing = await demo.engine.invoke('campaigns.create', plan({ audience: { segmentIds: [999] } }));
    expect(missing.ok ? null : missing.error).toMatchObject({ code: 'not-found', details: { field: 'audience.segmentIds' } });
    const badRule = await demo.engine.invoke('campaigns.create', plan({ audience: { rule: { all: [{ field: 'orders', op: 'contains', value: 3 }] } } }));
    expect(badRule.ok ? null : badRule.error.code).toBe('bad-input');
    const twins = await demo.engine.invoke('campaigns.create', plan({ arms: [{ name: 'A' }, { name: 'a' }] }));
    expect(twins.ok ? null : twins.error).toMatchObject({ code: 'bad-input', details: { field: 'arms' } });
    expect((await demo.value<{ campaigns: unknown[] }>('campaigns.list', {})).campaigns).toHaveLength(before);
  });
});

describe('channel files', () => {
  it('refuses an ad audience without a reveal, and hashes the normalised e-mail with one', async () => {
    const ads = await demo.value<CampaignDetail>('campaigns.create', plan({ name: 'Retargeting', channel: 'ads', arms: [{ name: 'Audience' }], holdout: 0.2 }));
    const refused = await demo.engine.invoke('campaigns.export', { id: ads.id, reveal: false });
    expect(refused.ok ? null : refused.error.code).toBe('bad-input');
    const folder = path.join(demo.root, 'export-ads');
    const done = demo.nextDone<CampaignExportResult>('campaigns.export');
    await demo.value('campaigns.export', { id: ads.id, folder: chosen(demo.engine, folder, 'folder'), reveal: true });
    const result = await done;
    const file = result.files.find((f) => f.name.startsWith('ads-audience'));
    expect(file?.rows).toBe(result.recipients);
    const rows = csv(path.join(folder, file?.name ?? ''));
    expect(rows[0]).toEqual(['Email', 'Phone']);
    expect(rows.slice(1).every((r) => /^[0-9a-f]{64}$/.test(r[0] ?? ''))).toBe(true);
    expect(hashEmail('  Jan.Jansen@Example.COM ')).toBe(createHash('sha256').update('jan.jansen@example.com').digest('hex'));
    const audit = new Database(path.join(demo.root, 'ws', 'workspace.sqlite'), { readonly: true });
    const logged = audit.prepare("SELECT count(*) FROM audit_log WHERE action = 'campaigns.exported' AND subject = ?").pluck().get(String(ads.id));
    audit.close();
    expect(logged).toBe(1);
  });

  it('writes phone numbers in E.164, reading national numbers with the customer’s country', () => {
    expect(e164('06 12345678', 'NL')).toBe('+31612345678');
    expect(e164('+44 20 7946 0958', 'NL')).toBe('+442079460958');
    expect(e164('not a phone', 'NL')).toBeNull();
  });
});
