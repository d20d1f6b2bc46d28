import type { TFunction } from 'i18next';
import type { FederationSpec } from '../../../shared/federate-schemas';

/** What a spec predicts, in words: "Churn in 90 days" or "Buys Candles in 60 days". */
export function targetText(spec: FederationSpec, t: TFunction): string {
  if (spec.source.kind !== 'customers') return spec.target;
  const what = spec.source.label === 'churn' ? t('federation.propose.churn') : `${t('federation.propose.purchase')}: ${spec.source.category ?? ''}`;
  return `${what}, ${spec.source.horizonDays} d`;
}

/** Secure aggregation and differential privacy in one line. */
export function privacyText(secure: boolean, epsilon: number | null, t: TFunction): string {
  return [secure ? t('federation.card.secure') : null, epsilon !== null ? `ε = ${epsilon}` : null].filter(Boolean).join(' · ') || t('federation.card.epsilonOff');
}
