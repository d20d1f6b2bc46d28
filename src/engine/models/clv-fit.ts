import fs from 'node:fs';
import path from 'node:path';
import type { ClvFit, ClvPrediction } from '../../shared/clv-schemas';
import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/contract';
import type { EngineContext } from '../kernel/context';
import { bgNbdModel, bgNbdTotalLogLikelihood, fitBgNbd } from './clv/bg-nbd';
import { lifetimeValues, monthlyDiscountRate, type DiscountRate } from './clv/clv';
import type { Db } from '../db/open-workspace';
import { fitGammaGamma, gammaGammaExpectedSpend, spendFrequencyCorrelation, type GammaGammaFit, type GammaGammaParams } from './clv/gamma-gamma';
import { fitParetoNbd, paretoNbdModel, paretoNbdTotalLogLikelihood } from './clv/pareto-nbd';
import { DAYS_PER_UNIT, dateOfDay, dayNumber, summariseTransactions, type TimeUnit } from './clv/summary';
import { parseSummaryCsv } from './clv/summary-csv';
import type { TransactionModel } from './clv/transaction-model';
import { readLatestSaleDay, readPurchaseDays } from './clv-repo';

// Fitting the CLV purchase and spend models to a customer summary, and predicting with them: what `clv.fit`,
// `clv.predict` and the CLV training job share.

export type SummaryRow = { id: string; x: number; tx: number; T: number; monetary: number | null };
export type Source = { rows: SummaryRow[]; unit: TimeUnit; calibrationEnd: string | null };
type SourceInput = ParsedInput<'clv.fit'>;

/** The customer summary a request asks for: from a summary file, or from the workspace's sale orders. */
export function loadSource(input: SourceInput, ctx: EngineContext): Source {
  const summaryFile = input.summaryFile === undefined ? undefined : ctx.files.resolve(input.summaryFile, 'read', 'summaryFile');
  return loadSourceFrom({ ...input, summaryFile }, () => ctx.workspace().db);
}

/** The customer summary from a summary file (a path the engine resolved), or from the sale orders of the workspace `db()` opens. */
export function loadSourceFrom(input: Pick<SourceInput, 'summaryFile' | 'calibrationEnd' | 'unit'>, workspaceDb: () => Db): Source {
  if (input.summaryFile !== undefined) {
    if (input.calibrationEnd !== undefined) {
      throw new AppError('bad-input', 'A calibration end applies to the workspace’s orders; a summary file is already summarised. Leave one of them out.', {
        field: 'calibrationEnd',
      });
    }
    const file = path.resolve(input.summaryFile);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError('not-found', `There is no file ${file}.`, { file, field: 'summaryFile' });
    return { rows: parseSummaryCsv(fs.readFileSync(file, 'utf8'), path.basename(file)), unit: input.unit, calibrationEnd: null };
  }
  const db = workspaceDb();
  const calibrationEnd = input.calibrationEnd ?? readLatestSaleDay(db);
  if (calibrationEnd === null) throw new AppError('bad-input', 'This workspace has no sale orders yet. Import orders (or a demo shop) first.', { field: 'orders' });
  const rows = summariseTransactions(readPurchaseDays(db, calibrationEnd), { calibrationEnd, unit: input.unit });
  return { rows, unit: input.unit, calibrationEnd };
}

export type Fitted = { fit: ClvFit; model: TransactionModel; spend: GammaGammaFit | null };

/** Fits the chosen purchase model and, where there is spend data, the Gamma-Gamma spend model. */
export function fitSource(source: Source, modelName: SourceInput['model']): Fitted {
  const fitted = fitSourceRaw(source, modelName);
  return { ...fitted, fit: { ...fitted.fit, warnings: fitWarnings(fitted.fit) } };
}

const EXTREME = 1e4;

/** What makes a fit untrustworthy, in words a marketer can act on. */
export function fitWarnings(fit: ClvFit): string[] {
  const warnings: string[] = [];
  if (!fit.converged) warnings.push(`The fit stopped after ${fit.iterations} iterations without converging; treat the predictions as rough.`);
  const share = fit.customers > 0 ? fit.repeatCustomers / fit.customers : 0;
  if (fit.repeatCustomers < 100 || share < 0.05) {
    warnings.push(
      `Only ${fit.repeatCustomers} of ${fit.customers} customers bought more than once; the estimates are uncertain. A few hundred repeat buyers and a calibration period several times longer than the usual gap between orders give stable results.`,
    );
  }
  const p = fit.params as Record<string, number>;
  if ((p.r ?? 0) > EXTREME || (p.alpha ?? 0) > EXTREME) {
    warnings.push('The purchase-rate parameters ran to extreme values (r and α very large): the model sees almost no difference between customers’ buying rates.');
  }
  if ('a' in p && ((p.a ?? 1) < 1e-4 || (p.b ?? 0) > EXTREME)) warnings.push('The drop-out parameters ran to an extreme (a near 0 or b very large): the model believes almost nobody leaves, so P(alive) is close to 1 for everyone.');
  if ('s' in p && ((p.s ?? 1) < 1e-4 || (p.beta ?? 0) > EXTREME)) warnings.push('The drop-out parameters ran to an extreme (s near 0 or β very large): the model believes almost nobody leaves, so P(alive) is close to 1 for everyone.');
  if (fit.correlation?.verdict === 'dependent') warnings.push(`${fit.correlation.message} Gamma-Gamma assumes spend does not depend on how often customers buy, so CLV may be biased.`);
  return warnings;
}

/**
 * Above this many customers the purchase model is fitted on a seeded random sample of them (the log-likelihood is
 * then evaluated on everyone). At a million demo customers the full fit took 92 s (BG/NBD) and 151 s (Pareto/NBD)
 * on this 2-core machine, as hardly any (x, t_x, T) histories repeat. A 200,000-customer sample took 32 s and 40 s
 * there, its parameters within 2 % of the full fit's (BG/NBD a 1.200 vs 1.181, r 0.3011 vs 0.3011) and the
 * log-likelihood of all customers within 10 of 6,015,645 (bench/results/clv-million.json).
 */
export const MAX_FIT_CUSTOMERS = 200_000;

/** A seeded (deterministic) uniform sample of `k` rows, in their original order. */
function sampleRows<T>(rows: readonly T[], k: number, seed = 1): T[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const picked = new Uint8Array(rows.length);
  // Floyd's algorithm: k distinct indices without shuffling everything.
  for (let j = rows.length - k; j < rows.length; j++) {
    const t = Math.floor(next() * (j + 1));
    picked[picked[t] ? j : t] = 1;
  }
  return rows.filter((_, i) => picked[i] === 1);
}

function fitSourceRaw(source: Source, modelName: SourceInput['model']): Fitted {
  const { rows } = source;
  const fitRows = rows.length > MAX_FIT_CUSTOMERS ? sampleRows(rows, MAX_FIT_CUSTOMERS) : rows;
  const sampled = fitRows.length < rows.length;
  const fitted = modelName === 'pareto' ? fitParetoNbd(fitRows) : fitBgNbd(fitRows);
  const purchases = sampled
    ? { ...fitted, logLikelihood: 's' in fitted ? paretoNbdTotalLogLikelihood(fitted, rows) : bgNbdTotalLogLikelihood(fitted, rows) }
    : fitted;
  const model = 's' in purchases ? paretoNbdModel(purchases) : bgNbdModel(purchases);
  const params = 's' in purchases ? { r: purchases.r, alpha: purchases.alpha, s: purchases.s, beta: purchases.beta } : { r: purchases.r, alpha: purchases.alpha, a: purchases.a, b: purchases.b };
  const withSpend = fitRows.filter((r): r is SummaryRow & { monetary: number } => r.monetary !== null);
  let spend: GammaGammaFit | null = null;
  let spendNote: string | null = null;
  if (withSpend.length === 0) {
    spendNote = 'There is no spend data (no monetary_value column), so only purchase counts are predicted.';
  } else {
    try {
      spend = fitGammaGamma(withSpend);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'bad-input') throw error;
      spendNote = error.message;
    }
  }
  return {
    model,
    spend,
    fit: {
      model: modelName,
      unit: source.unit,
      calibrationEnd: source.calibrationEnd,
      params,
      logLikelihood: purchases.logLikelihood,
      converged: purchases.converged,
      iterations: purchases.iterations,
      customers: rows.length,
      repeatCustomers: rows.filter((r) => r.x > 0).length,
      spend: spend ? { p: spend.p, q: spend.q, v: spend.v } : null,
      spendNote,
      correlation: withSpend.length > 0 ? spendFrequencyCorrelation(withSpend) : null,
      fittedOn: sampled ? fitRows.length : null,
      warnings: [],
    },
  };
}

/** The `clv.predict` answer: the fit and every customer's predictions over the horizon. */
export function predictClv(input: ParsedInput<'clv.predict'>, ctx: EngineContext) {
  const source = loadSource(input, ctx);
  const fitted = fitSource(source, input.model);
  const discount = { rate: input.discountRate, per: input.discountPer };
  return { fit: fitted.fit, horizon: input.horizon, monthlyDiscountRate: monthlyDiscountRate(discount), rows: predictRows(source, fitted, input.horizon, discount) };
}

/** P(alive), expected purchases over `months`, expected spend and discounted CLV per customer of the source. */
export function predictRows(
  source: Source,
  { model, spend }: { model: TransactionModel; spend: GammaGammaParams | null },
  months: number,
  discount: DiscountRate,
): ClvPrediction[] {
  const spendOf = (r: SummaryRow): number | null => (spend && r.monetary !== null ? gammaGammaExpectedSpend(spend, r.x, r.monetary) : null);
  const values = lifetimeValues(model, source.rows, (r) => spendOf(r) ?? 0, { months, discount, unit: source.unit });
  const end = source.calibrationEnd === null ? null : dayNumber(source.calibrationEnd);
  const unitDays = DAYS_PER_UNIT[source.unit];
  return values.map((v, i) => {
    const row = source.rows[i] as SummaryRow;
    const s = spendOf(row);
    const wait = model.medianNextPurchase?.(row.x, row.tx, row.T);
    const nextOrderDate = end === null || wait === undefined || !Number.isFinite(wait) ? null : dateOfDay(end + Math.max(1, Math.round(wait * unitDays)));
    return { id: v.id, pAlive: v.probabilityAlive, expectedPurchases: v.expectedPurchases, expectedSpend: s, clv: s === null ? null : v.clv, nextOrderDate };
  });
}
