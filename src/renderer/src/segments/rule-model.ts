import {
  segmentFieldKinds,
  segmentFields,
  type EventCondition,
  type FieldCondition,
  type SegmentField,
  type SegmentOp,
  type SegmentRule,
} from '../../../shared/segment-schemas';

/*
 * The rule builder's own tree ⇄ the contract's rule. The builder keeps what a person is typing (empty boxes,
 * percentages, a half-written list); `toRule` turns it into a rule, leaving out conditions that are not complete yet,
 * and remembers where each kept node sits in the rule so the engine's error paths find their condition again.
 */

export type GroupMode = 'all' | 'any';
export type EventName = EventCondition['event'];
export const eventNames = ['purchased', 'received', 'responded', 'reviewed', 'recommended'] as const satisfies readonly EventName[];
export type Response = 'opened' | 'clicked' | 'converted';
export type Sentiment = 'positive' | 'neutral' | 'negative';

/** A number box's value: a number, or '' while empty. */
export type NumberDraft = number | '';

export type GroupDraft = { id: string; type: 'group'; mode: GroupMode; negated: boolean; children: NodeDraft[] };

export type FieldDraft = {
  id: string;
  type: 'field';
  negated: boolean;
  field: SegmentField;
  op: SegmentOp;
  /** One value: text, a date (YYYY-MM-DD), a number (percent for probabilities) or yes/no. */
  single: string | NumberDraft | boolean;
  /** in / notIn. */
  list: string[];
  /** between. */
  low: string | NumberDraft;
  high: string | NumberDraft;
};

export type EventDraft = {
  id: string;
  type: 'event';
  negated: boolean;
  event: EventName;
  /** purchased: any product, a category, or one product. */
  itemMode: 'any' | 'category' | 'product';
  category: string;
  product: string;
  minTimes: NumberDraft;
  maxTimes: NumberDraft;
  /** received / responded: a campaign id, or '' for any. */
  campaign: string;
  response: Response;
  /** reviewed: any review, by sentiment, by stars, mentioning a theme, or by the average sentiment of the reviews. */
  reviewMode: 'any' | 'sentiment' | 'stars' | 'theme' | 'average';
  sentiment: Sentiment;
  minRating: NumberDraft;
  maxRating: NumberDraft;
  theme: string;
  /** Average sentiment bounds, 0 (negative) … 1 (positive). */
  minAvgSentiment: NumberDraft;
  maxAvgSentiment: NumberDraft;
  withinDays: NumberDraft;
  /** recommended: which list, and only its first N (category shared with purchased). */
  recommendedList: 'any' | 'discover' | 'buy-again';
  recommendedTop: NumberDraft;
};

/** A new condition whose field or event is not chosen yet. */
export type PendingDraft = { id: string; type: 'pending'; negated: boolean };

export type ConditionDraft = FieldDraft | EventDraft;
export type NodeDraft = GroupDraft | ConditionDraft | PendingDraft;

/** Probabilities are typed as percentages (50) and sent as fractions (0.5), as in the explorer. */
export const PROBABILITY_FIELDS: readonly SegmentField[] = ['churnRisk', 'pAlive'];
const isProbability = (field: SegmentField): boolean => PROBABILITY_FIELDS.includes(field);
// Twelve significant digits: 0.07 × 100 reads 7, not 7.000000000000001.
const tidy = (n: number): number => Number(n.toPrecision(12));

// A prefix per page load: a draft kept from an earlier load never shares ids with new nodes.
const idPrefix = Math.random().toString(36).slice(2, 8);
let nextId = 0;
export const newId = (): string => `${idPrefix}-${++nextId}`;

export const newGroup = (mode: GroupMode = 'all', children: NodeDraft[] = []): GroupDraft => ({ id: newId(), type: 'group', mode, negated: false, children });

export function newField(field: SegmentField, op?: SegmentOp): FieldDraft {
  const kind = segmentFieldKinds[field];
  const defaultOp: SegmentOp = kind === 'number' ? '>=' : '=';
  return { id: newId(), type: 'field', negated: false, field, op: op ?? defaultOp, single: kind === 'boolean' ? true : '', list: [], low: '', high: '' };
}

export function newEvent(event: EventName): EventDraft {
  return {
    id: newId(),
    type: 'event',
    negated: false,
    event,
    itemMode: 'category',
    category: '',
    product: '',
    minTimes: 1,
    maxTimes: '',
    campaign: '',
    response: 'clicked',
    reviewMode: 'any',
    sentiment: 'positive',
    minRating: '',
    maxRating: '',
    theme: '',
    minAvgSentiment: '',
    maxAvgSentiment: '',
    withinDays: '',
    recommendedList: 'any',
    recommendedTop: '',
  };
}

export const newPending = (): PendingDraft => ({ id: newId(), type: 'pending', negated: false });

/** A new rule: one group with one condition to fill in. */
export const emptyDraft = (): GroupDraft => newGroup('all', [newPending()]);

// ---------------------------------------------------------------------------------------------------------------
// Draft → rule

/** Where each kept node sits in the rule ("all.0.any.1"), and which nodes were left out as incomplete. */
export type Compiled = { rule: SegmentRule; paths: Map<string, string>; incomplete: Set<string>; conditions: number };

const num = (value: string | NumberDraft | boolean): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};
const optionalInt = (value: NumberDraft): number | undefined => (value === '' ? undefined : Math.round(value));

function fieldValue(draft: FieldDraft): FieldCondition['value'] | null {
  const kind = segmentFieldKinds[draft.field];
  const asNumber = (v: string | NumberDraft | boolean): number | null => {
    const n = num(v);
    return n === null ? null : isProbability(draft.field) ? tidy(n / 100) : n;
  };
  const one = (v: string | NumberDraft | boolean): string | number | boolean | null => {
    if (kind === 'boolean') return typeof v === 'boolean' ? v : null;
    if (kind === 'number') return asNumber(v);
    const text = String(v).trim();
    return text === '' ? null : text;
  };
  switch (draft.op) {
    case 'isNull':
    case 'notNull':
      return undefined;
    case 'in':
    case 'notIn': {
      const values = draft.list.map(one).filter((v): v is string | number | boolean => v !== null);
      return values.length > 0 ? values : null;
    }
    case 'between': {
      const low = one(draft.low);
      const high = one(draft.high);
      return low === null || high === null ? null : [low, high];
    }
    default:
      return one(draft.single);
  }
}

function conditionRule(draft: ConditionDraft): SegmentRule | null {
  if (draft.type === 'field') {
    const value = fieldValue(draft);
    if (value === null) return null;
    return value === undefined ? { field: draft.field, op: draft.op } : { field: draft.field, op: draft.op, value };
  }
  const withinDays = optionalInt(draft.withinDays);
  const within = withinDays === undefined ? {} : { withinDays };
  switch (draft.event) {
    case 'purchased': {
      const item =
        draft.itemMode === 'category' && draft.category.trim() !== ''
          ? { category: draft.category.trim() }
          : draft.itemMode === 'product' && draft.product.trim() !== ''
            ? { product: draft.product.trim() }
            : draft.itemMode === 'any'
              ? {}
              : null;
      if (item === null) return null;
      const minTimes = optionalInt(draft.minTimes);
      const maxTimes = optionalInt(draft.maxTimes);
      return {
        event: 'purchased',
        ...item,
        ...within,
        ...(minTimes === undefined ? {} : { minTimes }),
        ...(maxTimes === undefined ? {} : { maxTimes }),
      };
    }
    case 'received':
      return { event: 'received', ...(draft.campaign ? { campaign: draft.campaign } : {}), ...within };
    case 'responded':
      return { event: 'responded', ...(draft.campaign ? { campaign: draft.campaign } : {}), response: draft.response, ...within };
    case 'reviewed': {
      if (draft.reviewMode === 'sentiment') return { event: 'reviewed', sentiment: draft.sentiment, ...within };
      if (draft.reviewMode === 'theme') return draft.theme.trim() ? { event: 'reviewed', theme: draft.theme.trim(), ...within } : null;
      if (draft.reviewMode === 'average') {
        const bound = (v: NumberDraft): number | undefined => (v === '' ? undefined : Math.min(1, Math.max(0, v)));
        const minAvgSentiment = bound(draft.minAvgSentiment);
        const maxAvgSentiment = bound(draft.maxAvgSentiment);
        if (minAvgSentiment === undefined && maxAvgSentiment === undefined) return null;
        return {
          event: 'reviewed',
          ...(minAvgSentiment === undefined ? {} : { minAvgSentiment }),
          ...(maxAvgSentiment === undefined ? {} : { maxAvgSentiment }),
          ...within,
        };
      }
      if (draft.reviewMode === 'stars') {
        const minRating = optionalInt(draft.minRating);
        const maxRating = optionalInt(draft.maxRating);
        if (minRating === undefined && maxRating === undefined) return null;
        return {
          event: 'reviewed',
          ...(minRating === undefined ? {} : { minRating }),
          ...(maxRating === undefined ? {} : { maxRating }),
          ...within,
        };
      }
      return { event: 'reviewed', ...within };
    }
    case 'recommended': {
      if (draft.category.trim() === '') return null;
      const withinTop = optionalInt(draft.recommendedTop);
      return { event: 'recommended', category: draft.category.trim(), list: draft.recommendedList, ...(withinTop === undefined ? {} : { withinTop }) };
    }
  }
}

/** The rule the builder describes; an incomplete condition (no value yet) or an emptied group is left out. */
export function toRule(root: GroupDraft): Compiled {
  const paths = new Map<string, string>();
  const incomplete = new Set<string>();
  let conditions = 0;

  const visit = (node: NodeDraft, path: string[]): SegmentRule | null => {
    const inner = node.negated ? [...path, 'not'] : path;
    let rule: SegmentRule | null;
    if (node.type === 'group') {
      const children: SegmentRule[] = [];
      for (const child of node.children) {
        const compiled = visit(child, [...inner, node.mode, String(children.length)]);
        if (compiled) children.push(compiled);
      }
      // An empty group inside another means nothing yet; the root may be empty (everyone).
      if (children.length === 0 && path.length > 0) rule = null;
      else rule = node.mode === 'all' ? { all: children } : { any: children };
    } else {
      rule = node.type === 'pending' ? null : conditionRule(node);
      if (rule) conditions += 1;
    }
    if (rule === null) {
      incomplete.add(node.id);
      return null;
    }
    paths.set(path.join('.'), node.id);
    if (node.negated) paths.set(inner.join('.'), node.id);
    return node.negated ? { not: rule } : rule;
  };

  const rule = visit(root, []) ?? { all: [] };
  return { rule, paths, incomplete, conditions };
}

// ---------------------------------------------------------------------------------------------------------------
// Rule → draft

const isField = (value: string): value is SegmentField => (segmentFields as readonly string[]).includes(value);
const draftNumber = (value: unknown): NumberDraft => (typeof value === 'number' && Number.isFinite(value) ? value : '');
const display = (field: SegmentField, value: unknown): string | NumberDraft | boolean => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return isProbability(field) ? tidy(value * 100) : value;
  return typeof value === 'string' ? value : '';
};

function fromCondition(rule: FieldCondition | EventCondition): ConditionDraft {
  if ('field' in rule) {
    const field = isField(rule.field) ? rule.field : 'country';
    const draft = newField(field, rule.op);
    const value = rule.value;
    if (Array.isArray(value)) {
      if (rule.op === 'between') {
        draft.low = display(field, value[0]) as string | NumberDraft;
        draft.high = display(field, value[1]) as string | NumberDraft;
      } else draft.list = value.map((v) => String(display(field, v)));
    } else if (value !== undefined) draft.single = display(field, value);
    return draft;
  }
  const draft = newEvent(rule.event);
  draft.withinDays = draftNumber('withinDays' in rule ? rule.withinDays : undefined);
  switch (rule.event) {
    case 'purchased':
      draft.itemMode = rule.category !== undefined ? 'category' : rule.product !== undefined ? 'product' : 'any';
      draft.category = rule.category ?? '';
      draft.product = rule.product ?? '';
      draft.minTimes = draftNumber(rule.minTimes);
      draft.maxTimes = draftNumber(rule.maxTimes);
      break;
    case 'received':
      draft.campaign = rule.campaign ?? '';
      break;
    case 'responded':
      draft.campaign = rule.campaign ?? '';
      draft.response = rule.response;
      break;
    case 'reviewed':
      draft.reviewMode =
        rule.theme !== undefined
          ? 'theme'
          : rule.minAvgSentiment !== undefined || rule.maxAvgSentiment !== undefined
            ? 'average'
            : rule.sentiment
              ? 'sentiment'
              : rule.minRating !== undefined || rule.maxRating !== undefined
                ? 'stars'
                : 'any';
      draft.theme = rule.theme ?? '';
      draft.minAvgSentiment = draftNumber(rule.minAvgSentiment);
      draft.maxAvgSentiment = draftNumber(rule.maxAvgSentiment);
      draft.sentiment = rule.sentiment ?? 'positive';
      draft.minRating = draftNumber(rule.minRating);
      draft.maxRating = draftNumber(rule.maxRating);
      break;
    case 'recommended':
      draft.category = rule.category;
      draft.recommendedList = rule.list;
      draft.recommendedTop = draftNumber(rule.withinTop);
      break;
  }
  return draft;
}

function fromRuleNode(rule: SegmentRule): NodeDraft {
  if ('not' in rule) {
    const inner = fromRuleNode(rule.not);
    return { ...inner, negated: !inner.negated };
  }
  if ('all' in rule) return newGroup('all', rule.all.map(fromRuleNode));
  if ('any' in rule) return newGroup('any', rule.any.map(fromRuleNode));
  return fromCondition(rule);
}

/** A saved, discovered or ready-made rule as a builder tree; the root is always a group. */
export function fromRule(rule: SegmentRule): GroupDraft {
  const node = fromRuleNode(rule);
  return node.type === 'group' ? node : newGroup('all', [node]);
}

// ---------------------------------------------------------------------------------------------------------------
// Edits (immutable)

export function updateNode(root: GroupDraft, id: string, change: (node: NodeDraft) => NodeDraft): GroupDraft {
  const visit = (node: NodeDraft): NodeDraft => {
    if (node.id === id) return change(node);
    if (node.type !== 'group') return node;
    return { ...node, children: node.children.map(visit) };
  };
  return visit(root) as GroupDraft;
}

export function removeNode(root: GroupDraft, id: string): GroupDraft {
  const visit = (group: GroupDraft): GroupDraft => ({
    ...group,
    children: group.children.filter((child) => child.id !== id).map((child) => (child.type === 'group' ? visit(child) : child)),
  });
  return visit(root);
}

/** Adds `node` to a group, after `afterId` when given (Enter in a condition), else at the end. */
export function addChild(root: GroupDraft, groupId: string, node: NodeDraft, afterId?: string): GroupDraft {
  return updateNode(root, groupId, (group) => {
    if (group.type !== 'group') return group;
    const at = afterId ? group.children.findIndex((child) => child.id === afterId) : -1;
    const children = [...group.children];
    children.splice(at >= 0 ? at + 1 : children.length, 0, node);
    return { ...group, children };
  });
}

/** The group directly holding a node. */
export function parentOf(root: GroupDraft, id: string): GroupDraft | undefined {
  for (const child of root.children) {
    if (child.id === id) return root;
    if (child.type === 'group') {
      const found = parentOf(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

export const depthOf = (root: GroupDraft, id: string): number => {
  const visit = (group: GroupDraft, depth: number): number => {
    if (group.id === id) return depth;
    for (const child of group.children) {
      if (child.id === id) return depth + 1;
      if (child.type === 'group') {
        const found = visit(child, depth + 1);
        if (found >= 0) return found;
      }
    }
    return -1;
  };
  return visit(root, 0);
};

// ---------------------------------------------------------------------------------------------------------------
// Engine error paths → nodes

/** An error's path as tokens: ['rule','all',1,'value'], "rule.all.1.value" or "all[1].value" all read the same. */
export function pathTokens(path: unknown): string[] {
  const tokens = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.split(/[.[\]/]+/) : [];
  const clean = tokens.filter((token) => token !== '');
  return clean[0] === 'rule' ? clean.slice(1) : clean;
}

/** The deepest builder node an error path points into, or undefined when it names none. */
export function nodeForPath(compiled: Compiled, path: unknown): string | undefined {
  const tokens = pathTokens(path);
  for (let length = tokens.length; length >= 0; length -= 1) {
    const id = compiled.paths.get(tokens.slice(0, length).join('.'));
    if (id !== undefined) return id;
  }
  return undefined;
}

/** Every path an error's details carry: `details.path`, or each `details.issues[].field|path`. */
export function errorPaths(details: unknown): { path: unknown; message?: string }[] {
  if (!details || typeof details !== 'object') return [];
  const record = details as { path?: unknown; issues?: unknown };
  const found: { path: unknown; message?: string }[] = [];
  if (record.path !== undefined) found.push({ path: record.path });
  if (Array.isArray(record.issues)) {
    for (const issue of record.issues as { field?: unknown; path?: unknown; message?: unknown }[]) {
      const path = issue.path ?? issue.field;
      if (path !== undefined) found.push({ path, ...(typeof issue.message === 'string' ? { message: issue.message } : {}) });
    }
  }
  return found;
}
