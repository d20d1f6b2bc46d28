/**
 * The demo shop generator (`localyst demo --customers N --seed S`): a Dutch home-and-gift web shop with three years
 * of history ending on DEMO_END_DATE. Same (customers, seed) → byte-identical workspace: all randomness comes from
 * our seeded streams (kernel/random.ts) and seeded local faker instances, never from the clock.
 *
 * What drives behaviour (the truth a churn or lifetime-value model should rediscover; numbers in PROCESS, BASKETS,
 * DEMO_CAMPAIGNS and people.ts, saved in the workspace setting 'demo'):
 * - First order on the sign-up day (customers.created_at is that moment). Sign-ups grow ~57 % a year and follow
 *   the shop's demand rhythm.
 * - Repeat orders (BG/NBD): while active, a Poisson process with rate λ ~ Gamma(r 0.3, α 0.07 years) per year,
 *   multiplied by observable traits: country (NL/BE 1, DE/AT 0.9, FR 0.85, GB 0.75, US 0.6), marketing opt-in ×1.2,
 *   app user (orders mostly through the app; adoption grows over time) ×1.4. Within each group λ stays Gamma.
 * - Drop-out: after each repeat order the customer leaves for good with probability p ~ Beta(0.9, 2.2); customers
 *   acquired in November–December draw from Beta(0.9, 1.21), so holiday gift buyers churn more.
 * - Bad experience: an order with a returned item or a written 1–2 star review raises that order's leaving chance to
 *   p + (1 − p) × 0.35, even after the first order (textbook BG/NBD never drops out then).
 * - Seasonality by thinning: month (November–December peak, July–August dip), weekday, Black Friday weekend, the
 *   Christmas sag, hour of day. Categories have their own seasons (garden in spring, gifts in December).
 * - Campaigns (DEMO_CAMPAIGNS): past email and SMS sends over the three years, each to a seeded share of the
 *   customers who had opted in before it (SMS: and gave a phone number). Experiments split their audience at random
 *   into arms with their own subject and message, some with a clear winner (about a third more clicks), some
 *   without, most with a holdout that receives nothing. Active customers open and click more than those who left; a
 *   click can prompt an extra, discounted order, so a holdout's own orders are the baseline the sending arms are
 *   measured against. A few messages bounce. Customers who left never come back, campaigns or not.
 * - Not drivers of how often or how long anyone buys: name, city, email, category taste, order size, prices; a phone
 *   number only lets SMS campaigns reach the customer.
 */
import { demoInputSchema, type DemoInput, type DemoResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { writeSetting } from '../db/settings-repo';
import type { JobControl } from '../kernel/jobs';
import { BASKETS } from './baskets';
import { PROCESS, type CampaignPlan } from './behaviour';
import {
  DEMO_END_DATE,
  DEMO_HISTORY_YEARS,
  DEMO_START_DATE,
  buildSeasonality,
  timestampAt,
  type Seasonality,
} from './calendar';
import { CAMPAIGN_PLANS, CONVERSION_WINDOW_DAYS, DEMO_CAMPAIGNS, headlineMessage, isExperiment } from './campaigns';
import { buildCatalogue, type Catalogue, type Product } from './catalogue';
import { OUTCOME, writeOrders, type CampaignOutcomes, type ReviewQueue } from './orders';
import {
  APP_ADOPTION,
  COUNTRY_CODES,
  MARKETING_OPT_IN,
  SIGNUP_GROWTH,
  countryTable,
  createPeopleFactory,
  drawSignupTimes,
  drawTraits,
  storePhone,
  storeTraits,
  type CustomerTable,
} from './people';
import { createRng, type Rng } from '../kernel/random';
import { reviewText } from './review-text';
import { assertNoRecords, countRecords, createDemoWriter, type DemoWriter } from './writer';
import { CHECK_EVERY, createCheckpoint } from './progress';

export { DEMO_END_DATE, DEMO_HISTORY_YEARS, DEMO_START_DATE } from './calendar';

/** Version of the generator's recipe, saved with the parameters: a new recipe may give other data for a seed. */
export const DEMO_GENERATOR_VERSION = 2;
export const DEMO_CURRENCY = 'EUR';

// Independent random streams, so that changing one part of the recipe does not reshuffle the others.
const STREAM = { catalogue: 1, signups: 2, people: 3, behaviour: 4, text: 5 } as const;
const WORK_CACHE_KIB = 262_144;

/** Fills an empty workspace with a realistic, seeded demo shop in one transaction; a cancel leaves it untouched. */
export function generateDemo(db: Db, rawInput: DemoInput, control: JobControl): DemoResult {
  const started = performance.now();
  const input = parseInput(rawInput);
  // IMMEDIATE takes the write lock before the emptiness check, so nothing can slip in between check and writes.
  const generate = db.transaction(() => {
    assertNoRecords(db);
    fill(db, input, control);
  });
  withCache(db, WORK_CACHE_KIB, () => generate.immediate());
  const counts = countRecords(db);
  const seconds = Math.round(performance.now() - started) / 1000;
  // Returns are orders too: counted once.
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0) - counts.returns;
  const message = `${rows.toLocaleString('en')} records written`;
  control.progress({ fraction: 1, stage: 'Done', message, rowsDone: rows });
  return { ...counts, seconds };
}

function parseInput(raw: DemoInput): DemoInput {
  const parsed = demoInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'bad-input',
      `The demo needs a whole number of customers (1 to 2,000,000) and a seed: ${issue?.message ?? 'invalid input'}.`,
      { field: String(issue?.path[0] ?? 'customers') },
    );
  }
  return parsed.data;
}

/**
 * The job's connection has better-sqlite3's 16 MB page cache. Index inserts land in random places (order dates,
 * emails), so once the dirty pages of the one long transaction outgrow the cache they spill to the WAL and are read
 * back. Pages are allocated only as used: a small demo stays small. Measured: 100,000 customers ~10 % and 300,000
 * customers ~40 % faster than with the default (300,000: 28 s → 17 s).
 */
function withCache(db: Db, kib: number, work: () => void): void {
  const previous = Number(db.pragma('cache_size', { simple: true }));
  // A negative cache_size is in KiB, a positive one in pages.
  if (previous < 0 && -previous >= kib) return work();
  db.pragma(`cache_size = ${-kib}`);
  try {
    work();
  } finally {
    db.pragma(`cache_size = ${previous}`);
  }
}

function fill(db: Db, input: DemoInput, control: JobControl): void {
  const writer = createDemoWriter(db);
  const season = buildSeasonality();
  const catalogue = buildCatalogue(createRng(input.seed, STREAM.catalogue));
  writeCatalogue(writer, catalogue, control);
  writeSetting(db, 'currency', DEMO_CURRENCY);
  writeSetting(db, 'demo', demoParameters(input));
  const customers = writeCustomers(writer, input, season, control);
  const { reviews, outcomes } = writeOrders({
    writer,
    rng: createRng(input.seed, STREAM.behaviour),
    season,
    catalogue,
    customers,
    currency: DEMO_CURRENCY,
    checkpoint: createCheckpoint(control, 'Orders', customers.count),
  });
  writeReviews(writer, reviews, catalogue, createRng(input.seed, STREAM.text), control);
  writeCampaignSends(writer, outcomes, control);
}

function writeCatalogue(writer: DemoWriter, catalogue: Catalogue, control: JobControl): void {
  createCheckpoint(control, 'Products', catalogue.products.length)(0, 0);
  for (const p of catalogue.products) writer.product(p.id, p.sku, p.name, p.categoryName, p.price);
  for (const c of DEMO_CAMPAIGNS) {
    const { subject, body } = headlineMessage(c);
    writer.campaign([c.id, c.externalId, c.name, c.channel, c.goal, c.sentAt, subject, body]);
    if (!isExperiment(c)) continue;
    c.arms.forEach((arm, a) => {
      const holdout = arm.message === null ? 1 : 0;
      writer.campaignArm([c.id, a, arm.name, arm.share, holdout, arm.message?.subject ?? null, arm.message?.body ?? null]);
    });
  }
}

function writeCustomers(writer: DemoWriter, input: DemoInput, season: Seasonality, control: JobControl): CustomerTable {
  const n = input.customers;
  const report = createCheckpoint(control, 'Customers', n);
  const signup = drawSignupTimes(createRng(input.seed, STREAM.signups), n, season);
  const table: CustomerTable = { count: n, signup, country: new Uint8Array(n), flags: new Uint8Array(n) };
  const rng = createRng(input.seed, STREAM.people);
  const countries = countryTable();
  const makePerson = createPeopleFactory(input.seed);
  for (let i = 0; i < n; i++) {
    if (i % CHECK_EVERY === 0) report(i, i);
    const t = signup[i] as number;
    const traits = drawTraits(rng, t, countries);
    const person = makePerson(rng, traits.country, i + 1);
    storeTraits(table, i, traits);
    if (person.phone !== null) storePhone(table, i);
    const created = timestampAt(t);
    writer.customer([
      i + 1, `C${String(i + 1).padStart(6, '0')}`, person.email, person.firstName, person.lastName, person.phone,
      COUNTRY_CODES[traits.country] ?? '', person.city, created.slice(0, 10), traits.acceptsMarketing ? 1 : 0, created,
    ]);
  }
  return table;
}

function writeReviews(
  writer: DemoWriter,
  queue: ReviewQueue,
  catalogue: Catalogue,
  rng: Rng,
  control: JobControl,
): void {
  const n = queue.customer.length;
  const report = createCheckpoint(control, 'Reviews', n);
  for (let i = 0; i < n; i++) {
    if (i % CHECK_EVERY === 0) report(i, i);
    const product = catalogue.products[(queue.product[i] as number) - 1] as Product;
    const rating = queue.rating[i] as number;
    const text = reviewText(rng, product, rating, queue.returned[i] === 1);
    writer.review([
      i + 1,
      `RV${String(i + 1).padStart(7, '0')}`,
      queue.customer[i] as number,
      product.id,
      queue.order[i] as number,
      rating,
      text.title,
      text.body,
      timestampAt(queue.time[i] as number),
    ]);
  }
}

/**
 * Every experiment's audience with its arm, and a result row for each customer sent something (sent 1; the holdout
 * has none). Plain sends have no arms, like imported campaigns.
 */
function writeCampaignSends(writer: DemoWriter, outcomes: CampaignOutcomes, control: JobControl): void {
  const total = outcomes.reduce((sum, o) => sum + o.customer.length, 0);
  const report = createCheckpoint(control, 'Campaigns', total);
  let done = 0;
  let written = 0;
  DEMO_CAMPAIGNS.forEach((campaign, c) => {
    const outcome = outcomes[c];
    const experiment = isExperiment(campaign);
    for (let i = 0; outcome && i < outcome.customer.length; i++, done++) {
      if (done % CHECK_EVERY === 0) report(done, written);
      const customerId = outcome.customer[i] as number;
      if (experiment) {
        writer.campaignAssignment(campaign.id, customerId, outcome.arm[i] as number);
        written++;
      }
      const status = outcome.status[i] as number;
      if (status === 0) continue;
      const bit = (mask: number): 0 | 1 => ((status & mask) !== 0 ? 1 : 0);
      const revenue = outcome.revenue[i] as number;
      writer.campaignResult([
        campaign.id, customerId, bit(OUTCOME.delivered), bit(OUTCOME.opened), bit(OUTCOME.clicked), bit(OUTCOME.converted), revenue,
      ]);
      written++;
    }
  });
}

/** The recipe behind this workspace's demo data, kept so that a model's findings can be checked against it. */
function demoParameters(input: DemoInput): unknown {
  return {
    generatorVersion: DEMO_GENERATOR_VERSION,
    seed: input.seed,
    customers: input.customers,
    startDate: DEMO_START_DATE,
    endDate: DEMO_END_DATE,
    historyYears: DEMO_HISTORY_YEARS,
    currency: DEMO_CURRENCY,
    process: PROCESS,
    signups: { yearlyGrowth: SIGNUP_GROWTH, marketingOptIn: MARKETING_OPT_IN, appAdoption: APP_ADOPTION },
    baskets: BASKETS,
    campaigns: DEMO_CAMPAIGNS.map((c, i) => {
      const { arms, ...plan } = CAMPAIGN_PLANS[i] as CampaignPlan;
      return {
        externalId: c.externalId,
        channel: c.channel,
        goal: c.goal,
        sentAt: c.sentAt,
        discount: c.discount,
        ...plan,
        arms: arms.map((arm, a) => ({ name: c.arms[a]?.name, holdout: arm.engagement === null, ...arm })),
      };
    }),
    conversionWindowDays: CONVERSION_WINDOW_DAYS,
  };
}
