import type { CampaignPlan, ExperimentResult, PowerResult } from '../../shared/campaign-schemas';
import type { Db } from '../db/open-workspace';
import { countGroups } from './assign';
import type { CampaignAudience } from './build';
import { historicalBaseline, pct } from './history';
import { minimumDetectableEffect, sampleSizePerArm } from './stats';

/**
 * The power planner: how many recipients each group needs to detect the plan's minimum effect, what this audience
 * and split can detect, and, when it is too small, what would work instead, in plain words.
 */

/** When the workspace has no campaign history: a typical e-commerce e-mail conversion rate, and the plan says so. */
const DEFAULT_BASELINE = 0.02;

const points = (effect: number): string => `${(effect * 100).toFixed(2)} percentage points`;
const n = (value: number): string => value.toLocaleString('en');

export function baselineFor(db: Db, plan: CampaignPlan): ExperimentResult['baseline'] {
  if (plan.experiment.baseline !== undefined) {
    return { rate: plan.experiment.baseline, source: 'plan', text: `${pct(plan.experiment.baseline)}, as you set it.`, campaigns: 0 };
  }
  const history = historicalBaseline(db, plan.channel, plan.goal);
  if (history) return { rate: history.rate, source: 'history', text: history.text, campaigns: history.campaigns.length };
  return {
    rate: DEFAULT_BASELINE,
    source: 'default',
    text: `${pct(DEFAULT_BASELINE)}: a typical rate, because this workspace has no past campaigns with results. Set your own if you know better.`,
    campaigns: 0,
  };
}

function comparisonsText(arms: number, holdout: boolean): string {
  if (holdout) return arms === 1 ? 'The arm is compared with the holdout.' : `Each of the ${arms} arms is compared with the holdout (${arms} comparisons).`;
  return arms === 1 ? 'One arm and no holdout: there is nothing to compare.' : `Without a holdout, arms are compared with the first arm (${arms - 1} comparison${arms > 2 ? 's' : ''}).`;
}

/** The planner for a campaign's audience as it stands. */
export function planExperiment(db: Db, audience: CampaignAudience): ExperimentResult {
  const { plan } = audience;
  const baseline = baselineFor(db, plan);
  const holdout = audience.groups.some((g) => g.holdout);
  const groupCount = audience.groups.length;
  const sizes = countGroups(audience.assigned, groupCount);
  const smallestGroup = sizes.length > 0 ? Math.min(...sizes) : 0;
  const settings = { baseline: baseline.rate, alpha: plan.experiment.alpha, power: plan.experiment.power, groups: Math.max(2, groupCount) };
  const mde = Math.min(plan.experiment.mde, 0.999 - baseline.rate);
  const power: PowerResult = sampleSizePerArm({ ...settings, mde });
  const warnings: string[] = [];
  const suggestions: string[] = [];
  if (groupCount < 2) {
    warnings.push('With one arm and no holdout there is no experiment: the results can be read, but nothing tells you what the campaign changed.');
    suggestions.push('Keep a holdout (10 % is common) to learn what the campaign adds over what these customers would have bought anyway.');
    return { baseline, power, smallestGroup, detectableEffect: null, enough: false, warnings, suggestions, comparisonsText: comparisonsText(plan.arms.length, holdout) };
  }
  const detectableEffect = smallestGroup > 1 ? minimumDetectableEffect({ ...settings, perArm: smallestGroup }) : null;
  const enough = smallestGroup >= power.perArm;
  if (!enough) {
    const total = audience.ids.length;
    warnings.push(
      `Too small to detect ${points(mde)}: each group needs ${n(power.perArm)} customers, and the smallest has ${n(smallestGroup)}. ` +
        (detectableEffect === null
          ? 'With this audience no realistic effect can be told from chance.'
          : `With this audience only an effect of ${points(detectableEffect)} or more would show (from ${pct(baseline.rate)} to ${pct(baseline.rate + detectableEffect)}).`),
    );
    suggestionsFor(plan, total, power.perArm, holdout, suggestions);
  }
  if (power.corrected) warnings.push(power.note);
  return { baseline, power, smallestGroup, detectableEffect, enough, warnings, suggestions, comparisonsText: comparisonsText(plan.arms.length, holdout) };
}

/** Concrete alternatives: fewer arms, a holdout the size of an arm, a longer window, a larger effect. */
function suggestionsFor(plan: CampaignPlan, total: number, needed: number, holdout: boolean, out: string[]): void {
  const arms = plan.arms.length;
  if (arms > 1) {
    const groups = arms - 1 + (holdout ? 1 : 0);
    const perGroup = Math.floor(total / Math.max(1, groups));
    out.push(`Test ${arms - 1} arm${arms - 1 > 1 ? 's' : ''} instead of ${arms}: about ${n(perGroup)} per group${perGroup >= needed ? ', enough' : ''}.`);
  }
  if (holdout) {
    const even = 1 / (arms + 1);
    if (plan.holdout < even - 0.01) {
      out.push(`A holdout of ${Math.round(even * 100)} % (as large as each arm) gives the arms-versus-holdout comparison about ${n(Math.floor(total * even))} per group.`);
    } else if (plan.holdout > 0.1) {
      out.push(`A smaller holdout (10 %) contacts more customers, but the comparison with it gets weaker: only ${n(Math.floor(total * 0.1))} in the holdout.`);
    }
  }
  out.push(`A longer response window (for example ${Math.min(90, plan.experiment.windowDays * 2)} days instead of ${plan.experiment.windowDays}) counts more orders, which raises the rates and shrinks the sample needed.`);
  out.push(`Or widen the audience: about ${n(needed * (arms + (holdout ? 1 : 0)))} customers would be needed in all.`);
}
