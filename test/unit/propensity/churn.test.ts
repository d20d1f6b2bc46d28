import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCustomer360 } from '../../../src/engine/customers/customer-360-repo';
import { loadTf } from '../../../src/engine/ml/backend';
import { scoreWithModel, trainClv, trainPropensity } from '../../../src/engine/models/model-jobs';
import { listModels } from '../../../src/engine/models/model-repo';
import type { ModelJobResult } from '../../../src/shared/model-schemas';
import { recordingControl } from '../demo/helpers';
import { scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';

// A demo shop whose drivers are known (src/engine/demo/generate.ts): churn is driven by time since the last order
// relative to the customer's rhythm, bad experiences (returns, 1–2 star reviews), engagement with e-mail, opt-in,
// app use, country and gift-season acquisition; not by category taste or order size.
let ws: TestWorkspace;
let first: ModelJobResult;

beforeAll(async () => {
  ws = await testWorkspace({ customers: 5000, seed: 5 });
  first = await trainPropensity(ws.db, { target: 'churn', horizonDays: 90, folds: 3, seed: 1 }, recordingControl());
}, 300_000);
afterAll(() => ws.dispose());

describe('churn model on the demo shop', () => {
  it('separates churners well above chance, with honest metrics', () => {
    const p = first.card.propensity;
    expect(p).not.toBeNull();
    if (!p) return;
    expect(p.aucMean).toBeGreaterThan(0.72);
    expect(p.aucFolds).toHaveLength(3);
    expect(p.aucCi.low).toBeLessThan(p.aucMean);
    expect(p.aucCi.high).toBeGreaterThan(p.aucMean);
    expect(p.brier).toBeLessThan(p.baseRate * (1 - p.baseRate)); // better than always predicting the base rate
    expect(p.lift[0]?.lift).toBeGreaterThan(1);
    expect(first.card.backend).toMatch(/wasm|cpu|tensorflow/);
  });

  it('learns importance that agrees with how the demo data was generated', () => {
    const importance = first.card.propensity?.importance ?? [];
    const rank = (name: string): number => importance.findIndex((i) => i.feature === name);
    const drop = (name: string): number => importance.find((i) => i.feature === name)?.drop ?? 0;
    const timing = Math.max(drop('recency_days'), drop('overdue_ratio'), drop('orders_90d'), drop('orders_365d'));
    // Timing (how long since they last bought) is what BG/NBD-style drop-out shows up as: it leads.
    expect(Math.min(rank('recency_days'), rank('overdue_ratio'), rank('orders_90d'), rank('orders_365d'))).toBeLessThan(3);
    // Not drivers: category taste and order size matter less than timing.
    for (const name of importance.map((i) => i.feature).filter((f) => f.startsWith('cat_') || f === 'avg_order_value')) {
      expect(drop(name)).toBeLessThan(timing);
    }
  });

  it('scores every buyer, shows the risk in the explorer figures and the reasons in the 360', () => {
    const buyers = scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE orders > 0');
    expect(first.scored).toBe(buyers);
    expect(scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE churn_risk IS NOT NULL')).toBe(buyers);
    expect(scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE churn_risk < 0 OR churn_risk > 1')).toBe(0);
    const id = scalar(ws.db, 'SELECT customer_id FROM customer_metrics WHERE churn_risk IS NOT NULL ORDER BY churn_risk DESC LIMIT 1');
    const view = readCustomer360(ws.db, id);
    expect(view.customer.churnRisk).toBeGreaterThan(0.5);
    expect(view.scores.churnHorizonDays).toBe(90);
    expect(view.scores.reasons.length).toBeGreaterThan(0);
    for (const reason of view.scores.reasons) expect(reason.text).not.toMatch(/undefined|NaN|null/);
    expect(view.scores.rfmSegment).not.toBeNull();
  });

  it('keeps versions: a new one becomes active, activating the old one rolls back its scores', async () => {
    const before = ws.db.prepare('SELECT customer_id, churn_risk FROM customer_metrics WHERE churn_risk IS NOT NULL ORDER BY customer_id').all();
    const second = await trainPropensity(ws.db, { target: 'churn', horizonDays: 60, folds: 2, seed: 2 }, recordingControl());
    expect(second.version).toBe(first.version + 1);
    expect(listModels(ws.db).filter((m) => m.kind === 'churn' && m.active).map((m) => m.id)).toEqual([second.modelId]);
    await scoreWithModel(ws.db, { modelId: first.modelId }, recordingControl());
    expect(listModels(ws.db).filter((m) => m.kind === 'churn' && m.active).map((m) => m.id)).toEqual([first.modelId]);
    const after = ws.db.prepare('SELECT customer_id, churn_risk FROM customer_metrics WHERE churn_risk IS NOT NULL ORDER BY customer_id').all();
    expect(after).toEqual(before);
  });

  it('cancels promptly, leaves no version behind and frees its tensors', async () => {
    const { tf } = await loadTf();
    const tensors = tf.memory().numTensors;
    const versions = listModels(ws.db).length;
    const control = recordingControl(40);
    await expect(trainPropensity(ws.db, { target: 'churn', horizonDays: 90, folds: 3, seed: 3 }, control)).rejects.toMatchObject({ code: 'cancelled' });
    expect(listModels(ws.db)).toHaveLength(versions);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('trains a purchase model for a category and a lifetime-value fit, both scoring customers', async () => {
    const category = ws.db.prepare("SELECT category FROM products WHERE category IS NOT NULL GROUP BY category ORDER BY count(*) DESC LIMIT 1").pluck().get() as string;
    const purchase = await trainPropensity(ws.db, { target: 'purchase', category, horizonDays: 90, folds: 3, seed: 1 }, recordingControl());
    expect(purchase.card.propensity?.aucMean).toBeGreaterThan(0.6);
    expect(scalar(ws.db, 'SELECT count(*) FROM customer_propensity WHERE category = ?', category)).toBe(purchase.scored);
    const clv = await trainClv(ws.db, { model: 'bgnbd', horizonMonths: 12, discountRate: 0.01, discountPer: 'month' }, recordingControl());
    expect(clv.card.clv?.converged).toBe(true);
    // Validated the literature's way: fitted on a calibration period, compared with the 39-week holdout after it.
    const validation = clv.card.clv?.validation;
    expect(validation?.tracking.some((t) => t.holdout)).toBe(true);
    expect(validation?.conditional.length).toBeGreaterThan(3);
    expect(validation?.holdoutActual).toBeGreaterThan(0);
    // On data generated by a BG/NBD-like process, the holdout prediction is within a quarter of what happened.
    expect(Math.abs((validation?.holdoutPredicted ?? 0) / (validation?.holdoutActual ?? 1) - 1)).toBeLessThan(0.25);
    expect(scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE p_alive IS NOT NULL')).toBe(clv.scored);
    expect(scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE p_alive < 0 OR p_alive > 1')).toBe(0);
    // The expected next order (BG/NBD) lies after the end of the data, and reaches the 360.
    const latest = ws.db.prepare("SELECT substr(max(ordered_at), 1, 10) FROM orders WHERE kind = 'sale'").pluck().get() as string;
    expect(scalar(ws.db, 'SELECT count(*) FROM customer_scores WHERE next_order_date IS NOT NULL AND next_order_date <= ?', latest)).toBe(0);
    const someone = scalar(ws.db, 'SELECT customer_id FROM customer_scores WHERE next_order_date IS NOT NULL LIMIT 1');
    expect(readCustomer360(ws.db, someone).scores.nextOrderDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('too little data', () => {
  it('says what is needed instead of training on nothing', async () => {
    const small = await testWorkspace({ customers: 60, seed: 1 });
    try {
      await expect(trainPropensity(small.db, { target: 'churn', horizonDays: 90, folds: 5, seed: 1 }, recordingControl())).rejects.toThrow(/Too little data to train|too short/);
    } finally {
      small.dispose();
    }
  });
});
