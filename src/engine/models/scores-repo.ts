import type { CustomerScores } from '../../shared/model-schemas';
import type { Db } from '../db/open-workspace';

/**
 * Copies the model scores into customer_metrics, where the explorer filters and sorts them like any other figure.
 * Customers without a score get NULL (for example after a newer churn model scored a smaller population).
 */
export function copyScoresToMetrics(db: Db): void {
  db.prepare(
    `UPDATE customer_metrics SET (churn_risk, p_alive, expected_purchases, clv) =
       (SELECT s.churn_risk, s.p_alive, s.expected_purchases, s.clv FROM customer_scores s WHERE s.customer_id = customer_metrics.customer_id)`,
  ).run();
}

type ScoreRow = {
  churn_risk: number | null;
  churn_reasons_json: string | null;
  p_alive: number | null;
  expected_purchases: number | null;
  clv: number | null;
  next_order_date: string | null;
  clv_horizon: number | null;
  rfm_segment: string | null;
};

/** One customer's scores for the customer 360: churn risk with its reasons, lifetime value, RFM segment, propensities. */
export function readCustomerScores(db: Db, customerId: number): CustomerScores {
  const row = db
    .prepare(
      `SELECT s.churn_risk, s.churn_reasons_json, s.p_alive, s.expected_purchases, s.clv, s.next_order_date,
              (SELECT json_extract(a.metrics_json, '$.clv.horizonMonths') FROM model_artifacts a WHERE a.id = s.clv_model_id) AS clv_horizon,
              m.rfm_segment
         FROM customers c
         LEFT JOIN customer_scores s ON s.customer_id = c.id
         LEFT JOIN customer_metrics m ON m.customer_id = c.id
        WHERE c.id = ?`,
    )
    .get(customerId) as ScoreRow | undefined;
  const churn = row?.churn_reasons_json ? (JSON.parse(row.churn_reasons_json) as { horizonDays: number; reasons: CustomerScores['reasons'] }) : null;
  const purchase = db
    .prepare('SELECT category, probability FROM customer_propensity WHERE customer_id = ? ORDER BY probability DESC, category')
    .all(customerId) as CustomerScores['purchase'];
  return {
    churnRisk: row?.churn_risk ?? null,
    churnHorizonDays: churn?.horizonDays ?? null,
    reasons: churn?.reasons ?? [],
    pAlive: row?.p_alive ?? null,
    expectedPurchases: row?.expected_purchases ?? null,
    clv: row?.clv ?? null,
    nextOrderDate: row?.next_order_date ?? null,
    clvHorizonMonths: row?.clv_horizon ?? null,
    rfmSegment: row?.rfm_segment ?? null,
    purchase,
  };
}
