import type { SegmentProfile } from '../../shared/segment-schemas';
import { formatters } from './discover-describe';

/**
 * What sets a segment apart, in plain words, strongest first: figures far from the base's (an index far from 100,
 * measured as |log(index / 100)|), mixes where one value is over-represented and common enough to matter, and how
 * its share of revenue compares with its share of customers. Small groups are not read into: a mix needs enough
 * members (or reviews) before it is called out.
 */

const MAX_HIGHLIGHTS = 5;
/** An index this far from 100 (either way: ≥ 125 or ≤ 80) is worth saying. */
const NOTABLE = Math.log(1.25);
const MIN_MEMBERS = 20;
const MIN_REVIEWS = 20;

type Candidate = { text: string; strength: number };

const strength = (index: number | null): number => (index === null || index <= 0 ? 0 : Math.abs(Math.log(index / 100)));
const pct = (v: number): string => `${Math.round(v * 100)} %`;
const times = (index: number): string => `${(index / 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}×`;

function metricPhrase(field: string, segment: number, base: number, index: number, money: (v: number) => string): string | null {
  const more = index > 100;
  switch (field) {
    case 'revenue':
      return more ? `spends ${times(index)} the average customer (${money(segment)} against ${money(base)})` : `spends less than average: ${money(segment)} against ${money(base)}`;
    case 'orders':
      return `${segment.toLocaleString('en-GB', { maximumFractionDigits: 1 })} orders per customer against ${base.toLocaleString('en-GB', { maximumFractionDigits: 1 })}`;
    case 'avgOrderValue':
      return `${more ? 'larger' : 'smaller'} orders: ${money(segment)} on average against ${money(base)}`;
    case 'recencyDays':
      return more ? `lapsing: last order ${Math.round(segment)} days ago on average against ${Math.round(base)}` : `recently active: last order ${Math.round(segment)} days ago on average against ${Math.round(base)}`;
    case 'churnRisk':
      return `churn risk ${pct(segment)} against ${pct(base)}`;
    case 'clv':
      return `lifetime value ${money(segment)} against ${money(base)}`;
    case 'returns':
      return more ? `returns ${times(index)} as often as average` : null;
    default:
      return null;
  }
}

/** Up to five phrases, strongest first; a segment close to the base everywhere says so. */
export function profileHighlights(profile: SegmentProfile, counts: { reviews: number }): string[] {
  if (profile.count === 0) return ['No customers match this segment.'];
  const fmt = formatters(profile.currency);
  const candidates: Candidate[] = [];
  if (profile.shareCustomers > 0 && profile.shareCustomers < 1) {
    const index = Math.round((profile.shareRevenue / profile.shareCustomers) * 100);
    candidates.push({ text: `${pct(profile.shareCustomers)} of customers bring ${pct(profile.shareRevenue)} of revenue`, strength: strength(index) });
  }
  for (const m of profile.metrics) {
    if (m.segment === null || m.base === null || m.index === null) continue;
    const text = metricPhrase(m.field, m.segment, m.base, m.index, (v) => fmt.money(v));
    if (text) candidates.push({ text, strength: strength(m.index) });
  }
  const enough = profile.count >= MIN_MEMBERS;
  const topOf = (rows: SegmentProfile['categories'], phrase: (r: SegmentProfile['categories'][number]) => string, minShare: number): void => {
    const row = rows.filter((r) => r.index !== null && r.index >= 125 && r.segment >= minShare).sort((a, b) => strength(b.index) - strength(a.index))[0];
    if (row) candidates.push({ text: phrase(row), strength: strength(row.index) });
  };
  if (enough) {
    topOf(profile.categories, (r) => (r.segment >= 0.5 ? `mostly ${r.name} buyers (${pct(r.segment)} of spend against ${pct(r.base)})` : `more ${r.name}: ${pct(r.segment)} of spend against ${pct(r.base)}`), 0.1);
    topOf(profile.countries, (r) => `more customers in ${r.name}: ${pct(r.segment)} against ${pct(r.base)}`, 0.1);
    topOf(profile.rfm, (r) => `${pct(r.segment)} are ${r.name} (${pct(r.base)} of all customers)`, 0.15);
  }
  if (counts.reviews >= MIN_REVIEWS) {
    const negative = profile.sentiment.find((r) => r.name.startsWith('Negative'));
    if (negative && negative.index !== null && (negative.index >= 125 || negative.index <= 80)) {
      candidates.push({ text: `${negative.index > 100 ? 'more' : 'fewer'} negative reviews: ${pct(negative.segment)} of their reviews against ${pct(negative.base)}`, strength: strength(negative.index) });
    }
  }
  const notable = candidates.filter((c) => c.strength >= NOTABLE).sort((a, b) => b.strength - a.strength);
  if (notable.length === 0) return ['Close to the average customer on every measure shown.'];
  return notable.slice(0, MAX_HIGHLIGHTS).map((c) => c.text.charAt(0).toUpperCase() + c.text.slice(1));
}
