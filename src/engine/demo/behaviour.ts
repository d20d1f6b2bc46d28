import { DAYS_PER_YEAR, nextArrival, type Seasonality } from './calendar';
import { bernoulli, beta, exponential, gamma, type Rng } from '../kernel/random';
import { COUNTRY_CODES, COUNTRY_RATE_EFFECTS, type CustomerTraits } from './people';

/**
 * Buy-till-you-die purchasing as in the BG/NBD model (Fader, Hardie and Lee 2005), with seasonality and marketing.
 * The generate.ts header lists every driver of behaviour; the numbers live here and are saved with the workspace.
 */
export const PROCESS = {
  /** Purchase rate λ (orders a year while active) ~ Gamma(shape r, rate α) before trait effects; α is in years, so
   * the mean rate is r / α ≈ 4.3 orders a year, but the median customer's is far lower (the shape is small). */
  r: 0.3,
  alpha: 0.07,
  /** Drop-out probability after each repeat order p ~ Beta(a, b). */
  dropoutA: 0.9,
  dropoutB: 2.2,
  /** Holiday-acquired customers draw p from Beta(a, b × this): they are more often one-season gift buyers. */
  holidayDropoutBFactor: 0.55,
  /** After an order with a bad experience (an item sent back or a review of 1–2 stars) the customer leaves with
   * probability p + (1 − p) × this, even after the first order. */
  badExperienceDropout: 0.35,
  /** Multipliers of λ by observable trait (λ stays Gamma distributed within every group). */
  rateEffects: {
    country: COUNTRY_RATE_EFFECTS,
    acceptsMarketing: 1.2,
    appUser: 1.4,
  },
} as const;

export type ProcessParameters = typeof PROCESS;

/** What the model hides: a customer's own purchase rate and drop-out probability. */
export type Latent = { ratePerYear: number; dropout: number };

/** The trait multiplier of a customer's purchase rate. */
export function rateMultiplier(traits: CustomerTraits): number {
  const effects = PROCESS.rateEffects;
  const country = effects.country[COUNTRY_CODES[traits.country] ?? ''] ?? 1;
  return country * (traits.acceptsMarketing ? effects.acceptsMarketing : 1) * (traits.appUser ? effects.appUser : 1);
}

export function drawLatent(rng: Rng, traits: CustomerTraits): Latent {
  const base = gamma(rng, PROCESS.r, 1 / PROCESS.alpha);
  const b = PROCESS.dropoutB * (traits.holidayAcquired ? PROCESS.holidayDropoutBFactor : 1);
  return { ratePerYear: base * rateMultiplier(traits), dropout: beta(rng, PROCESS.dropoutA, b) };
}

/** A rate for customers still active and for those who have quietly left. */
export type Rates = { active: number; lapsed: number };

/**
 * How one message engages. Opens: null for SMS, which reports none. Clicks: given an open for email, given delivery
 * for SMS. Only a customer still active can order because of a click (on top of their own rhythm).
 */
export type Engagement = { open: Rates | null; click: Rates; orderIfClicked: number };

/** A group of a send's audience: its planned share, and its message (null for a holdout, which receives nothing). */
export type ArmPlan = { share: number; engagement: Engagement | null };

/** A send as the purchasing process sees it: one arm for a plain send, several for an experiment. */
export type CampaignPlan = {
  sendTime: number;
  /** SMS needs a phone number as well as marketing consent. */
  needsPhone: boolean;
  /** Share of the reachable customers (consenting, signed up before the send) drawn into the audience. */
  audienceShare: number;
  /** Chance that a message sent does not arrive (a bounce): no open, no click. */
  bounce: number;
  arms: readonly ArmPlan[];
  /** Mean delay in days from the send to an order a click prompted. */
  orderDelayDays: number;
};

/**
 * How a customer met one send: null when they were not in its audience. `sent` is false for the holdout, who
 * received nothing; `delivered` is false for a bounce.
 */
export type CampaignTouch = {
  arm: number;
  sent: boolean;
  delivered: boolean;
  active: boolean;
  opened: boolean;
  clicked: boolean;
} | null;

export type CustomerInput = { signup: number; latent: Latent; acceptsMarketing: boolean; hasPhone: boolean };

export type Timeline = {
  /** Time of the order after which the customer left, or null when still active at the end. */
  droppedOutAt: number | null;
  orders: number;
  touches: CampaignTouch[];
};

/**
 * Called for each order in time order with the campaign that caused it (-1 for none); returns true when the order
 * went badly for the customer (they returned something or reviewed it poorly).
 */
export type OrderHook = (time: number, campaign: number) => boolean;

/**
 * Runs one customer's life from sign-up (their first order) to `end`: repeat orders as a seasonal Poisson process,
 * a drop-out coin after each, campaign sends in between. Orders are handed to `onOrder` as they happen.
 */
export function simulateCustomer(
  rng: Rng,
  season: Seasonality,
  customer: CustomerInput,
  campaigns: readonly CampaignPlan[],
  end: number,
  onOrder: OrderHook,
): Timeline {
  const { signup, latent } = customer;
  const ratePerDay = latent.ratePerYear / DAYS_PER_YEAR;
  const touches: CampaignTouch[] = campaigns.map(() => null);
  let orders = 1;
  let droppedOutAt: number | null = leavesAfter(rng, latent.dropout, onOrder(signup, -1), true) ? signup : null;
  let natural = droppedOutAt === null ? nextArrival(rng, season, ratePerDay, signup, end) : Infinity;
  let prompted = Infinity;
  let promptedBy = -1;
  let nextSend = campaigns.findIndex((c) => c.sendTime > signup);
  if (nextSend < 0) nextSend = campaigns.length;

  while (droppedOutAt === null) {
    const send = campaigns[nextSend]?.sendTime ?? Infinity;
    const now = Math.min(natural, prompted, send);
    if (now >= end) break;
    if (now === send) {
      const plan = campaigns[nextSend] as CampaignPlan;
      const touch = receive(rng, plan, customer, true);
      touches[nextSend] = touch;
      if (touch?.clicked && bernoulli(rng, plan.arms[touch.arm]?.engagement?.orderIfClicked ?? 0)) {
        prompted = Math.min(prompted, send + promptDelay(rng, plan.orderDelayDays));
        promptedBy = nextSend;
      }
      nextSend++;
      continue;
    }
    const campaign = now === prompted ? promptedBy : -1;
    if (now === prompted) prompted = Infinity;
    else natural = nextArrival(rng, season, ratePerDay, now, end);
    orders++;
    if (leavesAfter(rng, latent.dropout, onOrder(now, campaign), false)) droppedOutAt = now;
  }
  // Sends after the customer left (or after the end of their story) still reach their inbox.
  for (; nextSend < campaigns.length; nextSend++) {
    const plan = campaigns[nextSend] as CampaignPlan;
    if (plan.sendTime < end) touches[nextSend] = receive(rng, plan, customer, droppedOutAt === null);
  }
  return { droppedOutAt, orders, touches };
}

/** The drop-out coin: BG/NBD's p after repeat orders, raised by a bad experience, which alone can end a first order. */
function leavesAfter(rng: Rng, dropout: number, badExperience: boolean, firstOrder: boolean): boolean {
  const base = firstOrder ? 0 : dropout;
  const p = badExperience ? base + (1 - base) * PROCESS.badExperienceDropout : base;
  return p > 0 && bernoulli(rng, p);
}

/**
 * Whether the customer is in the send's audience (reachable, then a seeded share of those), which arm they are in,
 * and, unless that is the holdout, how the message went.
 */
function receive(rng: Rng, plan: CampaignPlan, customer: CustomerInput, active: boolean): CampaignTouch {
  if (!customer.acceptsMarketing || (plan.needsPhone && !customer.hasPhone)) return null;
  if (plan.audienceShare < 1 && !bernoulli(rng, plan.audienceShare)) return null;
  const arm = plan.arms.length > 1 ? drawArm(rng, plan.arms) : 0;
  const engagement = plan.arms[arm]?.engagement ?? null;
  if (engagement === null) return { arm, sent: false, delivered: false, active, opened: false, clicked: false };
  if (plan.bounce > 0 && bernoulli(rng, plan.bounce)) return { arm, sent: true, delivered: false, active, opened: false, clicked: false };
  const pick = (rates: Rates): number => (active ? rates.active : rates.lapsed);
  const opened = engagement.open !== null && bernoulli(rng, pick(engagement.open));
  const clicked = (engagement.open === null || opened) && bernoulli(rng, pick(engagement.click));
  return { arm, sent: true, delivered: true, active, opened, clicked };
}

/** An arm by its planned share (the shares add up to 1). */
function drawArm(rng: Rng, arms: readonly ArmPlan[]): number {
  let u = rng();
  for (let a = 0; a < arms.length - 1; a++) {
    u -= (arms[a] as ArmPlan).share;
    if (u < 0) return a;
  }
  return arms.length - 1;
}

/** Days from send to a prompted order: exponential, kept inside the 7-day window a campaign is credited for. */
function promptDelay(rng: Rng, meanDays: number): number {
  let delay: number;
  do delay = exponential(rng, 1 / meanDays);
  while (delay >= 6.5);
  return delay;
}
