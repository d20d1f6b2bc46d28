import { HOLDOUT_ARM } from '../../shared/campaign-schemas';
import type { CopyGoal } from '../../shared/copy-schemas';
import type { CampaignPlan, Engagement } from './behaviour';
import { timeOf } from './calendar';

/**
 * The demo's past campaigns: three years of email and SMS sends, plain ones and experiments. Each went to a seeded
 * share of the customers who had signed up and accepted marketing before the send (SMS: those who also gave a phone
 * number). An experiment splits its audience at random into arms with their own subject and message, and sometimes
 * a holdout that receives nothing, whose own orders show what the campaign added. Active customers open and click
 * more than those who have quietly left; a click can prompt an extra, discounted order. A result counts as converted
 * when the customer ordered within 7 days of the send.
 */

export const CONVERSION_WINDOW_DAYS = 7;

export type DemoChannel = 'email' | 'sms';

export type DemoMessage = { subject: string | null; body: string; engagement: Engagement };

/** A group of the audience: its planned share, and its message (null for the holdout). */
export type DemoArm = { name: string; share: number; message: DemoMessage | null };
export type SendingArm = DemoArm & { message: DemoMessage };

export type DemoCampaign = {
  id: number;
  externalId: string;
  name: string;
  channel: DemoChannel;
  goal: CopyGoal;
  sentAt: string;
  /** Share of the reachable customers drawn into the audience. */
  audienceShare: number;
  /** Markdown on every line of an order the campaign prompted (0: full price). */
  discount: number;
  /** One arm for a plain send; an experiment's arms (the holdout among them, never first) for the rest. */
  arms: readonly [SendingArm, ...DemoArm[]];
};

/** Chance that a message does not arrive. */
const BOUNCE: Readonly<Record<DemoChannel, number>> = { email: 0.015, sms: 0.03 };
/** Mean days from a send to the order a click prompted: an email is read later than a text message. */
const ORDER_DELAY_DAYS: Readonly<Record<DemoChannel, number>> = { email: 1.4, sms: 0.8 };
/** Customers who have left open and click about a third as often as active ones. */
const LAPSED = { open: 0.35, click: 0.3 } as const;

const thousandths = (x: number): number => Math.round(x * 1000) / 1000;

/** Email engagement of active customers: open, click given an open, order given a click. */
const email = (open: number, click: number, orderIfClicked: number): Engagement => ({
  open: { active: open, lapsed: thousandths(open * LAPSED.open) },
  click: { active: click, lapsed: thousandths(click * LAPSED.click) },
  orderIfClicked,
});

/** SMS engagement of active customers: no opens are reported, click given delivery, order given a click. */
const sms = (click: number, orderIfClicked: number): Engagement => ({
  open: null,
  click: { active: click, lapsed: thousandths(click * LAPSED.click) },
  orderIfClicked,
});

const message = (subject: string | null, body: string, engagement: Engagement): DemoMessage => ({ subject, body, engagement });
const arm = (name: string, share: number, m: DemoMessage): SendingArm => ({ name, share, message: m });
const single = (m: DemoMessage): [SendingArm] => [arm('A', 1, m)];
const holdout = (share: number): DemoArm => ({ name: HOLDOUT_ARM, share, message: null });
const STOP = 'Reply STOP to opt out';

export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  {
    id: 1,
    externalId: 'CMP-2024-01-WINTER',
    name: 'Winter sale',
    channel: 'email',
    goal: 'promotion',
    sentAt: '2024-01-09T09:00:00',
    audienceShare: 1,
    discount: 0.25,
    arms: single(message(
      'Winter sale: up to 25% off throws, candles and tableware',
      'Hi {{firstName|there}},\n\nOur winter sale has started. Take 25% off cosy wool throws, soy candles and stoneware ' +
        'with the code WINTER25, while stocks last.\n\nWarm wishes,\nThe team',
      email(0.38, 0.24, 0.3),
    )),
  },
  {
    id: 2,
    externalId: 'CMP-2024-03-SPRING-LAUNCH',
    name: 'Spring collection launch',
    channel: 'email',
    goal: 'launch',
    sentAt: '2024-03-19T09:00:00',
    audienceShare: 0.9,
    discount: 0,
    arms: single(message(
      'New in: linen, ceramics and fresh spring scents',
      'Hi {{firstName|there}},\n\nThe spring collection has landed: linen napkins in Oat and Sage, speckled serving bowls ' +
        'and three new scents (Neroli, Rhubarb and Orange Blossom).\n\nHave a look before the first batch sells out.\nThe team',
      email(0.41, 0.22, 0.25),
    )),
  },
  {
    id: 3,
    externalId: 'CMP-2024-05-MOTHERS-DAY',
    name: "Mother's Day reminder",
    channel: 'sms',
    goal: 'event',
    sentAt: '2024-05-07T11:00:00',
    audienceShare: 0.8,
    discount: 0.1,
    arms: single(message(
      null,
      `{{firstName|Hi}}, Mother's Day is Sunday 12 May. Order by Thursday for delivery in time and take 10% off with ` +
        `MOM10: https://shop.example/mothersday ${STOP}`,
      sms(0.11, 0.35),
    )),
  },
  {
    id: 4,
    externalId: 'CMP-2024-06-GARDEN',
    name: 'Summer garden evenings',
    channel: 'email',
    goal: 'cross_sell',
    sentAt: '2024-06-18T19:00:00',
    audienceShare: 0.7,
    discount: 0.1,
    arms: single(message(
      'Long evenings outside? Lanterns, planters and outdoor candles',
      'Hi {{firstName|there}},\n\nYou have made your home cosy; now bring it outside. Garden lanterns, terracotta planters ' +
        'and our Eucalyptus & Mint candles belong together on a summer evening. 10% off garden pieces this week with ' +
        'GARDEN10.\n\nEnjoy the light,\nThe team',
      email(0.36, 0.2, 0.28),
    )),
  },
  {
    id: 5,
    externalId: 'CMP-2024-09-AUTUMN-SCENTS',
    name: 'Autumn scents launch',
    channel: 'email',
    goal: 'launch',
    sentAt: '2024-09-10T09:00:00',
    audienceShare: 1,
    discount: 0,
    // The question with the customer's name draws about a third more clicks: a clear winner.
    arms: [
      arm('A', 0.45, message(
        'Our autumn scents have arrived',
        'Hi {{firstName|there}},\n\nAmber Noir, Fig & Cedar and Winter Spice are back in candles, diffusers and wax melts, ' +
          'in time for the first cool evenings.\n\nThe team',
        email(0.4, 0.22, 0.3),
      )),
      arm('B', 0.45, message(
        '{{firstName|Hi}}, which autumn scent will you light first?',
        'Hi {{firstName|there}},\n\nAmber Noir, Fig & Cedar or Winter Spice? Our autumn scents are back in candles, ' +
          'diffusers and wax melts. Find your favourite before the first cool evening.\n\nThe team',
        email(0.4, 0.29, 0.3),
      )),
      holdout(0.1),
    ],
  },
  {
    id: 6,
    externalId: 'CMP-2024-11-BLACK-FRIDAY',
    name: 'Black Friday weekend',
    channel: 'email',
    goal: 'promotion',
    sentAt: '2024-11-29T07:30:00',
    audienceShare: 1,
    discount: 0.3,
    arms: single(message(
      'Black Friday: 30% off everything, this weekend only',
      'Hi {{firstName|there}},\n\nIt is here: 30% off the whole shop from today until Monday night, from candles and gift ' +
        'boxes to wool throws. The perfect moment to tick off your gift list.\n\nHappy shopping,\nThe team',
      email(0.45, 0.3, 0.35),
    )),
  },
  {
    id: 7,
    externalId: 'CMP-2024-12-LAST-ORDER',
    name: 'Last order dates for Christmas',
    channel: 'sms',
    goal: 'event',
    sentAt: '2024-12-17T12:00:00',
    audienceShare: 0.6,
    discount: 0,
    arms: single(message(
      null,
      'Last call for Christmas! Order by Thursday 19 December for delivery before the holidays: ' +
        `https://shop.example/gifts ${STOP}`,
      sms(0.13, 0.3),
    )),
  },
  {
    id: 8,
    externalId: 'CMP-2025-02-CANDLE-CARE',
    name: 'Candle care tips',
    channel: 'email',
    goal: 'retention',
    sentAt: '2025-02-11T10:00:00',
    audienceShare: 0.5,
    discount: 0,
    arms: single(message(
      'Make your candles last longer: 5 simple tips',
      'Hi {{firstName|there}},\n\nTrim the wick, let the first burn reach the edge, keep it out of a draught: our five ' +
        'tips get every hour out of your candles. And if you are running low on {{topCategory|your favourites}}, we have ' +
        'restocked.\n\nThe team',
      email(0.44, 0.14, 0.2),
    )),
  },
  {
    id: 9,
    externalId: 'CMP-2025-03-SPRING-REFRESH',
    name: 'Spring refresh promotion',
    channel: 'email',
    goal: 'promotion',
    sentAt: '2025-03-25T09:00:00',
    audienceShare: 0.8,
    discount: 0.2,
    // Three subject lines that engage alike: an experiment without a winner.
    arms: [
      arm('A', 0.3, message(
        'Spring is here: 20% off fresh scents for your home',
        'Hi {{firstName|there}},\n\nThe days are getting longer, so we are bringing fresh scents and spring colours into ' +
          'the shop. This week only, take 20% off everything with the code SPRING20, from our Neroli candles to new ' +
          'linen tea towels.\n\nHappy spring,\nThe team',
        email(0.4, 0.26, 0.3),
      )),
      arm('B', 0.3, message(
        '20% off fresh spring scents, this week only',
        'Hi {{firstName|there}},\n\nNeroli, Rhubarb and Orange Blossom: our spring scents are 20% off with the code ' +
          'SPRING20 until Sunday, along with new linen tea towels in spring colours.\n\nThe team',
        email(0.4, 0.26, 0.3),
      )),
      arm('C', 0.3, message(
        '{{firstName|Hello}}, ready for a spring refresh?',
        'Hi {{firstName|there}},\n\nA new scent, a fresh tea towel, a bowl of something green: small changes make a home ' +
          'feel like spring. Take 20% off with the code SPRING20 this week.\n\nThe team',
        email(0.4, 0.26, 0.3),
      )),
      holdout(0.1),
    ],
  },
  {
    id: 10,
    externalId: 'CMP-2025-06-GARDEN-PARTY',
    name: 'Garden party picks',
    channel: 'sms',
    goal: 'cross_sell',
    sentAt: '2025-06-12T17:00:00',
    audienceShare: 0.5,
    discount: 0.1,
    arms: single(message(
      null,
      '{{firstName|Hi}}, garden party this weekend? Lanterns, planters and outdoor candles 10% off with SUMMER10: ' +
        `https://shop.example/garden ${STOP}`,
      sms(0.09, 0.3),
    )),
  },
  {
    id: 11,
    externalId: 'CMP-2025-08-WINBACK',
    name: 'Late-summer win-back',
    channel: 'email',
    goal: 'win_back',
    sentAt: '2025-08-26T18:30:00',
    audienceShare: 0.6,
    discount: 0.15,
    // The personal subject draws about 30 % more clicks; a larger holdout measures what the offer adds.
    arms: [
      arm('A', 0.4, message(
        'We miss you: here is 15% off your next order',
        'Hi {{firstName|there}},\n\nIt has been a while! Our autumn candles have just arrived and we would love to see you ' +
          'back. Use the code WELCOMEBACK15 for 15% off your next order, valid until the end of the month.\n\nWarmly,\n' +
          'The team',
        email(0.35, 0.24, 0.35),
      )),
      arm('B', 0.4, message(
        '{{firstName|Hi}}, your 15% welcome-back gift is waiting',
        'Hi {{firstName|there}},\n\nWe kept something for you: 15% off your next order with the code WELCOMEBACK15, until ' +
          'the end of the month. Our autumn candles have just arrived.\n\nWarmly,\nThe team',
        email(0.35, 0.31, 0.35),
      )),
      holdout(0.2),
    ],
  },
  {
    id: 12,
    externalId: 'CMP-2025-11-BLACK-FRIDAY',
    name: 'Black Friday 2025',
    channel: 'email',
    goal: 'promotion',
    sentAt: '2025-11-28T07:30:00',
    audienceShare: 0.9,
    discount: 0.3,
    arms: single(message(
      'Black Friday is here: 30% off the whole shop 🕯️',
      'Hi {{firstName|there}},\n\nFrom now until Cyber Monday everything is 30% off: candles, diffusers, gift boxes and ' +
        'the new winter throws. Start your gift list early and skip the December rush.\n\nThe team',
      email(0.46, 0.31, 0.35),
    )),
  },
  {
    id: 13,
    externalId: 'CMP-2026-03-SPRING-SALE',
    name: 'Spring sale',
    channel: 'email',
    goal: 'promotion',
    sentAt: '2026-03-24T09:00:00',
    audienceShare: 0.7,
    discount: 0.2,
    // Two subject lines that engage alike and no holdout.
    arms: [
      arm('A', 0.5, message(
        'Spring sale: 20% off candles, linen and ceramics',
        'Hi {{firstName|there}},\n\nOur spring sale is on: 20% off candles, linen and ceramics with the code SPRING20 ' +
          'until Sunday.\n\nHappy spring,\nThe team',
        email(0.42, 0.27, 0.3),
      )),
      arm('B', 0.5, message(
        'Fresh for spring: 20% off the things you love',
        'Hi {{firstName|there}},\n\nLonger days, lighter scents: take 20% off candles, linen and ceramics with the code ' +
          'SPRING20 until Sunday.\n\nThe team',
        email(0.42, 0.27, 0.3),
      )),
    ],
  },
  {
    id: 14,
    externalId: 'CMP-2026-06-SUMMER-SMS',
    name: 'Summer sale text',
    channel: 'sms',
    goal: 'promotion',
    sentAt: '2026-06-23T12:00:00',
    audienceShare: 0.8,
    discount: 0.2,
    // The personal text draws about a quarter more clicks.
    arms: [
      arm('A', 0.45, message(
        null,
        `Summer sale: 20% off garden and outdoor pieces until Sunday: https://shop.example/summer ${STOP}`,
        sms(0.1, 0.3),
      )),
      arm('B', 0.45, message(
        null,
        '{{firstName|Hi}}, 20% off is yours until Sunday: garden lanterns, planters and more. ' +
          `https://shop.example/summer ${STOP}`,
        sms(0.125, 0.3),
      )),
      holdout(0.1),
    ],
  },
  {
    id: 15,
    externalId: 'CMP-2026-10-LOYALTY',
    name: 'Autumn thank-you',
    channel: 'email',
    goal: 'retention',
    sentAt: '2026-10-06T10:00:00',
    audienceShare: 0.6,
    discount: 0.1,
    // Arm C, personal and about the customer's favourite category, wins; A and B engage alike.
    arms: [
      arm('A', 0.3, message(
        'A thank-you from us: 10% off this autumn',
        'Hi {{firstName|there}},\n\nThank you for being a customer. Here is 10% off your next order with the code ' +
          'THANKYOU10, valid all of October.\n\nThe team',
        email(0.41, 0.22, 0.3),
      )),
      arm('B', 0.3, message(
        'Thank you for shopping with us: a little autumn gift inside',
        'Hi {{firstName|there}},\n\nAs the evenings draw in, a small thank-you: 10% off your next order with the code ' +
          'THANKYOU10, all of October.\n\nThe team',
        email(0.41, 0.22, 0.3),
      )),
      arm('C', 0.3, message(
        '{{firstName|Hi}}, we picked these for you: 10% off this autumn',
        'Hi {{firstName|there}},\n\nOur autumn picks in {{topCategory|every corner of the shop}} have arrived, and as a ' +
          'thank-you you get 10% off with the code THANKYOU10, all of October.\n\nThe team',
        email(0.41, 0.28, 0.3),
      )),
      holdout(0.1),
    ],
  },
];

/** An experiment has more than one arm (the holdout counts as one); a plain send has one message for everybody. */
export const isExperiment = (campaign: DemoCampaign): boolean => campaign.arms.length > 1;

/** The campaign row's own subject and body: the first arm's, as a list of campaigns shows them. */
export const headlineMessage = (campaign: DemoCampaign): DemoMessage => campaign.arms[0].message;

function planOf(campaign: DemoCampaign): CampaignPlan {
  return {
    sendTime: timeOf(campaign.sentAt),
    needsPhone: campaign.channel === 'sms',
    audienceShare: campaign.audienceShare,
    bounce: BOUNCE[campaign.channel],
    arms: campaign.arms.map((arm) => ({ share: arm.share, engagement: arm.message?.engagement ?? null })),
    orderDelayDays: ORDER_DELAY_DAYS[campaign.channel],
  };
}

export const CAMPAIGN_PLANS: readonly CampaignPlan[] = DEMO_CAMPAIGNS.map(planOf);
