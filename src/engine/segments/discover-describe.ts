import type { DiscoverFeature } from './discover-features';

/**
 * Discovered clusters in words, from what sets each apart: the features whose centre lies furthest from the average
 * buyer in standard deviations (z-scores). The name is up to three words ("High-value, lapsed Gifts buyers"); the
 * description is a sentence with the cluster's own figures next to the average buyer's.
 */

/** A feature counts as distinctive from this many standard deviations away from the average. */
export const DISTINCT_Z = 0.5;
const NAME_WORDS = 3;
const DESCRIPTION_FEATURES = 4;

type Words = { high: string | null; low: string | null };

const WORDS: Record<string, Words> = {
  recency_days: { high: 'lapsed', low: 'recently active' },
  orders: { high: 'frequent', low: 'one-off' },
  revenue: { high: 'high-value', low: 'low-value' },
  avg_order_value: { high: 'big-basket', low: 'small-basket' },
  tenure_days: { high: 'long-standing', low: 'new' },
  returns: { high: 'return-prone', low: null },
  campaign_engagement: { high: 'email-engaged', low: 'email-unresponsive' },
  review_stars: { high: 'happy', low: 'unhappy' },
};

export type ClusterFigures = {
  /** Centre per feature in z-scores. */
  z: number[];
  /** Mean per feature in its own unit (NaN when no member has the figure). */
  mean: number[];
};

/** Features by how far the centre lies from the average, furthest first. */
export const byDistinctiveness = (z: number[]): number[] => z.map((_, f) => f).sort((a, b) => Math.abs(z[b] as number) - Math.abs(z[a] as number) || a - b);

function wordFor(feature: DiscoverFeature, z: number): { word: string; noun: boolean } | null {
  if (feature.category !== undefined) return z > 0 ? { word: `${feature.category} buyers`, noun: true } : null;
  const words = WORDS[feature.name];
  const word = words ? (z > 0 ? words.high : words.low) : null;
  return word === null ? null : { word, noun: false };
}

/** Up to three words for the cluster: adjectives by distinctiveness, then a category noun or "customers". */
export function clusterName(features: DiscoverFeature[], z: number[]): string {
  const adjectives: string[] = [];
  let noun: string | null = null;
  for (const f of byDistinctiveness(z)) {
    const value = z[f] as number;
    if (Math.abs(value) < DISTINCT_Z || adjectives.length + (noun ? 1 : 0) >= NAME_WORDS) break;
    const word = wordFor(features[f] as DiscoverFeature, value);
    if (!word) continue;
    if (word.noun) {
      if (noun === null) noun = word.word;
    } else if (!adjectives.includes(word.word)) adjectives.push(word.word);
  }
  // "new" already says "recently active" for customers whose first order was recent.
  const redundant = adjectives.indexOf('recently active');
  if (adjectives.includes('new') && redundant >= 0) adjectives.splice(redundant, 1);
  if (adjectives.length === 0 && noun === null) return 'Typical customers';
  const text = `${adjectives.join(', ')}${adjectives.length ? ' ' : ''}${noun ?? 'customers'}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Gives clusters with the same name a distinguishing number ("Lapsed customers 2"). */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const name of names) total.set(name, (total.get(name) ?? 0) + 1);
  return names.map((name) => {
    if ((total.get(name) ?? 0) < 2) return name;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return `${name} ${n}`;
  });
}

export type Formatters = { money: (v: number, digits?: number) => string; number: (v: number, digits?: number) => string };

/** Money in the workspace currency and plain numbers, British English ("€1,020", "2.5"). */
export function formatters(currency: string): Formatters {
  const cache = new Map<number, Intl.NumberFormat | null>();
  const moneyFormat = (digits: number): Intl.NumberFormat | null => {
    if (!cache.has(digits)) {
      try {
        cache.set(digits, new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }));
      } catch {
        cache.set(digits, null); // not an ISO currency code: the number and the code
      }
    }
    return cache.get(digits) ?? null;
  };
  const number = (v: number, digits = 0): string => v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return {
    money: (v, digits = 0) => moneyFormat(digits)?.format(v) ?? `${number(v, digits)} ${currency}`,
    number,
  };
}

/** "last order 540 days ago (average 331)" and the like: the feature's figure for the cluster against all buyers. */
export function featurePhrase(feature: DiscoverFeature, mean: number, base: number, fmt: Formatters): string {
  const pct = (v: number): string => `${fmt.number(v * 100)} %`;
  if (feature.category !== undefined) return `${pct(mean)} of their spend on ${feature.category} (average ${pct(base)})`;
  switch (feature.name) {
    case 'recency_days':
      return `last order ${fmt.number(mean)} days ago (average ${fmt.number(base)})`;
    case 'tenure_days':
      return `first order ${fmt.number(mean)} days ago (average ${fmt.number(base)})`;
    case 'orders':
      return `${fmt.number(mean, 1)} orders (average ${fmt.number(base, 1)})`;
    case 'revenue':
      return `${fmt.money(mean)} spent (average ${fmt.money(base)})`;
    case 'avg_order_value':
      return `${fmt.money(mean)} per order (average ${fmt.money(base)})`;
    case 'returns':
      return `${fmt.number(mean, 2)} returns (average ${fmt.number(base, 2)})`;
    case 'campaign_engagement':
      return `engage with ${pct(mean)} of campaigns (average ${pct(base)})`;
    case 'review_stars':
      return `reviews average ${fmt.number(mean, 1)} stars (average ${fmt.number(base, 1)})`;
    default:
      return `${feature.label} ${fmt.number(mean, 2)} (average ${fmt.number(base, 2)})`;
  }
}

/** A sentence with the numbers: size, then the most distinctive features against the average buyer. */
export function clusterDescription(
  features: DiscoverFeature[],
  figures: ClusterFigures,
  baseMean: number[],
  size: number,
  share: number,
  fmt: Formatters,
): string {
  const order = byDistinctiveness(figures.z).filter((f) => Number.isFinite(figures.mean[f]));
  const strong = order.filter((f) => Math.abs(figures.z[f] as number) >= DISTINCT_Z);
  const shown = (strong.length >= 2 ? strong : order.slice(0, 2)).slice(0, DESCRIPTION_FEATURES);
  const phrases = shown.map((f) => featurePhrase(features[f] as DiscoverFeature, figures.mean[f] as number, baseMean[f] as number, fmt));
  const who = `${fmt.number(size)} customers (${fmt.number(share * 100, 1)} % of buyers)`;
  return phrases.length ? `${who}: ${phrases.join('; ')}.` : `${who}.`;
}
