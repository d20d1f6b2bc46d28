import { TIMELINE_LIMIT, type Customer360, type TimelineEvent } from '../../shared/customer-schemas';
import type { Db } from '../db/open-workspace';
import { REVENUE_LINE_FILTER, roundMoney } from '../db/stats-repo';
import { readCustomerScores } from '../models/scores-repo';
import { sentimentLabel } from '../reviews/sentiment';
import { readRawCustomer, toCustomerRow } from './customers-repo';

type EventRow = {
  at: string;
  type: TimelineEvent['type'];
  ref: string | null;
  detail: string | null;
  amount: number | null;
  rating: number | null;
  items: number | null;
  opened: number | null;
  clicked: number | null;
  converted: number | null;
  sentiment: number | null;
};

/**
 * Everything that happened to one customer, newest first: orders (value and items), returns, reviews (stars and
 * title, with the product) and campaign touches (dated by the campaign's send time).
 */
const TIMELINE_SQL = `
  SELECT o.ordered_at AS at, o.kind AS type, o.external_id AS ref, NULL AS detail,
         round(CASE WHEN o.kind = 'sale'
                    THEN sum(CASE WHEN ${REVENUE_LINE_FILTER} THEN l.quantity * l.unit_price ELSE 0 END)
                    ELSE sum(l.quantity * l.unit_price) END, 2) AS amount,
         NULL AS rating, sum(abs(l.quantity)) AS items, NULL AS opened, NULL AS clicked, NULL AS converted, NULL AS sentiment
  FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
  WHERE o.customer_id = @id GROUP BY o.id
  UNION ALL
  SELECT r.reviewed_at, 'review', r.title, p.name, NULL, r.rating, NULL, NULL, NULL, NULL, s.score
  FROM reviews r LEFT JOIN products p ON p.id = r.product_id LEFT JOIN review_sentiment s ON s.review_id = r.id WHERE r.customer_id = @id
  UNION ALL
  SELECT k.sent_at, 'campaign', k.name, k.channel, CASE WHEN cr.converted != 0 THEN cr.revenue END, NULL, NULL,
         cr.opened, cr.clicked, cr.converted, NULL
  FROM campaign_results cr JOIN campaigns k ON k.id = cr.campaign_id WHERE cr.customer_id = @id
  ORDER BY at DESC, type, ref
  LIMIT @limit`;

const plural = (n: number, one: string): string => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

function toEvent(row: EventRow): TimelineEvent {
  const base = { at: row.at, type: row.type, amount: row.amount, rating: row.rating };
  switch (row.type) {
    case 'order':
    case 'return': {
      const items = row.items === null ? null : plural(Math.round(row.items), 'item');
      return { ...base, title: `${row.type === 'order' ? 'Order' : 'Return'} ${row.ref ?? ''}`.trim(), detail: items };
    }
    case 'review':
      // The text analysis's sentiment, when the reviews have been analysed (README: Reviews).
      return { ...base, title: row.ref ?? 'Review', detail: row.detail, ...(row.sentiment === null ? {} : { sentiment: { score: row.sentiment, label: sentimentLabel(row.sentiment) } }) };
    case 'campaign': {
      const steps = ['sent', row.opened ? 'opened' : null, row.clicked ? 'clicked' : null, row.converted ? 'converted' : null];
      return { ...base, title: row.ref ?? 'Campaign', detail: `${row.detail ?? 'campaign'}: ${steps.filter(Boolean).join(', ')}` };
    }
  }
}

/** The customer 360: the (masked) row, the timeline, spend by month, categories, reviews and campaign totals. */
export function readCustomer360(db: Db, id: number): Customer360 {
  const customer = toCustomerRow(readRawCustomer(db, id));
  const events = db.prepare(TIMELINE_SQL).all({ id, limit: TIMELINE_LIMIT }) as Array<Omit<EventRow, 'type'> & { type: string }>;
  const timeline = events.map((e) => toEvent({ ...e, type: e.type === 'sale' ? 'order' : (e.type as TimelineEvent['type']) }));
  const timelineTotal = db
    .prepare(
      `SELECT (SELECT count(*) FROM orders WHERE customer_id = @id) + (SELECT count(*) FROM reviews WHERE customer_id = @id)
            + (SELECT count(*) FROM campaign_results WHERE customer_id = @id)`,
    )
    .pluck()
    .get({ id }) as number;

  const spendByMonth = (
    db
      .prepare(
        `SELECT substr(o.ordered_at, 1, 7) AS month, sum(l.quantity * l.unit_price) AS revenue
         FROM orders o JOIN order_lines l ON l.order_id = o.id
         WHERE o.customer_id = ? AND ${REVENUE_LINE_FILTER} GROUP BY month ORDER BY month`,
      )
      .all(id) as Array<{ month: string; revenue: number }>
  ).map((r) => ({ month: r.month, revenue: roundMoney(r.revenue) }));

  const byCategory = db
    .prepare(
      `SELECT coalesce(p.category, 'Uncategorised') AS category, sum(l.quantity * l.unit_price) AS revenue
       FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
       WHERE o.customer_id = ? AND ${REVENUE_LINE_FILTER} GROUP BY 1 ORDER BY revenue DESC, category`,
    )
    .all(id) as Array<{ category: string; revenue: number }>;
  const spent = byCategory.reduce((sum, c) => sum + c.revenue, 0);
  const categories = byCategory.map((c) => ({
    category: c.category,
    revenue: roundMoney(c.revenue),
    share: spent > 0 ? Math.round((c.revenue / spent) * 10_000) / 10_000 : 0,
  }));

  const reviews = db
    .prepare('SELECT count(*) AS count, avg(r.rating) AS avg, avg(s.score) AS sentiment FROM reviews r LEFT JOIN review_sentiment s ON s.review_id = r.id WHERE r.customer_id = ?')
    .get(id) as { count: number; avg: number | null; sentiment: number | null };
  const campaigns = db
    .prepare(
      `SELECT coalesce(sum(sent != 0), 0) AS sent, coalesce(sum(opened != 0), 0) AS opened,
              coalesce(sum(clicked != 0), 0) AS clicked, coalesce(sum(converted != 0), 0) AS converted
       FROM campaign_results WHERE customer_id = ?`,
    )
    .get(id) as Customer360['campaigns'];

  return {
    customer,
    scores: readCustomerScores(db, id),
    timeline,
    timelineTotal,
    spendByMonth,
    categories,
    reviews: {
      count: reviews.count,
      avgRating: reviews.avg === null ? null : Math.round(reviews.avg * 100) / 100,
      ...(reviews.sentiment === null ? {} : { avgSentiment: Math.round(reviews.sentiment * 1000) / 1000 }),
    },
    campaigns,
  };
}
