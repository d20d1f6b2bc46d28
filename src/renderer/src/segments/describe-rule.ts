import type { TFunction } from 'i18next';
import { segmentFields, type EventCondition, type FieldCondition, type SegmentField, type SegmentRule } from '../../../shared/segment-schemas';
import type { Formatters } from '../format/formatters';
import { OP_KEYS, type FieldCatalog } from './field-catalog';

type Context = { t: TFunction; format: Formatters; catalog: FieldCatalog; currency: string };

const isField = (value: string): value is SegmentField => (segmentFields as readonly string[]).includes(value);

/** A value as the marketer reads it: money with its currency, probabilities in percent, dates in their locale. */
export function describeValue(field: SegmentField, value: unknown, { format, catalog, currency, t }: Context): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') {
    const unit = catalog.unit(field);
    if (unit === 'currency') return format.money(value, currency);
    if (unit === 'probability') return format.percent(value);
    if (unit === 'days') return t('segments.units.daysValue', { count: value, value: format.number(value) });
    return format.number(value);
  }
  if (typeof value === 'string') return catalog.kind(field) === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(value) : value;
  return '';
}

function describeField(rule: FieldCondition, context: Context): string {
  const { t } = context;
  const field = isField(rule.field) ? rule.field : 'country';
  const label = t(`segments.fields.${field}`);
  const kind = context.catalog.kind(field);
  const op = t(kind === 'date' ? `segments.dateOps.${OP_KEYS[rule.op]}` : `segments.ops.${OP_KEYS[rule.op]}`);
  const value = rule.value;
  if (value === undefined) return `${label} ${op}`;
  if (Array.isArray(value)) {
    const shown = value.map((v) => describeValue(field, v, context));
    if (rule.op === 'between') return `${label} ${op} ${t('segments.describe.range', { low: shown[0] ?? '', high: shown[1] ?? '' })}`;
    return `${label} ${op} ${shown.join(', ')}`;
  }
  return `${label} ${op} ${describeValue(field, value, context)}`;
}

function describeEvent(rule: EventCondition, { t, format, catalog }: Context): string {
  if (rule.event === 'recommended') {
    const top = rule.withinTop === undefined ? '' : t('segments.describe.recommendedTop', { top: format.integer(rule.withinTop) });
    return `${t('segments.describe.recommended', { category: rule.category })}${t(`segments.describe.recommendedList.${rule.list}`)}${top}`;
  }
  const within = rule.withinDays === undefined ? '' : ` ${t('segments.describe.within', { count: rule.withinDays, days: format.integer(rule.withinDays) })}`;
  const campaignName = (id: string | undefined): string =>
    id === undefined ? t('segments.describe.anyCampaign') : (catalog.options?.campaigns.find((c) => c.id === id)?.name ?? id);
  switch (rule.event) {
    case 'purchased': {
      const item = rule.category ?? rule.product ?? t('segments.describe.anything');
      const times =
        rule.minTimes !== undefined && rule.maxTimes !== undefined
          ? t('segments.describe.timesBetween', { min: format.integer(rule.minTimes), max: format.integer(rule.maxTimes) })
          : rule.maxTimes !== undefined
            ? t('segments.describe.timesAtMost', { count: rule.maxTimes, max: format.integer(rule.maxTimes) })
            : rule.minTimes !== undefined && rule.minTimes !== 1
              ? t('segments.describe.timesAtLeast', { count: rule.minTimes, min: format.integer(rule.minTimes) })
              : '';
      return `${t('segments.describe.bought', { item })}${times ? ` ${times}` : ''}${within}`;
    }
    case 'received':
      return `${t('segments.describe.received', { campaign: campaignName(rule.campaign) })}${within}`;
    case 'responded':
      return `${t(`segments.describe.responded.${rule.response}`, { campaign: campaignName(rule.campaign) })}${within}`;
    case 'reviewed': {
      const what = rule.sentiment
        ? t(`segments.describe.reviewedSentiment.${rule.sentiment}`)
        : rule.minRating !== undefined || rule.maxRating !== undefined
          ? t('segments.describe.reviewedStars', { min: String(rule.minRating ?? 1), max: String(rule.maxRating ?? 5) })
          : t('segments.describe.reviewed');
      return `${what}${within}`;
    }
  }
}

/** A rule in one line: "Country is NL and (Orders is at least 3 or bought Candles within 365 days)". */
export function describeRule(rule: SegmentRule, context: Context, nested = false): string {
  const { t } = context;
  if ('not' in rule) return t('segments.describe.not', { rule: describeRule(rule.not, context, true) });
  if ('all' in rule || 'any' in rule) {
    const children = 'all' in rule ? rule.all : rule.any;
    if (children.length === 0) return t('segments.describe.everyone');
    const joiner = ` ${t('all' in rule ? 'segments.describe.and' : 'segments.describe.or')} `;
    const text = children.map((child) => describeRule(child, context, true)).join(joiner);
    return nested && children.length > 1 ? `(${text})` : text;
  }
  return 'field' in rule ? describeField(rule, context) : describeEvent(rule, context);
}
