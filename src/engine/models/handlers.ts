import fs from 'node:fs';
import path from 'node:path';
import type { ClvFit, ClvPrediction } from '../../shared/clv-schemas';
import { AppError } from '../../shared/errors';
import type { ParsedInput } from '../../shared/contract';
import type { EngineContext } from '../context';
import type { HandlerMap } from '../router';
import { bgNbdModel, fitBgNbd } from './clv/bg-nbd';
import { lifetimeValues, monthlyDiscountRate } from './clv/clv';
import { fitGammaGamma, gammaGammaExpectedSpend, spendFrequencyCorrelation, type GammaGammaFit } from './clv/gamma-gamma';
import { fitParetoNbd, paretoNbdModel } from './clv/pareto-nbd';
import { summariseTransactions, type TimeUnit } from './clv/summary';
import { parseSummaryCsv } from './clv/summary-csv';
import type { TransactionModel } from './clv/transaction-model';
import { readLatestSaleDay, readPurchaseDays } from './clv-repo';

type SummaryRow = { id: string; x: number; tx: number; T: number; monetary: number | null };
type Source = { rows: SummaryRow[]; unit: TimeUnit; calibrationEnd: string | null };
type SourceInput = ParsedInput<'clv.fit'>;

/** The customer summary a request asks for: from a summary file, or from the workspace's sale orders. */
function loadSource(input: SourceInput, ctx: EngineContext): Source {
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
  const db = ctx.workspace().db;
  const calibrationEnd = input.calibrationEnd ?? readLatestSaleDay(db);
  if (calibrationEnd === null) throw new AppError('bad-input', 'This workspace has no sale orders yet. Import orders (or a demo shop) first.', { field: 'orders' });
  const rows = summariseTransactions(readPurchaseDays(db, calibrationEnd), { calibrationEnd, unit: input.unit });
  return { rows, unit: input.unit, calibrationEnd };
}

type Fitted = { fit: ClvFit; model: TransactionModel; spend: GammaGammaFit | null };

/** Fits the chosen purchase model and, where there is spend data, the Gamma-Gamma spend model. */
function fitSource(source: Source, modelName: SourceInput['model']): Fitted {
  const { rows } = source;
  const purchases = modelName === 'pareto' ? fitParetoNbd(rows) : fitBgNbd(rows);
  const model = 's' in purchases ? paretoNbdModel(purchases) : bgNbdModel(purchases);
  const params = 's' in purchases ? { r: purchases.r, alpha: purchases.alpha, s: purchases.s, beta: purchases.beta } : { r: purchases.r, alpha: purchases.alpha, a: purchases.a, b: purchases.b };
  const withSpend = rows.filter((r): r is SummaryRow & { monetary: number } => r.monetary !== null);
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
    },
  };
}

function predict(input: ParsedInput<'clv.predict'>, ctx: EngineContext) {
  const source = loadSource(input, ctx);
  const { fit, model, spend } = fitSource(source, input.model);
  const discount = { rate: input.discountRate, per: input.discountPer };
  const spendOf = (r: SummaryRow): number | null => (spend && r.monetary !== null ? gammaGammaExpectedSpend(spend, r.x, r.monetary) : null);
  const values = lifetimeValues(model, source.rows, (r) => spendOf(r) ?? 0, { months: input.horizon, discount, unit: source.unit });
  const rows: ClvPrediction[] = values.map((v, i) => {
    const s = spendOf(source.rows[i] as SummaryRow);
    return { id: v.id, pAlive: v.probabilityAlive, expectedPurchases: v.expectedPurchases, expectedSpend: s, clv: s === null ? null : v.clv };
  });
  return { fit, horizon: input.horizon, monthlyDiscountRate: monthlyDiscountRate(discount), rows };
}

export const modelsHandlers = {
  'clv.fit': (input, ctx) => fitSource(loadSource(input, ctx), input.model).fit,
  'clv.predict': (input, ctx) => predict(input, ctx),
} satisfies Partial<HandlerMap>;
