import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOLDOUT_ARM } from '../../../src/shared/campaign-schemas';
import type { DemoResult } from '../../../src/shared/contract';
import { copyGoals } from '../../../src/shared/copy-schemas';
import { findTokens } from '../../../src/shared/copy-text';
import { AppError } from '../../../src/shared/errors';
import { readSetting } from '../../../src/engine/db/settings-repo';
import { readStats } from '../../../src/engine/db/stats-repo';
import { readSettings } from '../../../src/engine/workspace/settings';
import { PROCESS } from '../../../src/engine/demo/behaviour';
import { DEMO_CAMPAIGNS, isExperiment } from '../../../src/engine/demo/campaigns';
import type { CategoryName } from '../../../src/engine/demo/catalogue';
import { DEMO_END_DATE, DEMO_GENERATOR_VERSION, DEMO_START_DATE, generateDemo } from '../../../src/engine/demo/generate';
import { REVIEW_PHRASES } from '../../../src/engine/demo/review-text';
import { RECORD_TABLES, count, digestTables, recordingControl, rows, tempWorkspace, type RecordingControl, type TempWorkspace } from './helpers';

const END = `${DEMO_END_DATE}T23:59:59`;
const plusDays = (timestamp: string, days: number): string =>
  new Date(Date.parse(`${timestamp}Z`) + days * 86_400_000).toISOString().slice(0, 19);

describe('a generated demo shop (3,000 customers)', () => {
  let tw: TempWorkspace;
  let result: DemoResult;
  let control: RecordingControl;

  beforeAll(async () => {
    tw = await tempWorkspace();
    control = recordingControl();
    result = generateDemo(tw.db, { customers: 3000, seed: 11 }, control);
  });
  afterAll(() => tw.dispose());

  it('reports the counts the tables actually hold', () => {
    const stats = readStats(tw.db);
    expect(result).toEqual({
      customers: stats.customers,
      products: stats.products,
      orders: stats.orders,
      orderLines: stats.orderLines,
      returns: stats.returns,
      reviews: stats.reviews,
      campaigns: stats.campaigns,
      campaignResults: stats.campaignResults,
      seconds: result.seconds,
    });
    expect(result.customers).toBe(3000);
    expect(result.campaigns).toBe(DEMO_CAMPAIGNS.length);
    expect(result.seconds).toBeGreaterThan(0);
    expect(stats.linesWithoutCustomer).toBe(0);
    expect(stats.revenue).toBeGreaterThan(0);
  });

  it('sets the workspace currency to EUR and saves the recipe as the demo setting', () => {
    expect(readSetting(tw.db, 'currency')).toBe('EUR');
    expect(readSettings(tw.db).currency).toBe('EUR');
    const demo = readSetting(tw.db, 'demo') as Record<string, unknown>;
    expect(demo).toMatchObject({ seed: 11, customers: 3000, endDate: DEMO_END_DATE, startDate: DEMO_START_DATE });
    expect(demo.process).toEqual(JSON.parse(JSON.stringify(PROCESS)));
    expect(demo.generatorVersion).toBe(DEMO_GENERATOR_VERSION);
    const campaigns = demo.campaigns as Array<{ externalId: string; audienceShare: number; arms: Array<{ name: string; share: number; holdout: boolean }> }>;
    expect(campaigns.map((c) => c.externalId)).toEqual(DEMO_CAMPAIGNS.map((c) => c.externalId));
    expect(campaigns.map((c) => c.arms.map((a) => [a.name, a.share, a.holdout]))).toEqual(
      DEMO_CAMPAIGNS.map((c) => c.arms.map((a) => [a.name, a.share, a.message === null])),
    );
  });

  it('has eight categories of 12–25 products with unique SKUs and a realistic price spread', () => {
    const categories = rows<{ category: string; n: number }>(tw.db, 'SELECT category, count(*) AS n FROM products GROUP BY category');
    expect(categories).toHaveLength(8);
    for (const c of categories) expect(c.n).toBeGreaterThanOrEqual(12);
    for (const c of categories) expect(c.n).toBeLessThanOrEqual(25);
    const prices = rows<{ price: number }>(tw.db, 'SELECT price FROM products').map((p) => p.price);
    expect(Math.min(...prices)).toBeLessThan(6);
    expect(Math.max(...prices)).toBeGreaterThan(50);
    for (const p of prices) expect(Math.round(p * 100) / 100).toBe(p);
  });

  it('has customers with plausible identities, a home market and growing sign-ups', () => {
    const people = rows<{ id: number; external_id: string; email: string; signup_date: string; created_at: string; country: string }>(
      tw.db,
      'SELECT id, external_id, email, signup_date, created_at, country FROM customers ORDER BY id',
    );
    for (const p of people) {
      expect(p.external_id).toBe(`C${String(p.id).padStart(6, '0')}`);
      expect(p.email).toMatch(new RegExp(`^[a-z][a-z._]*${p.id}@example\\.(com|net|org)$`));
      expect(p.created_at.slice(0, 10)).toBe(p.signup_date);
      expect(p.signup_date >= DEMO_START_DATE && p.signup_date <= DEMO_END_DATE).toBe(true);
    }
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
    const nl = people.filter((p) => p.country === 'NL').length / people.length;
    expect(nl).toBeGreaterThan(0.45);
    expect(nl).toBeLessThan(0.65);
    const optIn = count(tw.db, 'SELECT avg(accepts_marketing) * 1000 AS n FROM customers') / 1000;
    expect(optIn).toBeGreaterThan(0.75);
    expect(optIn).toBeLessThan(0.85);
    const firstYear = people.filter((p) => p.signup_date < '2024-11-01').length;
    const lastYear = people.filter((p) => p.signup_date >= '2025-11-01').length;
    expect(lastYear).toBeGreaterThan(1.8 * firstYear);
  });

  it('gives every order lines and every line a product, inside the history window', () => {
    const timestamp = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]';
    // Each entry counts rows that break a rule; all must be zero.
    const broken: Record<string, string> = {
      'orders without lines': 'orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)',
      'lines without a product': 'order_lines l LEFT JOIN products p ON p.id = l.product_id WHERE p.id IS NULL',
      'orders outside the window': `orders WHERE ordered_at < '${DEMO_START_DATE}' OR ordered_at > '${END}'`,
      'badly formed order times': `orders WHERE ordered_at NOT GLOB '${timestamp}'`,
      'other currency or channel': "orders WHERE currency <> 'EUR' OR channel NOT IN ('web', 'app')",
      'order country differs': 'orders o JOIN customers c ON c.id = o.customer_id WHERE o.country <> c.country',
      // Sales at list price or marked down, never above it, and never free.
      'sale lines priced wrong': `order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
        WHERE o.kind = 'sale' AND (l.quantity < 1 OR l.unit_price <= 0 OR l.unit_price > p.price)`,
      // The first order is placed at sign-up.
      'first order not at sign-up': `customers c WHERE c.created_at <>
        (SELECT min(ordered_at) FROM orders o WHERE o.customer_id = c.id AND o.kind = 'sale')`,
    };
    for (const [rule, from] of Object.entries(broken)) expect(count(tw.db, `SELECT count(*) AS n FROM ${from}`), rule).toBe(0);
  });

  it('makes returns of a few percent of sales: later, negative, of items the same customer bought, at the price paid', () => {
    const sales = count(tw.db, "SELECT count(*) AS n FROM orders WHERE kind = 'sale'");
    expect(result.returns / sales).toBeGreaterThan(0.02);
    expect(result.returns / sales).toBeLessThan(0.1);
    expect(
      count(tw.db, `SELECT count(*) AS n FROM orders r LEFT JOIN orders s ON s.id = r.returns_order_id
                    WHERE r.kind = 'return' AND (s.id IS NULL OR s.kind <> 'sale' OR s.customer_id <> r.customer_id
                      OR r.ordered_at <= s.ordered_at OR r.external_id NOT GLOB 'R[0-9]*')`),
    ).toBe(0);
    expect(count(tw.db, "SELECT count(*) AS n FROM orders WHERE kind = 'sale' AND returns_order_id IS NOT NULL")).toBe(0);
    expect(
      count(tw.db, `SELECT count(*) AS n FROM order_lines rl JOIN orders r ON r.id = rl.order_id
                    WHERE r.kind = 'return' AND (rl.quantity >= 0 OR NOT EXISTS (
                      SELECT 1 FROM order_lines sl WHERE sl.order_id = r.returns_order_id AND sl.product_id = rl.product_id
                        AND sl.unit_price = rl.unit_price AND sl.quantity >= -rl.quantity))`),
    ).toBe(0);
  });

  it('writes reviews after the order, of a product in it, with stars that agree with returns and text that agrees with stars', () => {
    const sales = count(tw.db, "SELECT count(*) AS n FROM orders WHERE kind = 'sale'");
    expect(result.reviews / sales).toBeGreaterThan(0.08);
    expect(result.reviews / sales).toBeLessThan(0.18);
    expect(
      count(tw.db, `SELECT count(*) AS n FROM reviews v JOIN orders o ON o.id = v.order_id
                    WHERE o.kind <> 'sale' OR v.customer_id <> o.customer_id OR v.reviewed_at <= o.ordered_at OR v.reviewed_at > '${END}'
                      OR NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.product_id = v.product_id)`),
    ).toBe(0);
    const stars = rows<{ returned: number; mean: number; n: number }>(
      tw.db,
      `SELECT EXISTS (SELECT 1 FROM orders r JOIN order_lines rl ON rl.order_id = r.id
                      WHERE r.returns_order_id = v.order_id AND rl.product_id = v.product_id) AS returned,
              avg(v.rating) AS mean, count(*) AS n
       FROM reviews v GROUP BY returned ORDER BY returned`,
    );
    const kept = stars.find((s) => s.returned === 0);
    const returned = stars.find((s) => s.returned === 1);
    expect(returned?.n).toBeGreaterThan(20);
    expect(returned?.mean).toBeLessThan(2.2);
    expect(kept?.mean).toBeGreaterThan(3.9);

    const reviews = rows<{ rating: number; title: string; body: string; name: string; category: CategoryName }>(
      tw.db,
      'SELECT v.rating, v.title, v.body, p.name, p.category FROM reviews v JOIN products p ON p.id = v.product_id',
    );
    for (const v of reviews) {
      const phrases = REVIEW_PHRASES[v.category];
      const tone = v.rating >= 4 ? phrases.praise : v.rating === 3 ? phrases.mixed : phrases.complaint;
      expect(tone.some((phrase) => v.body.includes(phrase))).toBe(true);
      expect(v.body).toContain(v.name);
      expect(v.title.length).toBeGreaterThan(3);
    }
  });

  it('has at least 12 past email and SMS campaigns with copy, goals of the copy studio and a few weeks to spare', () => {
    const campaigns = rows<{ channel: string; goal: string; sent_at: string; subject: string | null; body: string; status: string | null }>(
      tw.db,
      'SELECT channel, goal, sent_at, subject, body, status FROM campaigns ORDER BY sent_at',
    );
    expect(campaigns.length).toBeGreaterThanOrEqual(12);
    expect(new Set(campaigns.map((c) => c.channel))).toEqual(new Set(['email', 'sms']));
    for (const c of campaigns) {
      expect(copyGoals).toContain(c.goal);
      expect(c.status).toBeNull();
      expect(c.subject === null).toBe(c.channel === 'sms');
      // Personalisation as the copy studio writes it: known tokens only, never the old `{first_name}`.
      expect(findTokens(`${c.subject ?? ''} ${c.body}`).every((t) => t.known)).toBe(true);
      expect(c.body).not.toMatch(/\{[a-z_]+\}/);
    }
    expect(campaigns.filter((c) => findTokens(c.body).length > 0).length).toBeGreaterThan(campaigns.length / 2);
    const start = `${DEMO_START_DATE}T00:00:00`;
    for (const year of [0, 1, 2]) {
      const inYear = campaigns.filter((c) => c.sent_at >= plusDays(start, 365 * year) && c.sent_at < plusDays(start, 365 * (year + 1)));
      expect(inYear.length, `year ${year + 1}`).toBeGreaterThanOrEqual(3);
    }
    const last = campaigns.at(-1)?.sent_at ?? '';
    expect(last < plusDays(`${DEMO_END_DATE}T00:00:00`, -14)).toBe(true);
    expect(last > plusDays(`${DEMO_END_DATE}T00:00:00`, -60)).toBe(true);
  });

  it('sends each campaign to a seeded share of the customers who had opted in before it (SMS: with a phone)', () => {
    for (const c of DEMO_CAMPAIGNS) {
      const phone = c.channel === 'sms' ? 'AND phone IS NOT NULL' : '';
      const eligible = count(tw.db, `SELECT count(*) AS n FROM customers WHERE accepts_marketing = 1 AND created_at < ? ${phone}`, c.sentAt);
      const audience = isExperiment(c)
        ? count(tw.db, 'SELECT count(*) AS n FROM campaign_assignments WHERE campaign_id = ?', c.id)
        : count(tw.db, 'SELECT count(*) AS n FROM campaign_results WHERE campaign_id = ?', c.id);
      const wrong = count(
        tw.db,
        `SELECT count(*) AS n FROM campaign_results r JOIN customers k ON k.id = r.customer_id
         WHERE r.campaign_id = ? AND (k.accepts_marketing <> 1 OR k.created_at >= ? OR (? = 'sms' AND k.phone IS NULL)
           OR r.sent <> 1 OR r.delivered NOT IN (0, 1) OR r.clicked > r.delivered OR r.opened > r.delivered
           OR (? = 'email' AND r.clicked > r.opened) OR (? = 'sms' AND r.opened <> 0))`,
        c.id,
        c.sentAt,
        c.channel,
        c.channel,
        c.channel,
      );
      expect(wrong, c.externalId).toBe(0);
      // Binomial: within five standard deviations of the planned share.
      const sd = Math.sqrt(eligible * c.audienceShare * (1 - c.audienceShare));
      expect(Math.abs(audience - eligible * c.audienceShare), c.externalId).toBeLessThanOrEqual(5 * sd + 1e-9);
      if (c.audienceShare === 1) expect(audience).toBe(eligible);
    }
    const bounced = count(tw.db, 'SELECT count(*) AS n FROM campaign_results WHERE delivered = 0');
    expect(bounced / result.campaignResults).toBeGreaterThan(0.005);
    expect(bounced / result.campaignResults).toBeLessThan(0.05);
  });

  it('keeps each experiment’s arms and holdout, puts its whole audience in one arm each, and sends the holdout nothing', () => {
    const experiments = DEMO_CAMPAIGNS.filter(isExperiment);
    expect(experiments.length).toBeGreaterThanOrEqual(4);
    expect(experiments.filter((c) => c.arms.length >= 3 + (c.arms.some((a) => a.message === null) ? 1 : 0)).length).toBeGreaterThanOrEqual(1);
    expect(experiments.filter((c) => c.arms.some((a) => a.message === null)).length).toBeGreaterThanOrEqual(3);
    const plainWithArms = count(
      tw.db,
      `SELECT count(*) AS n FROM campaigns c WHERE c.id NOT IN (${experiments.map((c) => c.id).join(', ')})
         AND (EXISTS (SELECT 1 FROM campaign_arms a WHERE a.campaign_id = c.id)
           OR EXISTS (SELECT 1 FROM campaign_assignments s WHERE s.campaign_id = c.id))`,
    );
    expect(plainWithArms).toBe(0);
    for (const c of experiments) {
      const arms = rows<{ arm: number; name: string; share: number; holdout: number; subject: string | null; body: string | null }>(
        tw.db,
        'SELECT arm, name, share, holdout, subject, body FROM campaign_arms WHERE campaign_id = ? ORDER BY arm',
        c.id,
      );
      expect(arms.map((a) => a.arm)).toEqual(c.arms.map((_a, i) => i));
      expect(arms.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 10);
      for (const a of arms) {
        expect(a.holdout === 1).toBe(a.name === HOLDOUT_ARM);
        expect(a.body === null).toBe(a.holdout === 1);
        expect(a.subject === null).toBe(a.holdout === 1 || c.channel === 'sms');
      }
      expect(new Set(arms.filter((a) => a.holdout === 0).map((a) => `${a.subject ?? ''}|${a.body ?? ''}`)).size).toBe(arms.filter((a) => a.holdout === 0).length);
      const members = rows<{ arm: number; n: number; results: number }>(
        tw.db,
        `SELECT s.arm, count(*) AS n, count(r.customer_id) AS results FROM campaign_assignments s
         LEFT JOIN campaign_results r ON r.campaign_id = s.campaign_id AND r.customer_id = s.customer_id
         WHERE s.campaign_id = ? GROUP BY s.arm ORDER BY s.arm`,
        c.id,
      );
      const audience = members.reduce((s, m) => s + m.n, 0);
      for (const m of members) {
        const arm = arms[m.arm];
        expect(m.results, `${c.externalId} arm ${m.arm}`).toBe(arm?.holdout === 1 ? 0 : m.n);
        const sd = Math.sqrt(audience * (arm?.share ?? 0) * (1 - (arm?.share ?? 0)));
        expect(Math.abs(m.n - audience * (arm?.share ?? 0))).toBeLessThanOrEqual(5 * sd);
      }
      // Every result row belongs to a member of a sending arm.
      expect(
        count(
          tw.db,
          `SELECT count(*) AS n FROM campaign_results r WHERE r.campaign_id = ? AND NOT EXISTS (
             SELECT 1 FROM campaign_assignments s JOIN campaign_arms a ON a.campaign_id = s.campaign_id AND a.arm = s.arm
             WHERE s.campaign_id = r.campaign_id AND s.customer_id = r.customer_id AND a.holdout = 0)`,
          c.id,
        ),
      ).toBe(0);
    }
  });

  it('marks a send converted exactly when a sale followed within 7 days, with that sale’s revenue', () => {
    let conversions = 0;
    for (const c of DEMO_CAMPAIGNS) {
      const results = rows<{ converted: number; revenue: number; sale_revenue: number | null }>(
        tw.db,
        `SELECT r.converted, r.revenue,
                (SELECT sum(l.quantity * l.unit_price) FROM order_lines l WHERE l.order_id = (
                   SELECT o.id FROM orders o WHERE o.customer_id = r.customer_id AND o.kind = 'sale'
                     AND o.ordered_at >= ? AND o.ordered_at < ? ORDER BY o.ordered_at, o.id LIMIT 1)) AS sale_revenue
         FROM campaign_results r WHERE r.campaign_id = ?`,
        c.sentAt,
        plusDays(c.sentAt, 7),
        c.id,
      );
      for (const r of results) {
        expect(r.converted).toBe(r.sale_revenue === null ? 0 : 1);
        expect(r.revenue).toBeCloseTo(r.sale_revenue ?? 0, 2);
      }
      conversions += results.filter((r) => r.converted === 1).length;
    }
    expect(conversions).toBeGreaterThan(20);
    const byClick = rows<{ clicked: number; rate: number }>(
      tw.db,
      'SELECT clicked, avg(converted) AS rate FROM campaign_results GROUP BY clicked ORDER BY clicked',
    );
    expect((byClick[1]?.rate ?? 0) / (byClick[0]?.rate ?? 1)).toBeGreaterThan(3);
  });

  it('lets recent buyers open campaign emails more often than long-lapsed ones', () => {
    const [recent, lapsed] = ['<= 90', '> 365'].map((gap) =>
      count(
        tw.db,
        `SELECT avg(r.opened) * 1000 AS n FROM campaign_results r JOIN campaigns c ON c.id = r.campaign_id
         WHERE c.channel = 'email' AND julianday(c.sent_at) - julianday((SELECT max(o.ordered_at) FROM orders o
               WHERE o.customer_id = r.customer_id AND o.kind = 'sale' AND o.ordered_at < c.sent_at)) ${gap}`,
      ),
    ) as [number, number];
    // Recency only blurs being active (a customer may leave right after an order): about 1.2–1.3 times as often.
    expect(recent).toBeGreaterThan(1.15 * lapsed);
  });

  it('behaves like a buy-till-you-die shop: repeat buyers, one-timers, heavy buyers, lapsed customers', () => {
    const perCustomer = rows<{ n: number; last: string; signup: string }>(
      tw.db,
      `SELECT count(*) AS n, max(o.ordered_at) AS last, c.signup_date AS signup FROM customers c
       JOIN orders o ON o.customer_id = c.id AND o.kind = 'sale' GROUP BY c.id`,
    );
    expect(perCustomer).toHaveLength(3000);
    const orders = perCustomer.map((c) => c.n);
    const mean = orders.reduce((s, n) => s + n, 0) / orders.length;
    const repeat = orders.filter((n) => n > 1).length / orders.length;
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(6);
    expect(repeat).toBeGreaterThan(0.35);
    expect(repeat).toBeLessThan(0.75);
    expect(orders.filter((n) => n >= 10).length / orders.length).toBeGreaterThan(0.01);

    // Among the first year's customers, those who have not bought for over a year bought less overall.
    const firstYear = perCustomer.filter((c) => c.signup < '2024-11-01');
    const meanOf = (xs: typeof perCustomer): number => xs.reduce((s, c) => s + c.n, 0) / xs.length;
    const lapsed = firstYear.filter((c) => c.last < '2025-11-01');
    const recent = firstYear.filter((c) => c.last >= '2026-05-01');
    expect(lapsed.length).toBeGreaterThan(50);
    expect(recent.length).toBeGreaterThan(50);
    expect(meanOf(lapsed) * 2).toBeLessThan(meanOf(recent));
  });

  it('sells more per day in November–December than in summer', () => {
    const perDay = (from: string, to: string, days: number): number =>
      count(tw.db, "SELECT count(*) AS n FROM orders WHERE kind = 'sale' AND ordered_at >= ? AND ordered_at < ?", from, to) / days;
    expect(perDay('2025-11-01', '2026-01-01', 61)).toBeGreaterThan(1.3 * perDay('2025-06-01', '2025-09-01', 92));
  });

  it('reports progress through every stage, checks for cancel at least every 1,000 customers, ends at 1', () => {
    const stages = [...new Set(control.updates.map((u) => u.stage))];
    expect(stages).toEqual(['Products', 'Customers', 'Orders', 'Reviews', 'Campaigns', 'Done']);
    const fractions = control.updates.map((u) => u.fraction);
    fractions.forEach((f, i) => {
      expect(f).toBeGreaterThanOrEqual(i === 0 ? 0 : (fractions[i - 1] as number));
      expect(f).toBeLessThanOrEqual(1);
    });
    expect(fractions.at(-1)).toBe(1);
    expect(control.updates.every((u) => typeof u.rowsDone === 'number')).toBe(true);
    expect(control.checks).toBeGreaterThanOrEqual(3 * 3);
  });
});

describe('the experiments of a 20,000-customer demo shop', () => {
  let tw: TempWorkspace;
  type ArmFigures = { campaign: number; arm: number; holdout: number; members: number; clicks: number; buyers: number };
  let figures: ArmFigures[];

  beforeAll(async () => {
    tw = await tempWorkspace();
    generateDemo(tw.db, { customers: 20_000, seed: 1 }, recordingControl());
    // Per arm: its members, their clicks, and how many of them ordered within 7 days of the send (from the orders).
    figures = rows<ArmFigures>(
      tw.db,
      `SELECT s.campaign_id AS campaign, s.arm, a.holdout, count(*) AS members, coalesce(sum(r.clicked), 0) AS clicks,
              sum(EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = s.customer_id AND o.kind = 'sale'
                  AND o.ordered_at >= c.sent_at AND o.ordered_at < strftime('%Y-%m-%dT%H:%M:%S', c.sent_at, '+7 days'))) AS buyers
         FROM campaign_assignments s
         JOIN campaigns c ON c.id = s.campaign_id
         JOIN campaign_arms a ON a.campaign_id = s.campaign_id AND a.arm = s.arm
         LEFT JOIN campaign_results r ON r.campaign_id = s.campaign_id AND r.customer_id = s.customer_id
        GROUP BY s.campaign_id, s.arm`,
    );
  });
  afterAll(() => tw.dispose());

  const pooled = (arms: ArmFigures[], of: 'clicks' | 'buyers'): number =>
    arms.reduce((s, a) => s + a[of], 0) / arms.reduce((s, a) => s + a.members, 0);

  it('lets the holdout order less within the week than the arms that were sent something: the campaign’s uplift', () => {
    const sending = figures.filter((a) => a.holdout === 0 && figures.some((h) => h.campaign === a.campaign && h.holdout === 1));
    const holdouts = figures.filter((a) => a.holdout === 1);
    expect(holdouts.length).toBeGreaterThanOrEqual(3);
    expect(holdouts.every((h) => h.members > 100)).toBe(true);
    expect(pooled(sending, 'buyers')).toBeGreaterThan(1.3 * pooled(holdouts, 'buyers'));
  });

  it('lets a winning message draw more clicks than the other arms, and equal messages about the same', () => {
    const planned = (campaign: number, arm: number): number => {
      const engagement = DEMO_CAMPAIGNS.find((c) => c.id === campaign)?.arms[arm]?.message?.engagement;
      return engagement ? (engagement.open?.active ?? 1) * engagement.click.active : 0;
    };
    const sending = figures.filter((a) => a.holdout === 0);
    const campaigns = [...new Set(sending.map((a) => a.campaign))];
    const best: ArmFigures[] = [];
    const rest: ArmFigures[] = [];
    const alike: ArmFigures[][] = [];
    for (const id of campaigns) {
      const arms = sending.filter((a) => a.campaign === id);
      const top = Math.max(...arms.map((a) => planned(id, a.arm)));
      if (arms.every((a) => planned(id, a.arm) === top)) alike.push(arms);
      else for (const a of arms) (planned(id, a.arm) === top ? best : rest).push(a);
    }
    expect(best.length).toBeGreaterThanOrEqual(2);
    expect(alike.length).toBeGreaterThanOrEqual(2);
    expect(pooled(best, 'clicks')).toBeGreaterThan(1.15 * pooled(rest, 'clicks'));
    for (const arms of alike) {
      const rates = arms.map((a) => a.clicks / a.members);
      expect(Math.max(...rates) / Math.min(...rates)).toBeLessThan(1.3);
    }
  });
});

describe('determinism', () => {
  const generate = async (customers: number, seed: number): Promise<{ all: string; records: string }> => {
    const tw = await tempWorkspace();
    try {
      generateDemo(tw.db, { customers, seed }, recordingControl());
      return { all: digestTables(tw.db), records: digestTables(tw.db, ['customers', 'orders', 'order_lines', 'reviews']) };
    } finally {
      tw.dispose();
    }
  };

  it('gives byte-identical workspaces for the same customers and seed, and different ones for another seed', async () => {
    const first = await generate(1000, 5);
    const again = await generate(1000, 5);
    const other = await generate(1000, 6);
    expect(again.all).toBe(first.all);
    expect(other.records).not.toBe(first.records);
  });
});

describe('cancellation and refusal', () => {
  it('rolls everything back when cancelled in any stage, and a later run gives the same shop as a fresh one', async () => {
    // Learn which check belongs to which stage from a full run: each check is followed by that stage's report.
    const reference = await tempWorkspace();
    const probe = recordingControl();
    const stageOfCheck = new Map<string, number>();
    const report = probe.progress;
    probe.progress = (update) => {
      if (!stageOfCheck.has(update.stage)) stageOfCheck.set(update.stage, probe.checks);
      report(update);
    };
    generateDemo(reference.db, { customers: 1000, seed: 3 }, probe);
    const expected = digestTables(reference.db);
    reference.dispose();

    for (const stage of ['Products', 'Customers', 'Orders', 'Reviews', 'Campaigns']) {
      const cancelAt = (stageOfCheck.get(stage) as number) + (stage === 'Products' ? 0 : 1);
      const tw = await tempWorkspace();
      try {
        const before = digestTables(tw.db);
        const control = recordingControl(cancelAt);
        let error: unknown;
        try {
          generateDemo(tw.db, { customers: 1000, seed: 3 }, control);
        } catch (e) {
          error = e;
        }
        expect(error, stage).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('cancelled');
        // A cancel at the very first check comes before any report.
        expect(control.updates.at(-1)?.stage ?? 'Products').toBe(stage);
        expect(digestTables(tw.db), `${stage}: workspace unchanged`).toBe(before);
        for (const table of [...RECORD_TABLES, 'settings']) {
          expect(count(tw.db, `SELECT count(*) AS n FROM ${table}`), `${stage}: ${table}`).toBe(0);
        }
        generateDemo(tw.db, { customers: 1000, seed: 3 }, recordingControl());
        expect(digestTables(tw.db)).toBe(expected);
      } finally {
        tw.dispose();
      }
    }
  });

  it('refuses a workspace that already holds records, and changes nothing', async () => {
    const tw = await tempWorkspace();
    try {
      tw.db.prepare("INSERT INTO products (id, sku, name, category, price) VALUES (1, 'OWN-1', 'Own product', 'Own', 5)").run();
      const before = digestTables(tw.db);
      expect(() => generateDemo(tw.db, { customers: 10, seed: 1 }, recordingControl())).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
      expect(digestTables(tw.db)).toBe(before);
    } finally {
      tw.dispose();
    }
  });

  it('refuses input outside the contract', async () => {
    const tw = await tempWorkspace();
    try {
      expect(() => generateDemo(tw.db, { customers: 0, seed: 1 }, recordingControl())).toThrow(
        expect.objectContaining({ code: 'bad-input' }),
      );
    } finally {
      tw.dispose();
    }
  });
});
