import { AppError } from '../../shared/errors';
import type { ClvTrainInput, ModelCard, ModelJobResult, PropensityTrainInput } from '../../shared/model-schemas';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { loadTf } from '../ml/backend';
import { scoreTabular, trainTabular, type TabularArtifact } from '../ml/tabular';
import type { RawTable } from '../ml/table';
import { customerIdsByExternalId, readLatestSaleDay, readPurchaseDays } from './clv-repo';
import { computeFeatures, defaultCutoff, addDays, type FeatureInfo, type LabelSpec } from './features';
import { bgNbdModel, type BgNbdParams } from './clv/bg-nbd';
import type { GammaGammaParams } from './clv/gamma-gamma';
import { paretoNbdModel, type ParetoNbdParams } from './clv/pareto-nbd';
import { calibrationHoldout, summariseTransactions, type Transaction } from './clv/summary';
import { conditionalExpectations, trackingCurve } from './clv/validation';
import { fitSource, loadSourceFrom, predictRows, type Source } from './clv-fit';
import { insertModel, markActive, readModelArtefact, readModelCard, type NewModel } from './model-repo';
import { copyScoresToMetrics } from './scores-repo';
import { activateRecommender } from '../recommend/train-job';
import { scoreWithSentimentModel } from '../reviews/sentiment';

/** What a propensity version keeps besides the network: how to rebuild its feature columns when scoring. */
export type PropensityArtefact = {
  kind: 'propensity';
  tabular: TabularArtifact;
  label: LabelSpec;
  horizonDays: number;
  columns: { categories: string[]; channels: string[] };
};

export type ClvArtefact = {
  kind: 'clv';
  model: ClvTrainInput['model'];
  /** The fitted parameters: activating this version again predicts with them (a roll-back restores old predictions' model). */
  params: Record<string, number>;
  spend: GammaGammaParams | null;
  horizonMonths: number;
  discountRate: number;
  discountPer: 'month' | 'year';
};

/** Each class needs this many customers per fold for a cross-validated AUC to mean anything. */
const MIN_PER_CLASS_PER_FOLD = 10;

const TRAIN_SHARE = 0.8;

/** `model.train`: features at the cutoff, labels after it, k-fold training with TensorFlow.js, then scores everyone as of today. */
export async function trainPropensity(db: Db, input: PropensityTrainInput, control: JobControl): Promise<ModelJobResult> {
  const started = Date.now();
  const horizonDays = input.horizonDays;
  const range = defaultCutoff(db, horizonDays);
  const cutoff = input.cutoff ?? range.cutoff;
  if (cutoff > range.cutoff || cutoff <= range.first) {
    throw new AppError(
      'bad-input',
      `The cutoff must leave history before it and ${horizonDays} days of orders after it: between ${addDays(range.first, 1)} and ${range.cutoff} for these orders (${range.first} to ${range.latest}).`,
      { field: 'cutoff' },
    );
  }
  const label: LabelSpec = input.target === 'churn' ? { kind: 'churn' } : { kind: 'purchase', category: input.category ?? '' };
  if (label.kind === 'purchase') assertCategory(db, label.category);

  control.progress({ fraction: 0.01, stage: 'Features', message: `Computing customer features as of ${cutoff}` });
  const set = computeFeatures(db, cutoff, { label, horizonDays });
  control.checkCancelled();
  const labels = set.labels ?? [];
  const positives = labels.reduce((sum, y) => sum + y, 0);
  const negatives = labels.length - positives;
  const need = MIN_PER_CLASS_PER_FOLD * input.folds;
  const what = label.kind === 'churn' ? ['customers who stopped buying', 'customers who bought again'] : [`customers who bought ${label.category}`, `customers who did not`];
  if (positives < need || negatives < need) {
    throw new AppError(
      'bad-input',
      `Too little data to train: ${positives} ${what[0]} and ${negatives} ${what[1]} in the ${horizonDays} days after ${cutoff}. ${input.folds}-fold training needs at least ${need} of each; import more history, choose another horizon, or use fewer folds.`,
      { field: 'horizonDays', positives, negatives, needed: need },
    );
  }

  const table: RawTable = { columns: [...set.table.columns, '__label'], rows: set.table.rows.map((row, i) => [...row, labels[i] ?? 0]) };
  const { tf, info } = await loadTf();
  const history: ModelCard['history'] = [];
  let fold: number | null = null;
  const result = await trainTabular(
    tf,
    table,
    { target: '__label', folds: input.folds, seed: input.seed, categorical: set.features.filter((f) => f.categorical).map((f) => f.name) },
    {
      checkCancelled: () => control.checkCancelled(),
      onProgress: (p) => {
        const match = /fold (\d+)/i.exec(p.stage) ?? /fold (\d+)/i.exec(p.message);
        fold = match ? Number(match[1]) : /final|all rows/i.test(p.stage + p.message) ? null : fold;
        control.progress({ fraction: 0.05 + p.fraction * (TRAIN_SHARE - 0.05), stage: p.stage, message: p.message });
      },
      onEpoch: (p) => {
        const point = { fold: p.fold ?? fold, epoch: p.epoch, loss: p.loss, valLoss: p.valLoss };
        history.push(point);
        control.progress({ fraction: -1, stage: '', message: '', point });
      },
    },
  );
  control.checkCancelled();

  const labelOf = new Map(set.features.map((f) => [f.name, f.label]));
  const card: NewModel = {
    kind: input.target,
    category: label.kind === 'purchase' ? label.category : null,
    backend: info.backend,
    rows: result.rows,
    positives: result.positives,
    seconds: (Date.now() - started) / 1000,
    headline: { name: 'AUC', value: result.aucMean },
    warnings: propensityWarnings(result.aucMean, result.aucCi.low, positives, negatives),
    dataWindow: { from: range.first, cutoff, labelEnd: addDays(cutoff, horizonDays), horizonDays, category: label.kind === 'purchase' ? label.category : null },
    features: set.features.map((f) => ({ name: f.name, label: f.label, description: f.description })),
    propensity: {
      aucMean: result.aucMean,
      aucFolds: result.aucFolds,
      aucCi: result.aucCi,
      prAuc: result.prAuc,
      logLoss: result.logLoss,
      brier: result.brier,
      baseRate: result.positives / result.rows,
      lift: result.lift,
      calibration: result.calibration,
      importance: result.importance.map((i) => ({ feature: i.feature, label: labelOf.get(i.feature) ?? i.feature, drop: i.drop })),
    },
    clv: null,
    history: history.length ? history : result.history.map((h) => ({ fold: null, ...h })),
  };
  const artefact: PropensityArtefact = { kind: 'propensity', tabular: result.artifact, label, horizonDays, columns: set.columns };
  return storeAndScore(db, card, artefact, control);
}

function assertCategory(db: Db, category: string): void {
  const known = db.prepare('SELECT 1 FROM products WHERE category = ? LIMIT 1').get(category);
  if (!known) throw new AppError('bad-input', `There is no product category "${category}" in this workspace.`, { field: 'category' });
}

function propensityWarnings(auc: number, ciLow: number, positives: number, negatives: number): string[] {
  const warnings: string[] = [];
  if (ciLow <= 0.5) warnings.push(`The AUC's 95 % interval reaches ${ciLow.toFixed(2)}: the model may be no better than chance. Train on more history before acting on its scores.`);
  else if (auc < 0.6) warnings.push('The model separates the two groups only weakly (AUC under 0.6); use its scores as a hint, not a rule.');
  if (Math.min(positives, negatives) < 100) warnings.push(`Only ${Math.min(positives, negatives)} customers in the smaller group: the metrics are uncertain.`);
  return warnings;
}

/** Stores the version, scores every customer with it and makes it active, in one transaction. */
async function storeAndScore(db: Db, card: NewModel, artefact: PropensityArtefact | ClvArtefact, control: JobControl): Promise<ModelJobResult> {
  control.progress({ fraction: TRAIN_SHARE, stage: 'Scoring', message: 'Scoring every customer as of today' });
  const scores = artefact.kind === 'propensity' ? await propensityScores(db, artefact) : clvScores(db, artefact);
  control.checkCancelled();
  control.progress({ fraction: 0.95, stage: 'Saving', message: `Saving version and ${scores.count.toLocaleString('en-GB')} scores` });
  const stored = db
    .transaction(() => {
      const saved = insertModel(db, card, artefact);
      scores.write(saved.id);
      markActive(db, saved.id, scores.count);
      return saved;
    })
    .immediate();
  return { modelId: stored.id, version: stored.version, scored: scores.count, card: readModelCard(db, stored.id) };
}

/** `model.score`: re-scores every customer with a stored version and makes it the active one (activate or roll back). */
export async function scoreWithModel(db: Db, input: { modelId: number }, control: JobControl): Promise<ModelJobResult> {
  const card = readModelCard(db, input.modelId);
  if (card.kind === 'recommend') return activateRecommender(db, input.modelId, control);
  if (card.kind === 'sentiment') {
    // A review sentiment version scores reviews, not customers.
    const { scored } = await scoreWithSentimentModel(db, input.modelId, control);
    return { modelId: card.id, version: card.version, scored, card: readModelCard(db, input.modelId) };
  }
  const artefact = readModelArtefact<PropensityArtefact | ClvArtefact>(db, input.modelId);
  control.progress({ fraction: 0.05, stage: 'Scoring', message: `Scoring every customer with version ${card.version}` });
  const scores = artefact.kind === 'propensity' ? await propensityScores(db, artefact) : clvScores(db, artefact);
  control.checkCancelled();
  db.transaction(() => {
    scores.write(input.modelId);
    markActive(db, input.modelId, scores.count);
  }).immediate();
  return { modelId: card.id, version: card.version, scored: scores.count, card: readModelCard(db, input.modelId) };
}

type Scores = { count: number; write(modelId: number): void };

const REASONS = 3;

async function propensityScores(db: Db, artefact: PropensityArtefact): Promise<Scores> {
  const latest = db.prepare("SELECT substr(max(ordered_at), 1, 10) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
  if (latest === null) throw new AppError('bad-input', 'This workspace has no sale orders to score.', { field: 'orders' });
  const set = computeFeatures(db, latest, { columns: artefact.columns });
  const { tf } = await loadTf();
  const scored = scoreTabular(tf, artefact.tabular, set.table, { reasons: REASONS });
  const info = new Map<string, FeatureInfo>(set.features.map((f) => [f.name, f]));
  const column = set.table.columns;
  return {
    count: set.customerIds.length,
    write(modelId) {
      if (artefact.label.kind === 'churn') {
        db.prepare('UPDATE customer_scores SET churn_risk = NULL, churn_reasons_json = NULL, churn_model_id = NULL').run();
        const upsert = db.prepare(
          `INSERT INTO customer_scores (customer_id, churn_risk, churn_reasons_json, churn_model_id) VALUES (?, ?, ?, ?)
           ON CONFLICT(customer_id) DO UPDATE SET churn_risk = excluded.churn_risk, churn_reasons_json = excluded.churn_reasons_json, churn_model_id = excluded.churn_model_id`,
        );
        set.customerIds.forEach((id, i) => {
          const reasons = (scored.reasons[i] ?? []).map((r) => {
            const feature = info.get(r.feature);
            const value = set.table.rows[i]?.[column.indexOf(r.feature)] ?? r.value;
            return { feature: r.feature, text: feature ? feature.phrase(value) : `${r.feature} = ${String(value)}`, direction: r.effect > 0 ? 'raises' : 'lowers', effect: r.effect };
          });
          upsert.run(id, scored.probabilities[i], JSON.stringify({ horizonDays: artefact.horizonDays, reasons }), modelId);
        });
        copyScoresToMetrics(db);
      } else {
        const category = artefact.label.category;
        db.prepare('DELETE FROM customer_propensity WHERE category = ?').run(category);
        const insert = db.prepare('INSERT INTO customer_propensity (customer_id, category, probability, model_id) VALUES (?, ?, ?, ?)');
        set.customerIds.forEach((id, i) => insert.run(id, category, scored.probabilities[i], modelId));
      }
    },
  };
}

function clvScores(db: Db, artefact: ClvArtefact): Scores {
  const source = loadSourceFrom({ unit: 'weeks' }, () => db);
  const model = artefact.model === 'pareto' ? paretoNbdModel(artefact.params as ParetoNbdParams) : bgNbdModel(artefact.params as BgNbdParams);
  const rows = predictRows(source, { model, spend: artefact.spend }, artefact.horizonMonths, { rate: artefact.discountRate, per: artefact.discountPer });
  const ids = customerIdsByExternalId(db);
  return {
    count: rows.length,
    write(modelId) {
      db.prepare('UPDATE customer_scores SET p_alive = NULL, expected_purchases = NULL, clv = NULL, next_order_date = NULL, clv_model_id = NULL').run();
      const upsert = db.prepare(
        `INSERT INTO customer_scores (customer_id, p_alive, expected_purchases, clv, next_order_date, clv_model_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(customer_id) DO UPDATE SET p_alive = excluded.p_alive, expected_purchases = excluded.expected_purchases, clv = excluded.clv,
           next_order_date = excluded.next_order_date, clv_model_id = excluded.clv_model_id`,
      );
      for (const row of rows) {
        const id = ids.get(row.id);
        if (id !== undefined) upsert.run(id, row.pAlive, row.expectedPurchases, row.clv, row.nextOrderDate, modelId);
      }
      copyScoresToMetrics(db);
    },
  };
}

/** Holdout length for the validation: 39 weeks (as in Fader, Hardie & Lee's CDNOW study), at most a third of the history. */
const HOLDOUT_DAYS = 273;
const MIN_HOLDOUT_DAYS = 28;

/** Fits on everything before a holdout window and compares with what happened in it (FHL 2005, figures 2–4). */
function validateClv(transactions: readonly Transaction[], latest: string, model: ClvTrainInput['model']): NonNullable<ModelCard['clv']>['validation'] {
  const first = transactions.reduce((min, t) => (t.date < min ? t.date : min), latest);
  const span = Math.round((Date.parse(latest) - Date.parse(first)) / 86_400_000);
  const holdoutDays = Math.min(HOLDOUT_DAYS, Math.floor(span / 3));
  if (holdoutDays < MIN_HOLDOUT_DAYS) return null;
  const calibrationEnd = addDays(latest, -holdoutDays);
  try {
    const calibration: Source = { rows: summariseTransactions(transactions, { calibrationEnd, unit: 'weeks' }), unit: 'weeks', calibrationEnd };
    const fitted = fitSource(calibration, model);
    const tracking = trackingCurve(fitted.model, transactions, { calibrationEnd, observationEnd: latest, unit: 'weeks' });
    const holdoutRows = calibrationHoldout(transactions, { calibrationEnd, observationEnd: latest, unit: 'weeks' });
    const conditional = conditionalExpectations(fitted.model, holdoutRows);
    const holdoutActual = holdoutRows.reduce((sum, r) => sum + r.holdoutPurchases, 0);
    const holdoutPredicted = holdoutRows.reduce((sum, r) => sum + fitted.model.conditionalExpectedPurchases(r.holdoutDuration, r.x, r.tx, r.T), 0);
    return {
      calibrationEnd,
      observationEnd: latest,
      tracking: tracking.map((t) => ({ periodEnd: t.periodEnd, holdout: t.holdout, actual: t.actual, expected: t.expected, conditionalExpected: t.conditionalExpected })),
      conditional,
      holdoutActual,
      holdoutPredicted,
    };
  } catch (error) {
    // Too little data before the holdout: the fit on all data may still work; the card says there is no validation.
    if (error instanceof AppError && error.code === 'bad-input') return null;
    throw error;
  }
}

/** `clv.train`: fits BG/NBD or Pareto/NBD (+ Gamma-Gamma) on all sale orders and scores every customer. */
export async function trainClv(db: Db, input: ClvTrainInput, control: JobControl): Promise<ModelJobResult> {
  const started = Date.now();
  control.progress({ fraction: 0.05, stage: 'Summarising', message: 'Summarising purchases per customer' });
  const latest = readLatestSaleDay(db);
  if (latest === null) throw new AppError('bad-input', 'This workspace has no sale orders yet. Import orders (or create a demo shop) first.', { field: 'orders' });
  const transactions = readPurchaseDays(db, latest);
  const source: Source = { rows: summariseTransactions(transactions, { calibrationEnd: latest, unit: 'weeks' }), unit: 'weeks', calibrationEnd: latest };
  control.checkCancelled();
  control.progress({ fraction: 0.1, stage: 'Validating', message: 'Fitting on a calibration period and comparing with the holdout' });
  const validation = validateClv(transactions, latest, input.model);
  control.checkCancelled();
  control.progress({ fraction: 0.2, stage: 'Fitting', message: `Fitting ${input.model === 'pareto' ? 'Pareto/NBD' : 'BG/NBD'} by maximum likelihood` });
  const fitted = fitSource(source, input.model);
  control.checkCancelled();
  const discount = { rate: input.discountRate, per: input.discountPer };
  const rows = predictRows(source, fitted, input.horizonMonths, discount);
  const values = rows.map((r) => r.clv).filter((v): v is number => v !== null);
  const { fit } = fitted;
  const first = db.prepare("SELECT substr(min(ordered_at), 1, 10) FROM orders WHERE kind = 'sale'").pluck().get() as string | null;
  const card: NewModel = {
    kind: 'clv',
    category: null,
    backend: 'JavaScript (maximum likelihood, no TensorFlow)',
    rows: fit.customers,
    positives: null,
    seconds: (Date.now() - started) / 1000,
    headline: { name: 'Log-likelihood', value: fit.logLikelihood },
    warnings: fit.warnings.concat(
      fit.spendNote ? [fit.spendNote] : [],
      fit.fittedOn ? [`Fitted on a random sample of ${fit.fittedOn.toLocaleString('en-GB')} of ${fit.customers.toLocaleString('en-GB')} customers to keep the fit quick; every customer is scored.`] : [],
    ),
    dataWindow: { from: first, cutoff: source.calibrationEnd ?? '', labelEnd: null, horizonDays: null, category: null },
    features: [
      { name: 'x', label: 'Repeat purchases', description: 'Purchase days after the first one (same-day orders count once).' },
      { name: 't_x', label: 'Recency (weeks)', description: 'Weeks from the first to the last purchase.' },
      { name: 'T', label: 'Age (weeks)', description: 'Weeks from the first purchase to the end of the data.' },
      { name: 'monetary', label: 'Average repeat spend', description: 'Mean value of the repeat purchases (Gamma-Gamma).' },
    ],
    propensity: null,
    clv: {
      params: fit.params as Record<string, number>,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
      repeatCustomers: fit.repeatCustomers,
      spend: fit.spend,
      spendNote: fit.spendNote,
      horizonMonths: input.horizonMonths,
      totalClv: values.length ? values.reduce((a, b) => a + b, 0) : null,
      meanPAlive: rows.length ? rows.reduce((a, r) => a + r.pAlive, 0) / rows.length : 0,
      validation,
    },
    history: [],
  };
  const spend = fit.spend;
  const artefact: ClvArtefact = { kind: 'clv', model: input.model, params: fit.params as Record<string, number>, spend, horizonMonths: input.horizonMonths, discountRate: input.discountRate, discountPer: input.discountPer };
  return storeAndScore(db, card, artefact, control);
}
