import type { CampaignPlan } from './behaviour';
import { timeOf } from './calendar';

/**
 * The demo's two past email campaigns. Each went to every customer who had signed up and accepted marketing
 * before the send. Active customers open and click more than those who have quietly left; a click can prompt an
 * extra, discounted order. A result counts as converted when the customer ordered within 7 days of the send.
 */

export const CONVERSION_WINDOW_DAYS = 7;

export type DemoCampaign = {
  id: number;
  externalId: string;
  name: string;
  channel: 'email';
  goal: string;
  sentAt: string;
  subject: string;
  body: string;
  /** Markdown on every line of an order the email prompted. */
  discount: number;
  plan: CampaignPlan;
};

const SPRING_SENT_AT = '2026-03-24T09:00:00';
const WINBACK_SENT_AT = '2026-08-25T18:30:00';

export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  {
    id: 1,
    externalId: 'CMP-2026-SPRING',
    name: 'Spring refresh promotion',
    channel: 'email',
    goal: 'promotion',
    sentAt: SPRING_SENT_AT,
    subject: 'Spring is here: 20% off fresh scents for your home',
    body:
      'Hi {first_name},\n\nThe days are getting longer, so we are bringing fresh scents and spring colours into the shop. ' +
      'This week only, take 20% off everything with the code SPRING20 — from our Neroli candles to new linen tea towels.\n\n' +
      'Happy spring,\nThe team',
    discount: 0.2,
    plan: {
      sendTime: timeOf(SPRING_SENT_AT),
      openActive: 0.42,
      openLapsed: 0.15,
      clickActive: 0.3,
      clickLapsed: 0.1,
      orderIfClicked: 0.3,
      orderDelayDays: 1.2,
    },
  },
  {
    id: 2,
    externalId: 'CMP-2026-WINBACK',
    name: 'Late-summer win-back',
    channel: 'email',
    goal: 'win-back',
    sentAt: WINBACK_SENT_AT,
    subject: 'We miss you — here is 15% off your next order',
    body:
      'Hi {first_name},\n\nIt has been a while! Our autumn candles have just arrived and we would love to see you back. ' +
      'Use the code WELCOMEBACK15 for 15% off your next order, valid until the end of the month.\n\nWarmly,\nThe team',
    discount: 0.15,
    plan: {
      sendTime: timeOf(WINBACK_SENT_AT),
      openActive: 0.35,
      openLapsed: 0.12,
      clickActive: 0.28,
      clickLapsed: 0.08,
      orderIfClicked: 0.35,
      orderDelayDays: 1.5,
    },
  },
];

export const CAMPAIGN_PLANS: readonly CampaignPlan[] = DEMO_CAMPAIGNS.map((c) => c.plan);
