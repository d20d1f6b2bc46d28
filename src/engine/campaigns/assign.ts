import { HOLDOUT_ARM, type CampaignPlan } from '../../shared/campaign-schemas';
import { createRng } from '../kernel/random';

/**
 * Random assignment to arms and the holdout, stratified by RFM segment: within each stratum the members are
 * shuffled by the campaign's seed and dealt out systematically along the groups' cumulative shares from a random
 * start, so every stratum is split in the planned proportions (to within one customer per group) and every
 * customer lands in exactly one group. The same seed and audience give the same assignment.
 */

export type PlannedGroup = { name: string; share: number; holdout: boolean };

/** The plan's groups: the arms sharing what the holdout leaves (by weight, equal when unweighted), the holdout last. */
export function plannedGroups(plan: Pick<CampaignPlan, 'arms' | 'holdout'>): PlannedGroup[] {
  const weights = plan.arms.map((a) => a.weight ?? 1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const groups: PlannedGroup[] = plan.arms.map((a, i) => ({ name: a.name, share: ((weights[i] as number) / total) * (1 - plan.holdout), holdout: false }));
  if (plan.holdout > 0) groups.push({ name: HOLDOUT_ARM, share: plan.holdout, holdout: true });
  return groups;
}

/** FNV-1a of a stratum's name: its random stream does not depend on which other strata exist. */
function streamOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 1_000_000;
}

/** Each member's group index (position in `shares`). `ids` ascending; `stratumOf[i]` indexes `strata`. */
export function assignGroups(ids: Int32Array, stratumOf: Uint16Array, strata: readonly string[], shares: readonly number[], seed: number): Uint8Array {
  const groups = new Uint8Array(ids.length);
  const cumulative: number[] = [];
  let run = 0;
  for (const s of shares) cumulative.push((run += s));
  const total = run;
  const members: number[][] = strata.map(() => []);
  for (let i = 0; i < ids.length; i++) (members[stratumOf[i] as number] as number[]).push(i);
  strata.forEach((name, s) => {
    const list = members[s] as number[];
    const rng = createRng(seed, streamOf(name));
    const start = rng();
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [list[i], list[j]] = [list[j] as number, list[i] as number];
    }
    const n = list.length;
    let g = 0;
    for (let k = 0; k < n; k++) {
      const x = ((k + start) / n) * total;
      while (g < cumulative.length - 1 && x >= (cumulative[g] as number)) g++;
      groups[list[k] as number] = g;
    }
  });
  return groups;
}

/** Members per group. */
export function countGroups(groups: Uint8Array, count: number): number[] {
  const sizes = new Array<number>(count).fill(0);
  for (const g of groups) sizes[g] = (sizes[g] as number) + 1;
  return sizes;
}
