import { HOLDOUT_ARM, type AudienceResult, type CampaignPlan } from '../../shared/campaign-schemas';
import type { Db } from '../db/open-workspace';
import { assignGroups, countGroups, plannedGroups, type PlannedGroup } from './assign';
import { resolveAudience, strataOf, usualOrderHours, type ResolvedAudience } from './audience';
import { hasAssignments, readArms, readAssignments, requirePlan } from './campaigns-repo';

/**
 * A built campaign's audience and split: resolved from today's data while it is a draft, read from the frozen
 * snapshot once exported (so it can be measured later even after the data changed).
 */
export type CampaignAudience = {
  plan: CampaignPlan;
  frozen: boolean;
  ids: Int32Array;
  /** Group index of each member, into `groups`. */
  assigned: Uint8Array;
  groups: PlannedGroup[];
  strata: string[];
  stratumOf: Uint16Array;
  resolved: Omit<ResolvedAudience, 'ids'> | null;
};

const SAMPLE_MEMBERS = 5;

/** The send date of a plan: the plan's own, or a week from `today`. */
export function planSendDate(plan: CampaignPlan, today: string): string {
  if (plan.sendDate) return plan.sendDate;
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}

export function buildAudience(db: Db, id: number, sendDate: string): CampaignAudience {
  const { plan, status } = requirePlan(db, id);
  if (status === 'exported' && hasAssignments(db, id)) {
    const { ids, arms } = readAssignments(db, id);
    const stored = readArms(db, id);
    const groups = stored.map((a) => ({ name: a.holdout ? HOLDOUT_ARM : a.name, share: a.share, holdout: a.holdout }));
    const { names, stratumOf } = frozenStrata(db, id, ids);
    return { plan, frozen: true, ids, assigned: arms, groups, strata: names, stratumOf, resolved: null };
  }
  const resolved = resolveAudience(db, plan.audience, { channel: plan.channel, goal: plan.goal, sendDate, campaignId: id, seed: plan.seed });
  const groups = plannedGroups(plan);
  const { names, stratumOf } = strataOf(db, resolved.ids);
  const assigned = assignGroups(resolved.ids, stratumOf, names, groups.map((g) => g.share), plan.seed);
  const { ids, ...rest } = resolved;
  return { plan, frozen: false, ids, assigned, groups, strata: names, stratumOf, resolved: rest };
}

function frozenStrata(db: Db, id: number, ids: Int32Array): { names: string[]; stratumOf: Uint16Array } {
  const rows = new Map(db.prepare('SELECT customer_id, stratum FROM campaign_assignments WHERE campaign_id = ?').raw().all(id) as Array<[number, string | null]>);
  const names = [...new Set(rows.values())].map((s) => s ?? 'Unscored').sort();
  const index = new Map(names.map((n, i) => [n, i]));
  return { names, stratumOf: Uint16Array.from(ids, (c) => index.get(rows.get(c) ?? 'Unscored') as number) };
}

/** What the audience step shows: the waterfall, the split, the usual ordering hours and a few members to preview on. */
export function describeAudience(db: Db, audience: CampaignAudience): AudienceResult {
  const hours = usualOrderHours(db);
  const sendHours = new Array<number>(24).fill(0);
  let unknown = 0;
  for (const id of audience.ids) {
    const h = hours[id] ?? -1;
    if (h < 0) unknown++;
    else sendHours[h] = (sendHours[h] as number) + 1;
  }
  const strataSizes = new Array<number>(audience.strata.length).fill(0);
  for (const s of audience.stratumOf) strataSizes[s] = (strataSizes[s] as number) + 1;
  const sizes = countGroups(audience.assigned, audience.groups.length);
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(audience.ids.length / SAMPLE_MEMBERS));
  for (let i = 0; i < audience.ids.length && sample.length < SAMPLE_MEMBERS; i += step) {
    if (!audience.groups[audience.assigned[i] as number]?.holdout) sample.push(audience.ids[i] as number);
  }
  return {
    matched: audience.resolved?.matched ?? audience.ids.length,
    exclusions: audience.resolved?.exclusions ?? [],
    size: audience.ids.length,
    cap: audience.resolved?.cap ?? null,
    sendHours,
    sendHoursUnknown: unknown,
    strata: audience.strata.map((stratum, i) => ({ stratum, size: strataSizes[i] as number })).sort((a, b) => b.size - a.size),
    groups: audience.groups.map((g, i) => ({ ...g, size: sizes[i] as number })),
    sampleCustomerIds: sample,
    frozen: audience.frozen,
  };
}
