import type { TFunction } from 'i18next';
import type { Backend } from '../../../shared/contract';
import { backendSchema } from '../../../shared/contract';
import type { ModelKind, ModelSummary } from '../../../shared/model-schemas';
import type { Formatters } from '../format/formatters';

export const MODEL_KINDS: readonly ModelKind[] = ['churn', 'purchase', 'clv', 'sentiment'];

/** "Churn", "Purchase: Candles", "Lifetime value". */
export const modelName = (model: Pick<ModelSummary, 'kind' | 'category'>, t: TFunction): string =>
  model.kind === 'purchase' && model.category ? t('modelLab.kindWithCategory', { category: model.category }) : t(`modelLab.kinds.${model.kind}`);

/** The headline figure: cross-validated AUC for propensity models, log-likelihood for lifetime value, accuracy for review sentiment. */
export function headlineText(model: Pick<ModelSummary, 'kind' | 'headline'>, format: Formatters, t: TFunction): string {
  if (model.kind === 'sentiment') return t('modelLab.headline.sentiment', { value: format.decimal(model.headline.value, 3) });
  return model.kind === 'clv'
    ? t('modelLab.headline.clv', { value: format.decimal(model.headline.value, 1) })
    : t('modelLab.headline.propensity', { value: format.decimal(model.headline.value, 3) });
}

export const asBackend = (value: string): Backend | null => {
  const parsed = backendSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** The CLV parameters under the names of the papers. */
const PARAM_SYMBOLS: Record<string, string> = { r: 'r', alpha: 'α', a: 'a', b: 'b', s: 's', beta: 'β' };
const PARAM_ORDER = ['r', 'alpha', 'a', 'b', 's', 'beta'];

export const paramSymbol = (name: string): string => PARAM_SYMBOLS[name] ?? name;

export const orderedParams = (params: Record<string, number>): [string, number][] =>
  Object.entries(params).sort(([a], [b]) => (PARAM_ORDER.indexOf(a) + 1 || 99) - (PARAM_ORDER.indexOf(b) + 1 || 99));

/** BG/NBD has a and b; Pareto/NBD has s and beta. */
export const clvModelOf = (params: Record<string, number>): 'bgnbd' | 'pareto' => ('s' in params || 'beta' in params ? 'pareto' : 'bgnbd');

/** A fitted parameter with four significant digits, in the user's locale. */
export const paramValue = (value: number, format: Formatters): string => format.number(Number(value.toPrecision(4)));
