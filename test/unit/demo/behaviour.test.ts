import { describe, expect, it } from 'vitest';
import {
  PROCESS,
  drawLatent,
  rateMultiplier,
  simulateCustomer,
  type CampaignPlan,
  type CustomerInput,
  type Latent,
  type OrderHook,
  type Timeline,
} from '../../../src/engine/demo/behaviour';
import { DAYS_PER_YEAR, WINDOW_DAYS, buildSeasonality, monthAt } from '../../../src/engine/demo/calendar';
import { COUNTRY_CODES, type CustomerTraits } from '../../../src/engine/demo/people';
import { createRng, type Rng } from '../../../src/engine/kernel/random';

const season = buildSeasonality();
const fine: OrderHook = () => false;
const RUNS = 4000;
const home: CustomerTraits = {
  country: COUNTRY_CODES.indexOf('NL'),
  acceptsMarketing: false,
  appUser: false,
  holidayAcquired: false,
};

/** One customer from the window's first day to its end, without email unless campaigns are given. */
const life = (rng: Rng, latent: Latent, onOrder: OrderHook = fine): Timeline =>
  simulateCustomer(rng, season, { signup: 0, latent, acceptsMarketing: false, hasPhone: false }, [], WINDOW_DAYS, onOrder);

const meanOf = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('BG/NBD purchasing process', () => {
  it('without drop-out, orders follow the seasonal Poisson process: 1 + λT on average, variance λT', () => {
    const rng = createRng(1);
    const rate = 4;
    const counts = Array.from({ length: RUNS }, () => life(rng, { ratePerYear: rate, dropout: 0 }).orders);
    const expected = rate * (WINDOW_DAYS / DAYS_PER_YEAR);
    expect(Math.abs(meanOf(counts) - 1 - expected)).toBeLessThan(5 * Math.sqrt(expected / RUNS));
    const variance = meanOf(counts.map((c) => (c - 1 - expected) ** 2));
    expect(variance / expected).toBeGreaterThan(0.85);
    expect(variance / expected).toBeLessThan(1.15);
  });

  it('drops out after each repeat order with probability p: a fast buyer makes 1 + 1/p orders on average', () => {
    const rng = createRng(2);
    const p = 0.4;
    const runs = Array.from({ length: RUNS }, () => life(rng, { ratePerYear: 2000, dropout: p }));
    expect(runs.every((r) => r.droppedOutAt !== null)).toBe(true);
    const repeats = runs.map((r) => r.orders - 1);
    expect(Math.abs(meanOf(repeats) - 1 / p)).toBeLessThan(5 * Math.sqrt((1 - p) / (p * p) / RUNS));
    // Textbook BG/NBD: nobody leaves straight after the first order unless it went badly.
    expect(repeats.every((k) => k >= 1)).toBe(true);
  });

  it('a bad experience can end the story even after the first order', () => {
    const rng = createRng(3);
    const badly: OrderHook = () => true;
    const runs = Array.from({ length: RUNS }, () => life(rng, { ratePerYear: 2000, dropout: 0 }, badly));
    const oneOff = runs.filter((r) => r.orders === 1).length;
    const q = PROCESS.badExperienceDropout;
    expect(Math.abs(oneOff / RUNS - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / RUNS));
  });

  // Compared at equal purchase rates: in BG/NBD only repeat buyers can drop out, so across all rates the early
  // leavers are the keen buyers and the "still active" include everyone who never came back at all.
  it('at equal purchase rates, those who dropped out in their first year ordered far less than those still active', () => {
    const rng = createRng(4);
    const early: number[] = [];
    const active: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const latent = { ...drawLatent(rng, home), ratePerYear: 5 };
      const run = life(rng, latent);
      if (run.droppedOutAt === null) active.push(run.orders);
      else if (run.droppedOutAt < DAYS_PER_YEAR) early.push(run.orders);
    }
    expect(early.length).toBeGreaterThan(1000);
    expect(active.length).toBeGreaterThan(1000);
    expect(meanOf(early) * 3).toBeLessThan(meanOf(active));
  });

  it('orders more in November–December than in June–August, per day', () => {
    const rng = createRng(5);
    const byMonth = new Array<number>(12).fill(0);
    const hook: OrderHook = (t) => {
      byMonth[monthAt(t)]! += 1;
      return false;
    };
    for (let i = 0; i < 2000; i++) life(rng, { ratePerYear: 6, dropout: 0 }, hook);
    const perDay = (months: number[], days: number): number =>
      months.reduce((s, m) => s + (byMonth[m] as number), 0) / days;
    expect(perDay([10, 11], 61) / perDay([5, 6, 7], 92)).toBeGreaterThan(1.5);
  });
});

describe('latent traits', () => {
  it('draws λ from Gamma(r, α) scaled by the observable traits, and holiday buyers leave sooner', () => {
    const rng = createRng(6);
    const loyal: CustomerTraits = { ...home, acceptsMarketing: true, appUser: true };
    const rates = Array.from({ length: 100_000 }, () => drawLatent(rng, loyal).ratePerYear);
    const mean = (PROCESS.r / PROCESS.alpha) * rateMultiplier(loyal);
    const sd = (Math.sqrt(PROCESS.r) / PROCESS.alpha) * rateMultiplier(loyal);
    expect(Math.abs(meanOf(rates) - mean)).toBeLessThan((5 * sd) / Math.sqrt(rates.length));
    expect(rateMultiplier(loyal)).toBeCloseTo(PROCESS.rateEffects.acceptsMarketing * PROCESS.rateEffects.appUser, 10);

    const p = (traits: CustomerTraits): number =>
      meanOf(Array.from({ length: 50_000 }, () => drawLatent(rng, traits).dropout));
    const a = PROCESS.dropoutA;
    expect(p(home)).toBeCloseTo(a / (a + PROCESS.dropoutB), 2);
    const holidayB = PROCESS.dropoutB * PROCESS.holidayDropoutBFactor;
    expect(p({ ...home, holidayAcquired: true })).toBeCloseTo(a / (a + holidayB), 2);
  });
});

describe('campaign sends inside the process', () => {
  const message = { open: { active: 0.5, lapsed: 0.1 }, click: { active: 0.4, lapsed: 0.1 }, orderIfClicked: 0.5 };
  const plan: CampaignPlan = {
    sendTime: 500.375,
    needsPhone: false,
    audienceShare: 1,
    bounce: 0,
    arms: [{ share: 1, engagement: message }],
    orderDelayDays: 1,
  };
  const latent = { ratePerYear: 3, dropout: 0.2 };
  const reached = { signup: 10, latent, acceptsMarketing: true, hasPhone: true };

  it('reaches only consenting customers who signed up before the send, and SMS only those with a phone', () => {
    const rng = createRng(7);
    const touches = (customer: CustomerInput, campaign = plan): unknown[] =>
      simulateCustomer(rng, season, customer, [campaign], WINDOW_DAYS, fine).touches;
    expect(touches({ ...reached, acceptsMarketing: false })).toEqual([null]);
    expect(touches({ ...reached, signup: 600 })).toEqual([null]);
    expect(touches(reached)[0]).not.toBeNull();
    const text: CampaignPlan = { ...plan, needsPhone: true };
    expect(touches({ ...reached, hasPhone: false }, text)).toEqual([null]);
    expect(touches(reached, text)[0]).not.toBeNull();
  });

  it('draws a seeded share of the reachable into the audience, splits it by the arms’ shares, sends the holdout nothing', () => {
    const rng = createRng(9);
    const better = { ...message, click: { active: 0.6, lapsed: 0.15 } };
    const experiment: CampaignPlan = {
      ...plan,
      audienceShare: 0.6,
      bounce: 0.05,
      arms: [{ share: 0.45, engagement: message }, { share: 0.45, engagement: better }, { share: 0.1, engagement: null }],
    };
    const n = 20_000;
    const members = [0, 0, 0];
    const sent = [0, 0, 0];
    const clicks = [0, 0, 0];
    let bounced = 0;
    let prompted = 0;
    for (let i = 0; i < n; i++) {
      const hook: OrderHook = (_t, campaign) => {
        if (campaign === 0) prompted++;
        return false;
      };
      const touch = simulateCustomer(rng, season, reached, [experiment], WINDOW_DAYS, hook).touches[0];
      if (!touch) continue;
      members[touch.arm] = (members[touch.arm] as number) + 1;
      if (touch.sent) sent[touch.arm] = (sent[touch.arm] as number) + 1;
      if (touch.clicked) clicks[touch.arm] = (clicks[touch.arm] as number) + 1;
      if (touch.sent && !touch.delivered) {
        bounced++;
        expect(touch.opened || touch.clicked).toBe(false);
      }
    }
    const audience = members.reduce((s, m) => s + m, 0);
    expect(audience / n).toBeCloseTo(0.6, 1);
    expect((members[2] as number) / audience).toBeCloseTo(0.1, 1);
    expect(sent[2]).toBe(0);
    expect(clicks[2]).toBe(0);
    expect(bounced / (audience - (members[2] as number))).toBeCloseTo(0.05, 1);
    // Arm B's message draws half as many clicks again as arm A's, among the same kind of customers.
    const rate = (a: number): number => (clicks[a] as number) / (members[a] as number);
    expect(rate(1) / rate(0)).toBeGreaterThan(1.3);
    expect(prompted).toBeGreaterThan(0);
  });

  it('reports no opens for SMS but clicks on its link', () => {
    const rng = createRng(10);
    const text: CampaignPlan = { ...plan, needsPhone: true, arms: [{ share: 1, engagement: { ...message, open: null } }] };
    const touches = Array.from({ length: 2000 }, () => simulateCustomer(rng, season, reached, [text], WINDOW_DAYS, fine).touches[0]);
    expect(touches.some((t) => t?.opened)).toBe(false);
    expect(touches.filter((t) => t?.clicked).length).toBeGreaterThan(200);
  });

  it('active customers engage more; clicks prompt orders within the week, credited to the campaign', () => {
    const rng = createRng(8);
    const seen = { active: 0, activeOpened: 0, lapsed: 0, lapsedOpened: 0, prompted: 0, promptedLate: 0 };
    for (let i = 0; i < 20_000; i++) {
      const hook: OrderHook = (t, campaign) => {
        if (campaign === 0) {
          seen.prompted++;
          if (t < plan.sendTime || t >= plan.sendTime + 7) seen.promptedLate++;
        }
        return false;
      };
      const customer = { signup: 100, latent: { ratePerYear: 2, dropout: 0.5 }, acceptsMarketing: true, hasPhone: false };
      const touch = simulateCustomer(rng, season, customer, [plan], WINDOW_DAYS, hook).touches[0];
      if (!touch) continue;
      if (touch.active) seen.active++;
      else seen.lapsed++;
      if (touch.opened && touch.active) seen.activeOpened++;
      if (touch.opened && !touch.active) seen.lapsedOpened++;
    }
    expect(seen.active).toBeGreaterThan(2000);
    expect(seen.lapsed).toBeGreaterThan(2000);
    expect(seen.activeOpened / seen.active).toBeCloseTo(message.open.active, 1);
    expect(seen.lapsedOpened / seen.lapsed).toBeCloseTo(message.open.lapsed, 1);
    expect(seen.prompted).toBeGreaterThan(0);
    expect(seen.promptedLate).toBe(0);
  });
});
