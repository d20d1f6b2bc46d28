import { HOLDOUT_ARM, type CampaignReport } from '../../shared/campaign-schemas';
import { AppError } from '../../shared/errors';
import { shiftDay } from '../segments/compile';
import type { Db } from '../db/open-workspace';
import { readSettings } from '../workspace/settings';
import { readArms, readPlan, sendDateOf, type StoredArm } from './campaigns-repo';
import { responseWindow } from './history';
import {
  bootstrapDifferenceInterval,
  bootstrapMeanInterval,
  experimentVerdict,
  holm,
  probabilityBest,
  sampleRatioMismatch,
  sampleSizePerArm,
  twoProportionZTest,
  wilsonInterval,
} from './stats';

/**
 * The campaign's report: per group its recipients, conversion rate with a Wilson interval and revenue per recipient
 * with a bootstrap interval; each arm against the control (the holdout, else the first arm) with the z-test, lift
 * intervals, Holm-adjusted p-values and Bayesian probability of being best; incremental orders and revenue against
 * the holdout; the sample-ratio check; and a verdict that never calls a difference real while its interval holds zero.
 * The holdout received nothing, so its conversions come from the order history in the window unless the results
 * file has rows for its members.
 */

/** Days after the send that count when the plan does not say (the demo's and most tools' attribution window). */
const DEFAULT_WINDOW_DAYS = 7;
const RESAMPLES = 2000;
const DEFAULT_MDE = 0.01;

type Group = {
  arm: StoredArm;
  recipients: number;
  delivered: number | null;
  opened: number;
  clicked: number;
  conversions: number;
  revenue: Float64Array;
  fromOrders: boolean;
};

type Tally = { recipients: number; delivered: number; deliveredKnown: boolean; opened: number; clicked: number; conversions: number; revenues: number[] };
const emptyTally = (): Tally => ({ recipients: 0, delivered: 0, deliveredKnown: false, opened: 0, clicked: 0, conversions: 0, revenues: [] });

/** Groups of a campaign: its stored arms, or one group of everyone it was sent to. */
function groupsOf(db: Db, id: number, name: string): { arms: StoredArm[]; withArms: boolean } {
  const arms = readArms(db, id);
  return arms.length > 0 ? { arms, withArms: true } : { arms: [{ arm: 0, name, share: 1, holdout: false, subject: null, body: null }], withArms: false };
}

function tallyGroups(db: Db, id: number, { arms, withArms }: { arms: StoredArm[]; withArms: boolean }, window: { from: string; to: string }): { groups: Group[]; outside: number } {
  const tallies = arms.map(() => emptyTally());
  const seen = new Set<number>();
  let outside = 0;
  const rows = db
    .prepare(
      withArms
        ? `SELECT r.customer_id, a.arm, r.sent, r.delivered, r.opened, r.clicked, r.converted, r.revenue
             FROM campaign_results r LEFT JOIN campaign_assignments a ON a.campaign_id = r.campaign_id AND a.customer_id = r.customer_id
            WHERE r.campaign_id = ?`
        : 'SELECT customer_id, 0, sent, delivered, opened, clicked, converted, revenue FROM campaign_results WHERE campaign_id = ?',
    )
    .raw()
    .iterate(id) as IterableIterator<[number, number | null, number, number | null, number, number, number, number]>;
  const holdoutIndex = arms.findIndex((a) => a.holdout);
  for (const [customer, arm, sent, delivered, opened, clicked, converted, revenue] of rows) {
    if (arm === null) {
      outside++;
      continue;
    }
    const index = arms.findIndex((a) => a.arm === arm);
    const t = tallies[index];
    if (!t) continue;
    const isHoldout = index === holdoutIndex;
    if (!isHoldout && !(sent > 0)) continue;
    seen.add(customer);
    t.recipients++;
    if (delivered !== null) {
      t.deliveredKnown = true;
      t.delivered += delivered > 0 ? 1 : 0;
    }
    t.opened += opened > 0 ? 1 : 0;
    t.clicked += clicked > 0 ? 1 : 0;
    t.conversions += converted > 0 ? 1 : 0;
    t.revenues.push(converted > 0 || revenue > 0 ? revenue : 0);
  }
  let fromOrders = false;
  if (holdoutIndex >= 0) {
    const t = tallies[holdoutIndex] as Tally;
    const members = db.prepare('SELECT customer_id FROM campaign_assignments WHERE campaign_id = ? AND arm = ?').pluck().all(id, (arms[holdoutIndex] as StoredArm).arm) as number[];
    const orders = holdoutOrders(db, window);
    for (const customer of members) {
      if (seen.has(customer)) continue;
      fromOrders = true;
      t.recipients++;
      const spent = orders.get(customer);
      if (spent !== undefined) t.conversions++;
      t.revenues.push(spent ?? 0);
    }
  }
  const groups = arms.map((arm, i) => {
    const t = tallies[i] as Tally;
    return {
      arm,
      recipients: t.recipients,
      delivered: t.deliveredKnown ? t.delivered : null,
      opened: t.opened,
      clicked: t.clicked,
      conversions: t.conversions,
      revenue: revenueArray(t),
      fromOrders: i === holdoutIndex && fromOrders,
    };
  });
  return { groups, outside };
}

/** Per-recipient revenue with zeros for those who spent nothing (the bootstrap needs every recipient). */
function revenueArray(t: Tally): Float64Array {
  const values = new Float64Array(t.recipients);
  t.revenues.forEach((v, i) => (values[i] = v));
  return values;
}

/** Sales revenue per customer in the window, for customers who ordered in it. */
export function holdoutOrders(db: Db, window: { from: string; to: string }): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT o.customer_id, TOTAL(l.quantity * l.unit_price) FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.kind = 'sale' AND o.customer_id IS NOT NULL AND o.ordered_at >= ? AND o.ordered_at < ?
        GROUP BY o.customer_id`,
    )
    .raw()
    .all(window.from, window.to) as Array<[number, number]>;
  return new Map(rows);
}

const rate = (g: Group): number => (g.recipients > 0 ? g.conversions / g.recipients : 0);
const sum = (values: Float64Array): number => values.reduce((s, v) => s + v, 0);

export function campaignReport(db: Db, id: number): CampaignReport {
  const { plan, sentAt, name } = readPlan(db, id);
  const windowDays = plan?.experiment.windowDays ?? DEFAULT_WINDOW_DAYS;
  const from = sendDateOf(sentAt);
  const window = { from, to: shiftDay(from, windowDays) };
  const { groups, outside } = tallyGroups(db, id, groupsOf(db, id, name), responseWindow(sentAt, windowDays));
  if (groups.every((g) => g.recipients === 0)) {
    throw new AppError('not-found', `Campaign ${name} has no results yet. Import the per-customer results file first.`, { field: 'id' });
  }
  const seed = plan?.seed ?? id;
  const best = probabilityBest(groups.map((g) => ({ successes: g.conversions, trials: g.recipients })), { seed });
  const controlIndex = Math.max(0, groups.findIndex((g) => g.arm.holdout));
  const control = groups[controlIndex] as Group;
  const others = groups.map((g, i) => ({ g, i })).filter(({ i }) => i !== controlIndex);
  const tests = others.map(({ g }) => twoProportionZTest(control.conversions, control.recipients, g.conversions, g.recipients));
  const adjusted = holm(tests.map((t) => t.pValue)).adjusted;
  const comparisons = others.map(({ g, i }, k) => {
    const t = tests[k] as (typeof tests)[number];
    const rpr = bootstrapDifferenceInterval(control.revenue, g.revenue, { seed: seed + k, resamples: RESAMPLES });
    return {
      arm: g.arm.name,
      against: control.arm.holdout ? HOLDOUT_ARM : control.arm.name,
      lift: t.diff,
      liftLow: t.diffLow,
      liftHigh: t.diffHigh,
      relativeLift: t.relativeLift,
      relativeLow: t.relativeLow,
      relativeHigh: t.relativeHigh,
      pValue: t.pValue,
      adjustedPValue: adjusted[k] as number,
      probabilityBest: best.probabilityBest[i] as number,
      revenuePerRecipientLift: rpr.difference,
      rprLiftLow: rpr.low,
      rprLiftHigh: rpr.high,
    };
  });
  const shares = groups.map((g) => g.arm.share);
  const srm = groups.length > 1 ? sampleRatioMismatch(groups.map((g) => g.recipients), shares) : { chiSquare: 0, df: 0, pValue: 1, mismatch: false };
  const notes = reportNotes(groups, outside);
  const lastOrder = db.prepare("SELECT max(ordered_at) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
  if (groups.some((g) => g.fromOrders) && (lastOrder === null || lastOrder.slice(0, 10) < window.to)) {
    notes.push(`The order history ends on ${lastOrder?.slice(0, 10) ?? 'no date'}, before the window closes on ${window.to}: the holdout's orders are incomplete until the rest is imported, so its rate is too low and every lift too high.`);
  }
  return {
    campaignId: id,
    name,
    windowDays,
    window,
    arms: groups.map((g, i) => armReport(g, best, i, seed)),
    comparisons,
    srm: { chiSquare: srm.chiSquare, pValue: srm.pValue, mismatch: srm.mismatch },
    incremental: incremental(groups, controlIndex, seed),
    verdict: verdictOf(groups, comparisons, control, srm, plan?.experiment.mde ?? DEFAULT_MDE, plan?.experiment.alpha ?? 0.05, plan?.experiment.power ?? 0.8),
    currency: readSettings(db).currency,
    notes,
  };
}

function armReport(g: Group, best: { probabilityBest: number[]; expectedLoss: number[] }, i: number, seed: number): CampaignReport['arms'][number] {
  const ci = wilsonInterval(g.conversions, g.recipients);
  const rpr = g.recipients > 0 ? bootstrapMeanInterval(g.revenue, { seed: seed + 100 + i, resamples: RESAMPLES }) : { mean: 0, low: 0, high: 0 };
  return {
    name: g.arm.holdout ? HOLDOUT_ARM : g.arm.name,
    holdout: g.arm.holdout,
    plannedShare: g.arm.share,
    recipients: g.recipients,
    delivered: g.delivered,
    opened: g.opened,
    clicked: g.clicked,
    conversions: g.conversions,
    rate: rate(g),
    ciLow: ci.low,
    ciHigh: ci.high,
    revenue: sum(g.revenue),
    revenuePerRecipient: rpr.mean,
    rprLow: rpr.low,
    rprHigh: rpr.high,
    fromOrders: g.fromOrders,
    expectedLoss: best.expectedLoss[i] as number,
    probabilityBest: best.probabilityBest[i] as number,
  };
}

/** All sending arms together against the holdout, scaled to the number contacted. */
function incremental(groups: Group[], controlIndex: number, seed: number): CampaignReport['incremental'] {
  const holdout = groups[controlIndex];
  if (!holdout?.arm.holdout) return null;
  const treated = groups.filter((_, i) => i !== controlIndex);
  const n = treated.reduce((s, g) => s + g.recipients, 0);
  if (n === 0 || holdout.recipients === 0) return null;
  const conversions = treated.reduce((s, g) => s + g.conversions, 0);
  const t = twoProportionZTest(holdout.conversions, holdout.recipients, conversions, n);
  const pooled = new Float64Array(n);
  let k = 0;
  for (const g of treated) for (const v of g.revenue) pooled[k++] = v;
  const r = bootstrapDifferenceInterval(holdout.revenue, pooled, { seed: seed + 999, resamples: RESAMPLES });
  return {
    orders: { mean: t.diff * n, low: t.diffLow * n, high: t.diffHigh * n },
    revenue: { mean: r.difference * n, low: r.low * n, high: r.high * n },
    against: HOLDOUT_ARM,
  };
}

function verdictOf(
  groups: Group[],
  comparisons: CampaignReport['comparisons'],
  control: Group,
  srm: { chiSquare: number; df: number; pValue: number; mismatch: boolean },
  mde: number,
  alpha: number,
  power: number,
): CampaignReport['verdict'] {
  if (comparisons.length === 0) {
    return { outcome: 'cant-tell', text: 'This campaign had one group and no holdout, so there is nothing to compare it with. Keep a holdout next time to learn what it changed.' };
  }
  const baseline = Math.min(0.98, Math.max(0.001, rate(control)));
  const neededPerArm = sampleSizePerArm({ baseline, mde: Math.min(mde, 0.99 - baseline), alpha, power, groups: groups.length }).perArm;
  const verdict = experimentVerdict({
    srm,
    comparisons: comparisons.map((c) => ({ arm: c.arm, against: c.against, lift: c.lift, liftLow: c.liftLow, liftHigh: c.liftHigh, pValue: c.adjustedPValue, probabilityBest: c.probabilityBest })),
    recipients: Object.fromEntries(groups.map((g) => [g.arm.holdout ? HOLDOUT_ARM : g.arm.name, g.recipients])),
    baselineRate: rate(control),
    neededPerArm,
    alpha,
    power,
  });
  return { outcome: verdict.outcome, text: verdict.text };
}

function reportNotes(groups: Group[], outside: number): string[] {
  const notes: string[] = [];
  const holdout = groups.find((g) => g.arm.holdout);
  if (holdout?.fromOrders) {
    notes.push('The holdout received nothing: its conversions are its members who ordered in the window, from the order history; the arms’ come from the results file. Both count an order in the window as a conversion.');
  }
  if (outside > 0) notes.push(`${outside.toLocaleString('en')} result rows are for customers outside this campaign’s frozen audience and were not counted.`);
  return notes;
}
