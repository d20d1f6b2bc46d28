import { AppError } from '../../shared/errors';
import {
  eventConditionSchema,
  fieldConditionSchema,
  opsForKind,
  RULE_LIMITS,
  segmentOps,
  type EventCondition,
  type FieldCondition,
  type SegmentFieldKind,
  type SegmentRule,
} from '../../shared/segment-schemas';
import { FIELD_SQL } from './fields';
import { childPath, ruleNode } from './rule-nodes';

/** Groups and conditions together, so empty groups nested many times cannot make a rule huge either. */
const MAX_NODES = 2_000;

export type ValidateOptions = {
  /** The input field holding the rule, for the error's details (`rule`, or `a.rule` in a comparison). */
  field?: string;
  /** Engine-built rules may hold membership of a static segment's snapshot; rules from a request may not. */
  allowMemberOf?: boolean;
};

type Issue = { code?: string; message: string; path: PropertyKey[]; errors?: Issue[][] };

/** A union's refusal says only "Invalid input"; the most specific message of its branches says what is wrong. */
function specificIssue(issue: Issue | undefined): Issue | undefined {
  if (!issue || issue.code !== 'invalid_union' || !issue.errors) return issue;
  const inner = issue.errors.flat().map((i) => specificIssue(i)).find((i) => i !== undefined && i.code !== 'invalid_type');
  return inner ? { ...inner, path: [...issue.path, ...inner.path] } : issue;
}

/** Field and operator names, and list sizes, checked before the schema so their refusals name what is allowed. */
function checkFieldNames(cond: FieldCondition, path: string, fail: Fail): void {
  if (typeof cond.field !== 'string' || !Object.prototype.hasOwnProperty.call(FIELD_SQL, cond.field)) {
    fail(childPath(path, 'field'), `${where(path)}: there is no field ${shown(cond.field)}. Fields: ${Object.keys(FIELD_SQL).join(', ')}.`);
  }
  if (!(segmentOps as readonly unknown[]).includes(cond.op)) {
    fail(childPath(path, 'op'), `${where(path)}: there is no operator ${shown(cond.op)}. Operators: ${segmentOps.join(', ')}.`);
  }
  if (Array.isArray(cond.value) && cond.value.length > RULE_LIMITS.listItems) {
    fail(childPath(path, 'value'), `${where(path)}: a list holds at most ${RULE_LIMITS.listItems} values; it has ${cond.value.length}.`);
  }
}

type Fail = (path: string, message: string) => never;
type Walk = { conditions: number; nodes: number; fail: Fail; allowMemberOf: boolean };

const failIn =
  (field: string): Fail =>
  (path, message) => {
    throw new AppError('bad-input', message, { field, path: path === '' ? '(whole rule)' : path });
  };
const where = (path: string): string => (path === '' ? 'The rule' : `The rule at ${path}`);

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const KIND_WORDS: Record<SegmentFieldKind, string> = {
  text: 'a text',
  number: 'a number',
  date: 'a date written YYYY-MM-DD',
  boolean: 'true or false',
};

function fitsKind(kind: SegmentFieldKind, value: unknown): boolean {
  if (kind === 'text') return typeof value === 'string';
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= RULE_LIMITS.number;
  if (kind === 'date') return isCalendarDay(value);
  return typeof value === 'boolean';
}

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

function checkField(cond: FieldCondition, path: string, fail: Fail): void {
  const spec = FIELD_SQL[cond.field];
  const subject = `${spec.label} (${cond.field})`;
  if (!opsForKind[spec.kind].includes(cond.op)) {
    fail(childPath(path, 'op'), `${where(path)}: ${subject} cannot use "${cond.op}". It takes ${opsForKind[spec.kind].join(', ')}.`);
  }
  const valuePath = childPath(path, 'value');
  const want = KIND_WORDS[spec.kind];
  if (cond.op === 'isNull' || cond.op === 'notNull') {
    if (cond.value !== undefined) fail(valuePath, `${where(path)}: "${cond.op}" takes no value; remove the value.`);
    return;
  }
  if (cond.value === undefined) fail(valuePath, `${where(path)}: ${subject} "${cond.op}" needs a value.`);
  if (cond.op === 'in' || cond.op === 'notIn' || cond.op === 'between') {
    if (!Array.isArray(cond.value)) fail(valuePath, `${where(path)}: "${cond.op}" takes a list of values, such as [${spec.kind === 'text' ? '"NL", "BE"' : '1, 5'}].`);
    const list = cond.value as unknown[];
    if (cond.op === 'between' && list.length !== 2) fail(valuePath, `${where(path)}: "between" takes two values, [low, high]; it got ${list.length}.`);
    if (list.length === 0) fail(valuePath, `${where(path)}: "${cond.op}" needs at least one value.`);
    if (list.length > RULE_LIMITS.listItems) fail(valuePath, `${where(path)}: a list holds at most ${RULE_LIMITS.listItems} values; it has ${list.length}.`);
    list.forEach((item, i) => {
      if (!fitsKind(spec.kind, item)) fail(`${valuePath}[${i}]`, `${where(path)}: ${subject} compares with ${want}, not ${shown(item)}.`);
    });
    return;
  }
  if (Array.isArray(cond.value)) fail(valuePath, `${where(path)}: "${cond.op}" takes one value, not a list (use "in" for a list).`);
  if (!fitsKind(spec.kind, cond.value)) fail(valuePath, `${where(path)}: ${subject} compares with ${want}, not ${shown(cond.value)}.`);
}

function checkEvent(cond: EventCondition, path: string, fail: Fail): void {
  const blank = (key: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() === '') fail(childPath(path, key), `${where(path)}: the ${key} is empty; name one or leave it out.`);
  };
  if (cond.event === 'purchased') {
    blank('category', cond.category);
    blank('product', cond.product);
    if (cond.minTimes !== undefined && cond.maxTimes !== undefined && cond.minTimes > cond.maxTimes) {
      fail(childPath(path, 'maxTimes'), `${where(path)}: at least ${cond.minTimes} times and at most ${cond.maxTimes} times cannot both hold.`);
    }
  } else if (cond.event === 'recommended') {
    blank('category', cond.category);
  } else if (cond.event === 'received' || cond.event === 'responded') {
    blank('campaign', cond.campaign);
  } else {
    if (cond.minRating !== undefined && cond.maxRating !== undefined && cond.minRating > cond.maxRating) {
      fail(childPath(path, 'maxRating'), `${where(path)}: at least ${cond.minRating} stars and at most ${cond.maxRating} stars cannot both hold.`);
    }
    blank('theme', cond.theme);
    if (cond.minAvgSentiment !== undefined && cond.maxAvgSentiment !== undefined && cond.minAvgSentiment > cond.maxAvgSentiment) {
      fail(childPath(path, 'maxAvgSentiment'), `${where(path)}: an average sentiment of at least ${cond.minAvgSentiment} and at most ${cond.maxAvgSentiment} cannot both hold.`);
    }
  }
}

function walk(rule: unknown, path: string, depth: number, tally: Walk): void {
  const fail = tally.fail;
  tally.nodes += 1;
  if (tally.nodes > MAX_NODES) fail(path, `The rule has more than ${MAX_NODES} groups and conditions. Split it into saved segments.`);
  const node = ruleNode(rule);
  if (node === null || (node.type === 'memberOf' && !tally.allowMemberOf)) fail(path, `${where(path)} is not a group ({"all":[…]}, {"any":[…]}, {"not":…}), a condition ({"field","op","value"}) or an event ({"event":…}).`);
  if (node === null) return;
  if (node.type === 'all' || node.type === 'any' || node.type === 'not') {
    if (depth + 1 > RULE_LIMITS.depth) fail(path, `${where(path)} nests groups more than ${RULE_LIMITS.depth} levels deep. Flatten it.`);
    if (node.type === 'not') return walk(node.child, childPath(path, 'not'), depth + 1, tally);
    if (node.children.length > RULE_LIMITS.children) {
      fail(path, `${where(path)}: a group holds at most ${RULE_LIMITS.children} rules; this one has ${node.children.length}.`);
    }
    node.children.forEach((child, i) => walk(child, childPath(path, node.type, i), depth + 1, tally));
    return;
  }
  tally.conditions += 1;
  if (tally.conditions > RULE_LIMITS.conditions) fail(path, `The rule has more than ${RULE_LIMITS.conditions} conditions. Split it into saved segments.`);
  if (node.type === 'memberOf') {
    if (!Number.isSafeInteger(node.segmentId) || node.segmentId < 1) fail(path, `${where(path)}: not a segment id.`);
    return;
  }
  if (node.type === 'field') checkFieldNames(node.cond, path, fail);
  // Leaves are flat, so their own schemas check the shape (with zod's messages) before the meaning is checked here.
  const parsed = node.type === 'field' ? fieldConditionSchema.safeParse(rule) : eventConditionSchema.safeParse(rule);
  if (!parsed.success) {
    const issue = specificIssue(parsed.error.issues[0]);
    const at = issue && issue.path.length > 0 ? childPath(path, issue.path.join('.')) : path;
    fail(at, `${where(path)} is not a valid ${node.type === 'field' ? 'condition' : 'event'}: ${issue?.message ?? 'bad shape'}.`);
  }
  if (node.type === 'field') checkField(node.cond, path, fail);
  else checkEvent(node.cond, path, fail);
}

/**
 * Checks what the schema cannot: depth, number of conditions, operators against the field's kind, value types,
 * contradictory bounds. Throws `bad-input` naming the position (`all[1].any[0].value`).
 */
export function validateRule(rule: SegmentRule, options: ValidateOptions = {}): void {
  walk(rule, '', 0, { conditions: 0, nodes: 0, fail: failIn(options.field ?? 'rule'), allowMemberOf: options.allowMemberOf ?? true });
}
