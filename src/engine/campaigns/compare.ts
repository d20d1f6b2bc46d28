import type { z } from 'zod';
import type { compareRowSchema } from '../../shared/campaign-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { sendDateOf } from './campaigns-repo';

type CompareRow = z.infer<typeof compareRowSchema>;

/**
 * Past campaigns side by side: recipients, open, click and conversion rates, revenue per recipient, and the same
 * by today's RFM segment of the recipients (so "did it work on Champions and not on At risk?" can be read off).
 * Opens are left out for channels without them (SMS, ads) rather than shown as 0 %.
 */
export function compareCampaigns(db: Db, ids: readonly number[]): CompareRow[] {
  const head = db.prepare('SELECT id, name, channel, sent_at FROM campaigns WHERE id = ?');
  const totals = db.prepare(
    `SELECT SUM(sent > 0) AS recipients, SUM(sent > 0 AND opened > 0) AS opened, SUM(sent > 0 AND clicked > 0) AS clicked,
            SUM(sent > 0 AND converted > 0) AS converted, TOTAL(CASE WHEN sent > 0 THEN revenue END) AS revenue
       FROM campaign_results WHERE campaign_id = ?`,
  );
  const bySegment = db.prepare(
    `SELECT COALESCE(m.rfm_segment, 'Unscored') AS segment, SUM(r.sent > 0) AS recipients, SUM(r.sent > 0 AND r.converted > 0) AS converted,
            TOTAL(CASE WHEN r.sent > 0 THEN r.revenue END) AS revenue
       FROM campaign_results r LEFT JOIN customer_metrics m ON m.customer_id = r.customer_id
      WHERE r.campaign_id = ? GROUP BY segment HAVING SUM(r.sent > 0) > 0 ORDER BY recipients DESC`,
  );
  return ids.map((id) => {
    const campaign = head.get(id) as { id: number; name: string; channel: string; sent_at: string } | undefined;
    if (!campaign) throw new AppError('not-found', `There is no campaign ${id}.`, { field: 'ids' });
    const t = totals.get(id) as { recipients: number | null; opened: number; clicked: number; converted: number; revenue: number };
    const n = t.recipients ?? 0;
    const share = (k: number | null): number => (n > 0 ? (k ?? 0) / n : 0);
    const hasOpens = campaign.channel === 'email' || (t.opened ?? 0) > 0;
    return {
      id,
      name: campaign.name,
      channel: campaign.channel,
      sendDate: sendDateOf(campaign.sent_at),
      recipients: n,
      openRate: n > 0 && hasOpens ? share(t.opened) : null,
      clickRate: n > 0 ? share(t.clicked) : null,
      conversionRate: share(t.converted),
      revenuePerRecipient: n > 0 ? t.revenue / n : 0,
      bySegment: (bySegment.all(id) as Array<{ segment: string; recipients: number; converted: number; revenue: number }>).map((s) => ({
        segment: s.segment,
        recipients: s.recipients,
        conversionRate: s.converted / s.recipients,
        revenuePerRecipient: s.revenue / s.recipients,
      })),
    };
  });
}
