import { drawBasket, drawPreferences, drawReturn, drawReview, linesRevenue, type Line } from './baskets';
import { drawLatent, simulateCustomer, type CampaignTouch, type OrderHook } from './behaviour';
import {
  WINDOW_DAYS,
  monthAt,
  secondOf,
  secondOfTimestamp,
  timestampAt,
  timestampOfSecond,
  type Seasonality,
} from './calendar';
import { CAMPAIGN_PLANS, CONVERSION_WINDOW_DAYS, DEMO_CAMPAIGNS } from './campaigns';
import type { Catalogue } from './catalogue';
import { COUNTRY_CODES, hasPhone, traitsOf, type CustomerTable, type CustomerTraits } from './people';
import { CHECK_EVERY, type Checkpoint } from './progress';
import { bernoulli, type Rng } from '../kernel/random';
import type { DemoWriter } from './writer';

/**
 * The orders stage: each customer's life is simulated and written as it happens (sales with their lines, returns,
 * reviews-to-write), then their campaign sends are scored against the orders they placed.
 */

/** Reviews decided during the orders stage, written (with their text) by the reviews stage. Columns, not objects,
 * because a large demo holds hundreds of thousands of them. */
export type ReviewQueue = {
  customer: number[];
  product: number[];
  order: number[];
  rating: number[];
  returned: number[];
  time: number[];
};

/** Bits of a campaign outcome's status; 0 means nothing was sent (the customer is in the holdout). */
export const OUTCOME = { sent: 1, delivered: 2, opened: 4, clicked: 8, converted: 16 } as const;

/**
 * Per campaign (in DEMO_CAMPAIGNS order), its audience in customer order: each member's id, arm, OUTCOME bits and
 * the converting sale's revenue. Columns, and only the audience, because a large demo has millions of sends.
 */
export type CampaignOutcomes = { customer: number[]; arm: number[]; status: number[]; revenue: number[] }[];

export type OrdersStage = {
  writer: DemoWriter;
  rng: Rng;
  season: Seasonality;
  catalogue: Catalogue;
  customers: CustomerTable;
  currency: string;
  checkpoint: Checkpoint;
};

const APP_SHARE = { appUser: 0.85, other: 0.05 } as const;
const SEND_SECONDS = DEMO_CAMPAIGNS.map((c) => secondOfTimestamp(c.sentAt));
const WINDOW_SECONDS = CONVERSION_WINDOW_DAYS * 86_400;

type Ids = { order: number; line: number; sale: number; return: number };
/** A customer's sales in time order: when (window second) and for how much. */
type Sales = { seconds: number[]; revenue: number[] };

/** Simulates and writes every customer's orders; returns the reviews to write and the campaign outcomes. */
export function writeOrders(stage: OrdersStage): { reviews: ReviewQueue; outcomes: CampaignOutcomes } {
  const { customers, checkpoint } = stage;
  const reviews: ReviewQueue = { customer: [], product: [], order: [], rating: [], returned: [], time: [] };
  const outcomes: CampaignOutcomes = DEMO_CAMPAIGNS.map(() => ({ customer: [], arm: [], status: [], revenue: [] }));
  const ids: Ids = { order: 0, line: 0, sale: 0, return: 0 };
  for (let i = 0; i < customers.count; i++) {
    if (i % CHECK_EVERY === 0) checkpoint(i, ids.order + ids.line);
    const traits = traitsOf(customers, i);
    const sales: Sales = { seconds: [], revenue: [] };
    const onOrder = orderHook(stage, ids, i + 1, traits, reviews, sales);
    const signup = customers.signup[i] as number;
    const latent = drawLatent(stage.rng, traits);
    const timeline = simulateCustomer(
      stage.rng,
      stage.season,
      { signup, latent, acceptsMarketing: traits.acceptsMarketing, hasPhone: hasPhone(customers, i) },
      CAMPAIGN_PLANS,
      WINDOW_DAYS,
      onOrder,
    );
    scoreCampaigns(outcomes, i + 1, timeline.touches, sales);
  }
  return { reviews, outcomes };
}

/** Writes each order the simulation produces and tells it whether the order went badly. */
function orderHook(
  stage: OrdersStage,
  ids: Ids,
  customerId: number,
  traits: CustomerTraits,
  reviews: ReviewQueue,
  sales: Sales,
): OrderHook {
  const { rng, catalogue, writer, currency } = stage;
  const preferences = drawPreferences(rng, catalogue);
  const country = COUNTRY_CODES[traits.country] ?? '';
  return (time, campaign) => {
    const discount = campaign >= 0 ? (DEMO_CAMPAIGNS[campaign]?.discount ?? null) : null;
    const lines = drawBasket(rng, catalogue, preferences, monthAt(time), discount);
    const channel = bernoulli(rng, traits.appUser ? APP_SHARE.appUser : APP_SHARE.other) ? 'app' : 'web';
    const saleId = ++ids.order;
    const second = secondOf(time);
    ids.sale++;
    const saleNumber = `O${String(ids.sale).padStart(7, '0')}`;
    writer.order([saleId, saleNumber, customerId, timestampOfSecond(second), 'sale', null, country, channel, currency]);
    writeLines(writer, ids, saleId, lines, 1);
    sales.seconds.push(second);
    sales.revenue.push(linesRevenue(lines));

    const returned = drawReturn(rng, catalogue, lines, time, WINDOW_DAYS);
    if (returned) {
      const returnId = ++ids.order;
      ids.return++;
      const returnNumber = `R${String(ids.return).padStart(7, '0')}`;
      const at = timestampAt(returned.time);
      writer.order([returnId, returnNumber, customerId, at, 'return', saleId, country, channel, currency]);
      writeLines(writer, ids, returnId, returned.lines, -1);
    }
    const review = drawReview(rng, lines, returned, time, WINDOW_DAYS);
    if (review) {
      reviews.customer.push(customerId);
      reviews.product.push(review.product.id);
      reviews.order.push(saleId);
      reviews.rating.push(review.rating);
      reviews.returned.push(review.returned ? 1 : 0);
      reviews.time.push(review.time);
    }
    return returned !== null || (review !== null && review.rating <= 2);
  };
}

function writeLines(writer: DemoWriter, ids: Ids, orderId: number, lines: readonly Line[], sign: 1 | -1): void {
  lines.forEach((line, index) => {
    const { product, quantity, unitPrice } = line;
    writer.line([++ids.line, orderId, index + 1, product.id, product.name, sign * quantity, unitPrice]);
  });
}

/**
 * A send converted when the customer's first sale within the window after it exists; its revenue is that sale's.
 * The holdout is recorded with its arm and no outcome: it received nothing.
 */
function scoreCampaigns(
  outcomes: CampaignOutcomes,
  customerId: number,
  touches: readonly CampaignTouch[],
  sales: Sales,
): void {
  touches.forEach((touch, c) => {
    const outcome = outcomes[c];
    const send = SEND_SECONDS[c] as number;
    if (!touch || !outcome) return;
    const k = touch.sent ? sales.seconds.findIndex((s) => s >= send && s < send + WINDOW_SECONDS) : -1;
    outcome.customer.push(customerId);
    outcome.arm.push(touch.arm);
    outcome.status.push(
      touch.sent
        ? OUTCOME.sent |
            (touch.delivered ? OUTCOME.delivered : 0) |
            (touch.opened ? OUTCOME.opened : 0) |
            (touch.clicked ? OUTCOME.clicked : 0) |
            (k >= 0 ? OUTCOME.converted : 0)
        : 0,
    );
    outcome.revenue.push(k >= 0 ? (sales.revenue[k] as number) : 0);
  });
}
