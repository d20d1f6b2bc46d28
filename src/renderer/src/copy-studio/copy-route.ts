/**
 * The Copy studio's place in the address: `#/copy` (write), `#/copy/library`, `#/copy/audience/12` (a segment
 * handed over from Segments or Campaigns), `#/copy/audience/12/campaign/5` and `#/copy/campaign/5` (writing a
 * campaign's message: saved under its name, with a way back to it).
 */
export type CopyTab = 'write' | 'library';
export type CopyRoute = { tab: CopyTab; audience: number | null; campaign: number | null };

const idOf = (part: string | undefined): number | null => {
  const id = Number(part);
  return part && Number.isInteger(id) && id > 0 ? id : null;
};

export function copyRouteFromHash(hash: string): CopyRoute {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'copy') return { tab: 'write', audience: null, campaign: null };
  if (parts[1] === 'library') return { tab: 'library', audience: null, campaign: null };
  const after = (key: string): number | null => {
    const at = parts.indexOf(key, 1);
    return at > 0 ? idOf(parts[at + 1]) : null;
  };
  return { tab: 'write', audience: after('audience'), campaign: after('campaign') };
}

export const copyHash = (tab: CopyTab): string => (tab === 'library' ? '#/copy/library' : '#/copy');

/** Copy studio with a segment as the audience of the brief (a hand-off from Campaigns or Segments). */
export const copyAudienceHash = (segmentId: number): string => `#/copy/audience/${segmentId}`;

/** Copy studio writing for a campaign (its audience's segment, when it has one). */
export const copyCampaignHash = (campaignId: number, segmentId: number | null): string =>
  segmentId === null ? `#/copy/campaign/${campaignId}` : `#/copy/audience/${segmentId}/campaign/${campaignId}`;
