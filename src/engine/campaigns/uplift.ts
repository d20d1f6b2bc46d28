import type { UpliftResult } from '../../shared/campaign-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { loadTf } from '../ml/backend';
import { createRng, permutation } from '../ml/folds';
import { scoreTabular, trainTabular } from '../ml/tabular';
import type { RawTable } from '../ml/table';
import { computeFeatures } from '../models/features';
import { readAsOf } from '../customers/customers-repo';
import { shiftDay } from '../segments/compile';
import { readArms, readPlan, sendDateOf, writeUplift } from './campaigns-repo';
import { responseWindow } from './history';
import { holdoutOrders } from './report';

/**
 * Who to target next time: a two-model (T-learner) uplift estimate. One propensity model learns who converts when
 * contacted (the arms), another who converts anyway (the holdout), both with the tabular trainer on the customers'
 * features the day before the send; a customer's uplift is the difference. A third of each group is held out to
 * check that the ranking finds the customers the campaign changes (uplift by decile and the Qini coefficient), then
 * every customer is scored on today's features so the next campaign can be capped to those with positive uplift.
 */

/** Below these the holdout cannot teach a model anything and the job says so instead of guessing. */
export const MIN_HOLDOUT = 200;
export const MIN_CONVERSIONS = 20;
const HELD_OUT = 1 / 3;
const FOLDS = 3;

type Labelled = { customer: number; treated: boolean; converted: number };

function outcomes(db: Db, id: number): Labelled[] {
  const arms = readArms(db, id);
  const holdout = arms.find((a) => a.holdout);
  if (!holdout) throw new AppError('bad-input', 'This campaign had no holdout, so there is no one to learn "would have bought anyway" from. Keep a holdout next time.', { field: 'id' });
  const { plan, sentAt } = readPlan(db, id);
  const days = plan?.experiment.windowDays ?? 7;
  const orders = holdoutOrders(db, responseWindow(sentAt, days));
  const rows = db
    .prepare(
      `SELECT a.customer_id, a.arm, r.sent, r.converted FROM campaign_assignments a
         LEFT JOIN campaign_results r ON r.campaign_id = a.campaign_id AND r.customer_id = a.customer_id
        WHERE a.campaign_id = ?`,
    )
    .raw()
    .all(id) as Array<[number, number, number | null, number | null]>;
  const out: Labelled[] = [];
  for (const [customer, arm, sent, converted] of rows) {
    if (arm === holdout.arm) out.push({ customer, treated: false, converted: converted !== null ? (converted > 0 ? 1 : 0) : orders.has(customer) ? 1 : 0 });
    else if (sent !== null && sent > 0) out.push({ customer, treated: true, converted: converted !== null && converted > 0 ? 1 : 0 });
  }
  return out;
}

const tableOf = (base: RawTable, rows: number[], labels: number[]): RawTable => ({
  columns: [...base.columns, '__label'],
  rows: rows.map((r, i) => [...(base.rows[r] ?? []), labels[i] ?? 0]),
});

/** The honest answer when there is too little to learn from. */
function tooSmall(id: number, treated: number, control: number, text: string): UpliftResult {
  return { campaignId: id, trained: false, text, treated, control, deciles: [], qini: null, persuadable: 0 };
}

export async function fitUplift(db: Db, input: { campaignId: number }, control: JobControl): Promise<UpliftResult> {
  const id = input.campaignId;
  control.progress({ fraction: 0.02, stage: 'Outcomes', message: 'Reading who converted in each group' });
  const labelled = outcomes(db, id);
  const { sentAt, plan } = readPlan(db, id);
  const cutoff = shiftDay(sendDateOf(sentAt), -1);
  const set = computeFeatures(db, cutoff);
  const rowOf = new Map(set.customerIds.map((c, i) => [c, i]));
  const usable = labelled.filter((l) => rowOf.has(l.customer));
  const treated = usable.filter((l) => l.treated);
  const holdout = usable.filter((l) => !l.treated);
  const holdoutConversions = holdout.reduce((s, l) => s + l.converted, 0);
  const treatedConversions = treated.reduce((s, l) => s + l.converted, 0);
  if (holdout.length < MIN_HOLDOUT || holdoutConversions < MIN_CONVERSIONS || treatedConversions < MIN_CONVERSIONS) {
    const result = tooSmall(
      id,
      treated.length,
      holdout.length,
      `Too small to learn from: the holdout has ${holdout.length.toLocaleString('en')} customers with history, of whom ${holdoutConversions} ordered in the window (and ${treatedConversions} contacted customers converted). ` +
        `An uplift model needs at least ${MIN_HOLDOUT} in the holdout and ${MIN_CONVERSIONS} conversions in each group; a larger holdout next time would give it that.`,
    );
    writeUplift(db, id, result);
    return result;
  }
  const rng = createRng(plan?.seed ?? id, 31);
  const split = (list: Labelled[]): { train: Labelled[]; test: Labelled[] } => {
    const shuffled = Array.from(permutation(list.length, rng), (i) => list[i] as Labelled);
    const cut = Math.floor(shuffled.length * HELD_OUT);
    return { test: shuffled.slice(0, cut), train: shuffled.slice(cut) };
  };
  const t = split(treated);
  const c = split(holdout);
  const { tf } = await loadTf();
  const categorical = set.features.filter((f) => f.categorical).map((f) => f.name);
  const train = async (group: Labelled[], share: number, stage: string) => {
    const table = tableOf(set.table, group.map((l) => rowOf.get(l.customer) as number), group.map((l) => l.converted));
    const result = await trainTabular(tf, table, { target: '__label', folds: FOLDS, seed: plan?.seed ?? id, categorical, importanceRepeats: 1, bootstrapSamples: 100 }, {
      checkCancelled: () => control.checkCancelled(),
      onProgress: (p) => control.progress({ fraction: share + p.fraction * 0.3, stage, message: p.message }),
    });
    return result.artifact;
  };
  const treatedModel = await train(t.train, 0.05, 'Contacted model');
  const controlModel = await train(c.train, 0.38, 'Holdout model');
  control.progress({ fraction: 0.72, stage: 'Checking', message: 'Ranking held-out customers by predicted uplift' });
  const test = [...t.test, ...c.test];
  const testTable: RawTable = { columns: set.table.columns, rows: test.map((l) => set.table.rows[rowOf.get(l.customer) as number] ?? []) };
  const pT = scoreTabular(tf, treatedModel, testTable, { reasons: 0 }).probabilities;
  const pC = scoreTabular(tf, controlModel, testTable, { reasons: 0 }).probabilities;
  const predicted = test.map((_, i) => (pT[i] as number) - (pC[i] as number));
  const { deciles, qini } = upliftByDecile(test, predicted);
  control.progress({ fraction: 0.85, stage: 'Scoring', message: 'Scoring every customer on today’s figures' });
  const today = computeFeatures(db, readAsOf(db) ?? cutoff, { columns: set.columns });
  const nowT = scoreTabular(tf, treatedModel, today.table, { reasons: 0 }).probabilities;
  const nowC = scoreTabular(tf, controlModel, today.table, { reasons: 0 }).probabilities;
  let persuadable = 0;
  db.transaction(() => {
    db.prepare('DELETE FROM customer_uplift').run();
    const insert = db.prepare('INSERT INTO customer_uplift (customer_id, uplift, campaign_id) VALUES (?, ?, ?)');
    today.customerIds.forEach((customer, i) => {
      const uplift = (nowT[i] as number) - (nowC[i] as number);
      if (uplift > 0) persuadable++;
      insert.run(customer, uplift, id);
    });
  })();
  const topUplift = deciles[0]?.uplift;
  const chance = qini === null ? 1 : qiniChance(test, predicted, qini, plan?.seed ?? id);
  const text =
    qini !== null && chance < 0.05 && topUplift !== null && topUplift !== undefined && topUplift > 0
      ? `On held-out customers the model ranks well: the top tenth it picks converted ${(topUplift * 100).toFixed(1)} points more when contacted than their holdout peers (Qini ${qini.toFixed(3)}; a random ranking does as well ${(chance * 100).toFixed(1)} % of the time). ${persuadable.toLocaleString('en')} customers today have a positive predicted uplift.`
      : `On held-out customers the model did not rank better than chance (Qini ${qini === null ? 'n/a' : qini.toFixed(3)}; a random ranking does as well ${(chance * 100).toFixed(0)} % of the time): it cannot yet tell who the campaign changes. Use it with care, or run the next campaign with a larger holdout.`;
  const result: UpliftResult = { campaignId: id, trained: true, text, treated: treated.length, control: holdout.length, deciles, qini, persuadable };
  writeUplift(db, id, result);
  control.progress({ fraction: 1, stage: 'Done', message: text });
  return result;
}

/**
 * Held-out customers in tenths by predicted uplift (highest first): each tenth's observed rate when contacted and in
 * the holdout, and the Qini coefficient (area between the Qini curve and the random line, per customer).
 */
export function upliftByDecile(rows: ReadonlyArray<{ treated: boolean; converted: number }>, predicted: readonly number[]): { deciles: UpliftResult['deciles']; qini: number | null } {
  const order = predicted.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  const n = order.length;
  const deciles: UpliftResult['deciles'] = [];
  for (let d = 0; d < 10; d++) {
    const slice = order.slice(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10)).map((i) => rows[i] as { treated: boolean; converted: number });
    const t = slice.filter((r) => r.treated);
    const c = slice.filter((r) => !r.treated);
    const tr = t.length > 0 ? t.reduce((s, r) => s + r.converted, 0) / t.length : null;
    const cr = c.length > 0 ? c.reduce((s, r) => s + r.converted, 0) / c.length : null;
    deciles.push({ decile: d + 1, customers: slice.length, treatedRate: tr, controlRate: cr, uplift: tr !== null && cr !== null ? tr - cr : null });
  }
  // Qini curve: incremental conversions among the top k, the holdout's scaled to the contacted group's size.
  let nt = 0;
  let nc = 0;
  let yt = 0;
  let yc = 0;
  const curve: number[] = [0];
  for (const i of order) {
    const r = rows[i] as { treated: boolean; converted: number };
    if (r.treated) {
      nt++;
      yt += r.converted;
    } else {
      nc++;
      yc += r.converted;
    }
    curve.push(yt - (nc > 0 ? (yc * nt) / nc : 0));
  }
  if (n === 0 || nt === 0 || nc === 0) return { deciles, qini: null };
  const last = curve[n] as number;
  let area = 0;
  for (let k = 1; k <= n; k++) area += (curve[k] as number) - (last * k) / n;
  return { deciles, qini: area / (n * n) };
}

/**
 * How often a random ranking of the same held-out customers reaches the model's Qini (a permutation test): a
 * small share means the ranking finds the customers the campaign changes; a large one means it is noise.
 */
export function qiniChance(rows: ReadonlyArray<{ treated: boolean; converted: number }>, predicted: readonly number[], qini: number, seed: number, permutations = 200): number {
  const rng = createRng(seed, 32);
  let asGood = 0;
  for (let k = 0; k < permutations; k++) {
    const shuffled = Array.from(permutation(predicted.length, rng), (i) => predicted[i] as number);
    const random = upliftByDecile(rows, shuffled).qini;
    if (random !== null && random >= qini) asGood++;
  }
  return (asGood + 1) / (permutations + 1);
}
