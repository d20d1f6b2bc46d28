import type { CampaignChannel } from '../../shared/campaign-schemas';
import type { CopyGoal } from '../../shared/copy-schemas';
import { memoised } from '../kernel/memo';
import { shiftDay } from '../segments/compile';
import type { Db } from '../db/open-workspace';

/**
 * Past campaigns' rates, the ground the planner and the forecast stand on when no model speaks: per campaign, its
 * recipients, conversions and revenue, and, for campaigns with a holdout, the holdout's own order rate in the
 * same window (from the order history).
 */

export type PastCampaign = {
  id: number;
  channel: string;
  goal: string | null;
  sentAt: string;
  recipients: number;
  conversions: number;
  revenue: number;
};

/** Fewer recipients than this and a campaign's rate says little. */
const MIN_RECIPIENTS = 20;

export function pastCampaigns(db: Db): PastCampaign[] {
  return memoised(db, 'campaigns.history', () =>
    (
      db
        .prepare(
          `SELECT k.id AS id, k.channel AS channel, k.goal AS goal, k.sent_at AS sentAt, SUM(r.sent > 0) AS recipients,
                  SUM(r.sent > 0 AND r.converted > 0) AS conversions, TOTAL(CASE WHEN r.sent > 0 AND r.converted > 0 THEN r.revenue END) AS revenue
             FROM campaign_results r JOIN campaigns k ON k.id = r.campaign_id
            GROUP BY k.id HAVING SUM(r.sent > 0) >= ? ORDER BY k.sent_at`,
        )
        .all(MIN_RECIPIENTS) as PastCampaign[]
    ).map((c) => ({ ...c, goal: c.goal === null ? null : c.goal.replace(/-/g, '_') })),
  );
}

export type Baseline = { rate: number; campaigns: PastCampaign[]; text: string; revenuePerConversion: number | null };

/** A rate as people read it: two decimals below 10 %, one above. */
export const pct = (rate: number): string => `${(rate * 100).toFixed(rate < 0.1 ? 2 : 1)} %`;

/**
 * The response window of a send: from the moment of the send (`sentAt`, a timestamp) to the same time of day
 * `days` later, for comparing with order timestamps.
 */
export const responseWindow = (sentAt: string, days: number): { from: string; to: string } => ({
  from: sentAt,
  to: `${shiftDay(sentAt, days)}${sentAt.slice(10)}`,
});

/** The conversion rate of the most similar past campaigns: same channel and goal, else same channel, else all. */
export function historicalBaseline(db: Db, channel: CampaignChannel, goal: CopyGoal): Baseline | null {
  const all = pastCampaigns(db);
  const tiers: Array<[PastCampaign[], string]> = [
    [all.filter((c) => c.channel === channel && c.goal === goal), `${channel} campaigns with the goal ${goal.replace(/_/g, '-')}`],
    [all.filter((c) => c.channel === channel), `${channel} campaigns`],
    [all, 'campaigns of any channel'],
  ];
  const found = tiers.find(([list]) => list.length > 0);
  if (!found) return null;
  const [campaigns, what] = found;
  const recipients = campaigns.reduce((s, c) => s + c.recipients, 0);
  const conversions = campaigns.reduce((s, c) => s + c.conversions, 0);
  const revenue = campaigns.reduce((s, c) => s + c.revenue, 0);
  if (conversions === 0) return null;
  const rate = conversions / recipients;
  const text = `${pct(rate)}: the conversion rate of ${campaigns.length} past ${what} (${conversions.toLocaleString('en')} of ${recipients.toLocaleString('en')} recipients).`;
  return { rate, campaigns, text, revenuePerConversion: revenue / conversions };
}

/** Share of these customers who ordered in a window of `days` ending on the last order date: their own rhythm. */
export function organicOrderRate(db: Db, ids: Int32Array, days: number): number | null {
  if (ids.length === 0) return null;
  const last = db.prepare("SELECT max(ordered_at) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
  if (last === null) return null;
  const end = new Date(`${last.slice(0, 10)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const start = new Date(end);
  start.setUTCDate(start.getUTCDate() - days);
  const buyers = new Set(
    db
      .prepare("SELECT DISTINCT customer_id FROM orders WHERE kind = 'sale' AND ordered_at >= ? AND ordered_at < ? AND customer_id IS NOT NULL")
      .pluck()
      .all(start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)) as number[],
  );
  let n = 0;
  for (const id of ids) if (buyers.has(id)) n++;
  return n / ids.length;
}
