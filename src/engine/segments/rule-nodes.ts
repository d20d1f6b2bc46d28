import type { EventCondition, FieldCondition, SegmentRule } from '../../shared/segment-schemas';

/**
 * Membership of a saved static segment's snapshot. Engine-only: the public rule schema has no such condition, so a
 * request can never carry one; `segmentRule` produces it for static segments (see segments-repo.ts).
 */
export type MemberOfCondition = { memberOf: number };

/** A rule node by what it is, so the compiler, the validator and `why` switch on one tag. */
export type RuleNode =
  | { type: 'all'; children: SegmentRule[] }
  | { type: 'any'; children: SegmentRule[] }
  | { type: 'not'; child: SegmentRule }
  | { type: 'field'; cond: FieldCondition }
  | { type: 'event'; cond: EventCondition }
  | { type: 'memberOf'; segmentId: number };

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** What a rule node is, or null when it is none of the known shapes (only possible for untyped callers). */
export function ruleNode(rule: unknown): RuleNode | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return null;
  const r = rule as Record<string, unknown>;
  if (has(r, 'all')) return Array.isArray(r.all) ? { type: 'all', children: r.all as SegmentRule[] } : null;
  if (has(r, 'any')) return Array.isArray(r.any) ? { type: 'any', children: r.any as SegmentRule[] } : null;
  if (has(r, 'not')) return { type: 'not', child: r.not as SegmentRule };
  if (has(r, 'field')) return { type: 'field', cond: r as FieldCondition };
  if (has(r, 'event')) return { type: 'event', cond: r as EventCondition };
  if (has(r, 'memberOf')) return { type: 'memberOf', segmentId: r.memberOf as number };
  return null;
}

/** The rule standing for "is in the snapshot of static segment `segmentId`" (typed as a rule; engine-only). */
export const memberOfRule = (segmentId: number): SegmentRule => ({ memberOf: segmentId }) as unknown as SegmentRule;

/** `all[1].any[0]`-style position of a child, as error messages name it. */
export const childPath = (parent: string, key: string, index?: number): string => {
  const step = index === undefined ? key : `${key}[${index}]`;
  return parent === '' ? step : `${parent}.${step}`;
};
