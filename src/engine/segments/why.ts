import { AppError } from '../../shared/errors';
import type { EventCondition, FieldCondition, SegmentRule, WhyNode } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { compileRule, purchaseBounds, SEGMENT_FROM, type CompileContext } from './compile';
import { FIELD_SQL } from './fields';
import { ruleNode } from './rule-nodes';
import { validateRule } from './validate';

const OP_WORDS: Record<FieldCondition['op'], string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is below',
  '<=': 'is at most',
  '>': 'is above',
  '>=': 'is at least',
  in: 'is one of',
  notIn: 'is not one of',
  between: 'is between',
  contains: 'contains',
  isNull: 'is empty',
  notNull: 'is not empty',
};
const DATE_OP_WORDS: Partial<Record<FieldCondition['op'], string>> = { '<': 'is before', '<=': 'is on or before', '>': 'is after', '>=': 'is on or after' };

/** One value as a marketer reads it, in the field's unit. */
function valueWords(cond: FieldCondition, value: unknown, currency: string): string {
  const { unit, kind } = FIELD_SQL[cond.field];
  if (kind === 'boolean') return value === true ? 'yes' : 'no';
  if (typeof value === 'string') return cond.op === 'contains' ? `"${value}"` : value;
  if (typeof value !== 'number') return String(value);
  const n = value.toLocaleString('en', { maximumFractionDigits: 6 });
  if (unit === 'days') return `${n} days`;
  if (unit === 'currency') return `${n} ${currency}`;
  if (unit === 'probability') return `${(value * 100).toLocaleString('en', { maximumFractionDigits: 4 })} %`;
  return n;
}

/** "Country is NL", "Revenue is between 100 EUR and 500 EUR", "Churn risk is above 70 %". */
export function fieldLabel(cond: FieldCondition, currency: string): string {
  const spec = FIELD_SQL[cond.field];
  const op = (spec.kind === 'date' ? DATE_OP_WORDS[cond.op] : undefined) ?? OP_WORDS[cond.op];
  if (cond.op === 'isNull' || cond.op === 'notNull') return `${spec.label} ${op}`;
  const values = Array.isArray(cond.value) ? cond.value : [cond.value];
  const words = values.map((v) => valueWords(cond, v, currency));
  if (cond.op === 'between') return `${spec.label} ${op} ${words[0] ?? ''} and ${words[1] ?? ''}`;
  const shown = words.length > 5 ? `${words.slice(0, 5).join(', ')} and ${words.length - 5} more` : words.join(', ');
  return `${spec.label} ${op} ${shown}`;
}

const within = (days: number | undefined): string => (days === undefined ? '' : ` in the last ${days} day${days === 1 ? '' : 's'}`);

function timesWords(min: number, max: number | undefined): string {
  if (max === undefined) return min <= 1 ? '' : ` at least ${min} times`;
  if (max === 0) return ' never';
  if (min === max) return ` exactly ${min} time${min === 1 ? '' : 's'}`;
  return min === 0 ? ` at most ${max} time${max === 1 ? '' : 's'}` : ` between ${min} and ${max} times`;
}

/** "Bought Candles at least 2 times in the last 90 days", "Clicked campaign Spring sale", "Left a negative review". */
export function eventLabel(cond: EventCondition): string {
  switch (cond.event) {
    case 'purchased': {
      const { min, max } = purchaseBounds(cond);
      const what = cond.product !== undefined ? `${cond.product}${cond.category !== undefined ? ` (${cond.category})` : ''}` : (cond.category ?? 'anything');
      const times = timesWords(min, max);
      return times === ' never' ? `Never bought ${what}${within(cond.withinDays)}` : `Bought ${what}${times}${within(cond.withinDays)}`;
    }
    case 'received':
      return `Received ${cond.campaign !== undefined ? `campaign ${cond.campaign}` : 'any campaign'}${within(cond.withinDays)}`;
    case 'responded': {
      const verb = { opened: 'Opened', clicked: 'Clicked', converted: 'Bought from' }[cond.response ?? 'clicked'];
      return `${verb} ${cond.campaign !== undefined ? `campaign ${cond.campaign}` : 'any campaign'}${within(cond.withinDays)}`;
    }
    case 'reviewed': {
      const stars =
        cond.minRating !== undefined || cond.maxRating !== undefined ? ` of ${cond.minRating ?? 1}–${cond.maxRating ?? 5} stars` : '';
      const theme = cond.theme !== undefined ? ` mentioning "${cond.theme}"` : '';
      const avg =
        cond.minAvgSentiment !== undefined || cond.maxAvgSentiment !== undefined
          ? `, average sentiment ${cond.minAvgSentiment ?? 0}–${cond.maxAvgSentiment ?? 1}`
          : '';
      return `Left a ${cond.sentiment !== undefined ? `${cond.sentiment} ` : ''}review${stars}${theme}${within(cond.withinDays)}${avg}`;
    }
    case 'recommended': {
      const list = cond.list === 'buy-again' ? ' to buy again' : cond.list === 'discover' ? ' new to them' : '';
      return `Recommended a product in ${cond.category}${list}${cond.withinTop !== undefined ? ` (top ${cond.withinTop})` : ''}`;
    }
  }
}

function explain(db: Db, rule: SegmentRule, customerId: number, ctx: CompileContext, currency: string): WhyNode {
  const node = ruleNode(rule);
  if (node === null) throw new Error('why: a rule node of no known shape');
  if (node.type === 'not') {
    const child = explain(db, node.child, customerId, ctx, currency);
    return { label: 'Not', met: !child.met, children: [child] };
  }
  if (node.type === 'all' || node.type === 'any') {
    const children = node.children.map((c) => explain(db, c, customerId, ctx, currency));
    const met = node.type === 'all' ? children.every((c) => c.met) : children.some((c) => c.met);
    return { label: node.type === 'all' ? 'All of these' : 'Any of these', met, children };
  }
  const label =
    node.type === 'field' ? fieldLabel(node.cond, currency) : node.type === 'event' ? eventLabel(node.cond) : `In the saved member list of segment ${node.segmentId}`;
  // The same compiled SQL as the count, so "why" can never disagree with who is counted.
  const { where, params } = compileRule(rule, ctx);
  const met = db.prepare(`SELECT ${where} FROM ${SEGMENT_FROM} WHERE c.id = ?`).pluck().get(...params, customerId) as number;
  return { label, met: met === 1 };
}

/** For one customer (customers.id): each condition of the rule with whether they meet it, and the groups' results. */
export function whyRule(db: Db, rule: SegmentRule, customerId: number, ctx: CompileContext, currency: string): WhyNode {
  validateRule(rule);
  const found = db.prepare(`SELECT c.id FROM ${SEGMENT_FROM} WHERE c.id = ?`).get(customerId);
  if (!found) {
    const exists = db.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId);
    if (exists) throw new AppError('conflict', `The figures of customer ${customerId} are not computed yet. Import or refresh the data, then try again.`, { field: 'customerId' });
    throw new AppError('not-found', `There is no customer with id ${customerId}. It may have been erased or undone with an import.`, { field: 'customerId' });
  }
  return explain(db, rule, customerId, ctx, currency);
}
