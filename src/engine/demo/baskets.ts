import { toCents, type Catalogue, type Product } from './catalogue';
import {
  bernoulli,
  choice,
  dirichlet,
  gamma,
  integer,
  pick,
  poisson,
  uniform,
  weightedIndex,
  weightedTable,
  type Rng,
} from '../kernel/random';

/**
 * What is in an order, what comes back and what gets reviewed. Customers have their own taste (a Dirichlet draw
 * around the shop's category shares) and categories their own seasons; cheap things are bought by the handful.
 */

export const BASKETS = {
  /** Total Dirichlet concentration of category preferences: lower means more single-minded customers. */
  preferenceConcentration: 3,
  /** Lines per order = 1 + Poisson(this), at most maxLines. */
  extraLinesMean: 0.75,
  maxLines: 6,
  /** Chance that a line is marked down, in the January and July sales and in other months. */
  markdownInSale: 0.3,
  markdownOtherwise: 0.04,
  /** Chance that an order with a returned item, or without one, is reviewed. */
  reviewIfReturned: 0.3,
  reviewOtherwise: 0.11,
} as const;

const SALE_MONTHS = new Set([0, 6]);
const SALE_MARKDOWNS = [0.2, 0.3, 0.4] as const;
const OTHER_MARKDOWNS = [0.1, 0.15] as const;
const QUANTITY_CHEAP = weightedTable([[1, 0.5], [2, 0.3], [3, 0.12], [4, 0.05], [6, 0.03]] as const);
const QUANTITY_OTHER = weightedTable([[1, 0.8], [2, 0.14], [3, 0.05], [4, 0.01]] as const);
const CHEAP_BELOW = 8;
// Star weights (1..5) when something was sent back, and for a product of average quality otherwise.
const STARS_RETURNED = weightedTable([[1, 0.55], [2, 0.3], [3, 0.1], [4, 0.04], [5, 0.01]] as const);
const STARS_KEPT = [0.02, 0.03, 0.09, 0.29, 0.57] as const;

export type Line = { product: Product; quantity: number; unitPrice: number };
export type ReturnPlan = { time: number; lines: Line[] };
export type ReviewPlan = { time: number; product: Product; rating: number; returned: boolean };

/** A customer's liking for each category (sums to 1). */
export function drawPreferences(rng: Rng, catalogue: Catalogue): Float64Array {
  const alphas = catalogue.categories.map((c) => c.share * BASKETS.preferenceConcentration);
  return Float64Array.from(dirichlet(rng, alphas));
}

/** The lines of one order in calendar month `month`; `campaignDiscount` marks down every line of a prompted order. */
export function drawBasket(
  rng: Rng,
  catalogue: Catalogue,
  preferences: Float64Array,
  month: number,
  campaignDiscount: number | null,
): Line[] {
  const count = Math.min(BASKETS.maxLines, 1 + poisson(rng, BASKETS.extraLinesMean));
  const weights = new Float64Array(catalogue.categories.length);
  let total = 0;
  catalogue.categories.forEach((c, i) => {
    total += (preferences[i] as number) * (c.months[month] ?? 1);
    weights[i] = total;
  });
  const lines: Line[] = [];
  for (let attempt = 0; lines.length < count && attempt < count * 3; attempt++) {
    const category = catalogue.categories[weightedIndex(rng, weights)];
    if (!category) continue;
    const id = category.productIds[weightedIndex(rng, category.cumulativePopularity)] as number;
    const product = catalogue.products[id - 1] as Product;
    if (lines.some((l) => l.product === product)) continue;
    const quantity = choice(rng, product.price < CHEAP_BELOW ? QUANTITY_CHEAP : QUANTITY_OTHER);
    lines.push({ product, quantity, unitPrice: toCents(product.price * (1 - markdown(rng, month, campaignDiscount))) });
  }
  return lines;
}

function markdown(rng: Rng, month: number, campaignDiscount: number | null): number {
  if (campaignDiscount !== null) return campaignDiscount;
  if (SALE_MONTHS.has(month)) return bernoulli(rng, BASKETS.markdownInSale) ? pick(rng, SALE_MARKDOWNS) : 0;
  return bernoulli(rng, BASKETS.markdownOtherwise) ? pick(rng, OTHER_MARKDOWNS) : 0;
}

/** Lines sent back (some or all of each), about ten days after the order; null when nothing is, or not yet. */
export function drawReturn(
  rng: Rng,
  catalogue: Catalogue,
  lines: readonly Line[],
  orderTime: number,
  end: number,
): ReturnPlan | null {
  const back: Line[] = [];
  for (const line of lines) {
    // Poorly made products come back more often: an average one (quality 0.8) at its category's rate.
    const categoryRate = catalogue.categories[line.product.category]?.returnRate ?? 0;
    const rate = categoryRate * (0.4 + 3 * (1 - line.product.quality));
    if (!bernoulli(rng, Math.min(0.9, rate))) continue;
    const quantity = line.quantity > 1 && bernoulli(rng, 0.15) ? integer(rng, 1, line.quantity - 1) : line.quantity;
    back.push({ ...line, quantity });
  }
  if (back.length === 0) return null;
  const time = orderTime + 4 + gamma(rng, 2, 3);
  return time < end ? { time, lines: back } : null;
}

/** A review of one product of the order: angry after a return, otherwise as good as the product. */
export function drawReview(
  rng: Rng,
  lines: readonly Line[],
  returned: ReturnPlan | null,
  orderTime: number,
  end: number,
): ReviewPlan | null {
  if (!bernoulli(rng, returned ? BASKETS.reviewIfReturned : BASKETS.reviewOtherwise)) return null;
  const product = returned ? (returned.lines[0] as Line).product : pick(rng, lines).product;
  const rating = returned ? choice(rng, STARS_RETURNED) : keptRating(rng, product.quality);
  const time = returned
    ? Math.max(orderTime + 2 + rng(), returned.time + uniform(rng, -3, 3))
    : orderTime + 3 + gamma(rng, 2, 3.5);
  return time < end ? { time, product, rating, returned: returned !== null } : null;
}

function keptRating(rng: Rng, quality: number): number {
  const weights = STARS_KEPT.map((w, i) => w * Math.exp(4 * (quality - 0.8) * (i - 2)));
  const cumulative = new Float64Array(weights.length);
  weights.reduce((total, w, i) => (cumulative[i] = total + w), 0);
  return weightedIndex(rng, cumulative) + 1;
}

/** Sales revenue of lines as the stats count it: quantity × unit price. */
export const linesRevenue = (lines: readonly Line[]): number =>
  toCents(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0));
