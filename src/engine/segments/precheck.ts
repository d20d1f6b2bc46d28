import type { SegmentRule } from '../../shared/segment-schemas';
import { validateRule } from './validate';

/**
 * Checks the rules of a segments request before the contract's schema parses it: the schema is recursive, so a rule
 * nested thousands of levels deep would exhaust the stack there, and a union's refusal says only "Invalid input".
 * The validator stops at the depth limit and names the position of the first problem.
 */
export function precheckSegmentRules(channel: string, input: unknown): void {
  if (!channel.startsWith('segments.') || typeof input !== 'object' || input === null) return;
  const request = input as Record<string, unknown>;
  const refs: Array<[string, unknown]> = [
    ['rule', request],
    ['a.rule', request.a],
    ['b.rule', request.b],
  ];
  for (const [field, ref] of refs) {
    if (typeof ref !== 'object' || ref === null || !Object.prototype.hasOwnProperty.call(ref, 'rule')) continue;
    const rule = (ref as { rule: unknown }).rule;
    if (rule !== undefined) validateRule(rule as SegmentRule, { field, allowMemberOf: false });
  }
}
