/**
 * The Campaigns section's place in the address, so reloads and Back work:
 * `#/campaigns` (the list), `#/campaigns/calendar`, `#/campaigns/compare/3,7`, `#/campaigns/audience/12` (a segment
 * handed over from Segments), `#/campaigns/5/audience` (the builder at a step), `#/campaigns/5/report`.
 */

export const BUILDER_STEPS = ['goal', 'audience', 'channel', 'content', 'experiment', 'forecast', 'review'] as const;
export type BuilderStep = (typeof BUILDER_STEPS)[number];

export const HOME_TABS = ['list', 'calendar', 'compare'] as const;
export type HomeTab = (typeof HOME_TABS)[number];

/** How many campaigns a comparison takes at most (the contract's limit). */
export const MAX_COMPARED = 8;

export type CampaignsRoute =
  | { view: 'home'; tab: HomeTab; compare: number[]; audience: number | null }
  | { view: 'builder'; id: number; step: BuilderStep }
  | { view: 'report'; id: number };

/** Moves within the section: pushes the address (or replaces it, for a redirect). */
export type Go = (route: CampaignsRoute, options?: { replace?: boolean }) => void;

const positiveInt = (part: string | undefined): number | null => {
  const n = Number(part);
  return part !== undefined && part !== '' && Number.isInteger(n) && n > 0 ? n : null;
};
const isStep = (part: string | undefined): part is BuilderStep => (BUILDER_STEPS as readonly (string | undefined)[]).includes(part);

export const homeRoute = (tab: HomeTab = 'list', compare: number[] = []): CampaignsRoute => ({ view: 'home', tab, compare, audience: null });

export function campaignsRouteFromHash(hash: string): CampaignsRoute {
  const [section, first, second] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'campaigns') return homeRoute();
  const id = positiveInt(first);
  if (id !== null) {
    if (second === 'report') return { view: 'report', id };
    return { view: 'builder', id, step: isStep(second) ? second : 'goal' };
  }
  if (first === 'calendar') return homeRoute('calendar');
  if (first === 'compare') {
    const ids = (second ?? '').split(',').flatMap((part) => {
      const n = positiveInt(part);
      return n === null ? [] : [n];
    });
    return homeRoute('compare', [...new Set(ids)]);
  }
  if (first === 'audience') return { view: 'home', tab: 'list', compare: [], audience: positiveInt(second) };
  return homeRoute();
}

export function campaignsHash(route: CampaignsRoute): string {
  switch (route.view) {
    case 'builder':
      return `#/campaigns/${route.id}/${route.step}`;
    case 'report':
      return `#/campaigns/${route.id}/report`;
    case 'home':
      if (route.tab === 'calendar') return '#/campaigns/calendar';
      if (route.tab === 'compare') return route.compare.length > 0 ? `#/campaigns/compare/${route.compare.join(',')}` : '#/campaigns/compare';
      return route.audience !== null ? `#/campaigns/audience/${route.audience}` : '#/campaigns';
  }
}

/** The builder of a campaign at a step (for hand-offs from other sections, e.g. the Copy studio's "Back to campaign"). */
export const campaignStepHash = (id: number, step: BuilderStep): string => campaignsHash({ view: 'builder', id, step });
