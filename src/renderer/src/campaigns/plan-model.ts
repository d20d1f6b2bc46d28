import { MAX_ARMS, type ArmPlan, type CampaignChannel, type CampaignPlan, type CampaignPlanInput, type CampaignSummary } from '../../../shared/campaign-schemas';
import type { CopyChannel, CopyFields } from '../../../shared/copy-schemas';

/** The copy-studio channel whose fields a campaign's message has (ads: a display ad's headline, description, button). */
export const copyChannelFor = (channel: CampaignChannel): CopyChannel => (channel === 'ads' ? 'display_ad' : channel);

/** Library items that can be the message of a campaign on this channel. */
export const libraryChannelsFor = (channel: CampaignChannel): readonly CopyChannel[] =>
  channel === 'ads' ? ['display_ad', 'search_ad', 'social'] : [channel];

export function emptyFields(channel: CopyChannel): CopyFields {
  switch (channel) {
    case 'email':
      return { channel, subject: '', preheader: '', body: '' };
    case 'push':
      return { channel, title: '', body: '' };
    case 'social':
      return { channel, network: 'x', text: '' };
    case 'search_ad':
      return { channel, headlines: [''], descriptions: [''] };
    case 'display_ad':
      return { channel, headline: '', description: '', cta: '' };
    default:
      return { channel, text: '' };
  }
}

/** The next free arm name: A, B, C… (then "Arm 7" should letters run out, which six arms never do). */
export function nextArmName(arms: readonly ArmPlan[]): string {
  const taken = new Set(arms.map((arm) => arm.name.trim().toUpperCase()));
  for (const letter of 'ABCDEFGHIJ') if (!taken.has(letter)) return letter;
  return `Arm ${arms.length + 1}`;
}

export const canAddArm = (arms: readonly ArmPlan[]): boolean => arms.length < MAX_ARMS;

/** Each arm's share of the contacted audience: its weight over the sum (equal when no weights are given). */
export function armShares(arms: readonly ArmPlan[]): number[] {
  const weights = arms.map((arm) => arm.weight ?? 1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (total > 0 ? w / total : 0));
}

/** A summary's figures per recipient (null before anyone received it). */
export const conversionRate = (c: Pick<CampaignSummary, 'converted' | 'recipients'>): number | null => (c.recipients > 0 ? c.converted / c.recipients : null);
export const revenuePerRecipient = (c: Pick<CampaignSummary, 'revenue' | 'recipients'>): number | null => (c.recipients > 0 ? c.revenue / c.recipients : null);

/**
 * The plan of a follow-up campaign: the same goal, channel, audience, arms and content, sent only to the customers
 * the first one changed (its persuadable count, ranked by the uplift model).
 */
export function nextTimePlan(plan: CampaignPlan, name: string, persuadable: number): CampaignPlanInput {
  const { sendDate: _sendDate, ...rest } = plan;
  return { ...rest, name, audience: { ...plan.audience, cap: { size: Math.max(1, persuadable), by: 'uplift' } } };
}

/** Today, as YYYY-MM-DD in the user's calendar. */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
