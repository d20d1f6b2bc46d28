/** What a profile or a comparison is about: a saved segment (its id) or the rule in the builder. */
export type SegmentRefKey = number | 'draft';

export const SEGMENT_TABS = ['saved', 'builder', 'profile', 'compare', 'discover'] as const;
export type SegmentTab = (typeof SEGMENT_TABS)[number];

export type SegmentsRoute =
  | { tab: 'saved'; id: number | null }
  | { tab: 'builder' }
  | { tab: 'profile'; ref: SegmentRefKey | null }
  | { tab: 'compare'; a: SegmentRefKey | null; b: SegmentRefKey | null }
  | { tab: 'discover' };

const isTab = (value: string | undefined): value is SegmentTab => (SEGMENT_TABS as readonly (string | undefined)[]).includes(value);

const refFrom = (part: string | undefined): SegmentRefKey | null => {
  if (part === 'draft') return 'draft';
  const id = Number(part);
  return Number.isInteger(id) && id > 0 ? id : null;
};
const idFrom = (part: string | undefined): number | null => {
  const ref = refFrom(part);
  return typeof ref === 'number' ? ref : null;
};

/** `#/segments/compare/3/draft` and the like: the section's place survives a reload and Back. */
export function routeFromHash(hash: string): SegmentsRoute {
  const [, tab, first, second] = hash.replace(/^#\/?/, '').split('/');
  if (!isTab(tab)) return { tab: 'saved', id: null };
  switch (tab) {
    case 'saved':
      return { tab, id: idFrom(first) };
    case 'profile':
      return { tab, ref: refFrom(first) };
    case 'compare':
      return { tab, a: refFrom(first), b: refFrom(second) };
    default:
      return { tab };
  }
}

export function hashFor(route: SegmentsRoute): string {
  const parts: (string | number)[] = ['#', 'segments', route.tab];
  if (route.tab === 'saved' && route.id !== null) parts.push(route.id);
  if (route.tab === 'profile' && route.ref !== null) parts.push(route.ref);
  if (route.tab === 'compare') {
    if (route.a !== null || route.b !== null) parts.push(route.a ?? '-');
    if (route.b !== null) parts.push(route.b);
  }
  return parts.join('/');
}

/** The Campaigns section with an audience chosen: `#/campaigns/audience/12`. */
export const audienceHash = (segmentId: number): string => `#/campaigns/audience/${segmentId}`;

export function audienceFromHash(hash: string): number | null {
  const [section, kind, id] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'campaigns' || kind !== 'audience') return null;
  const n = Number(id);
  return Number.isInteger(n) && n > 0 ? n : null;
}
