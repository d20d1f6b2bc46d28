/** The Copy studio's place in the address: `#/copy` (write), `#/copy/library`, `#/copy/audience/12` (from Campaigns). */
export type CopyTab = 'write' | 'library';
export type CopyRoute = { tab: CopyTab; audience: number | null };

export function copyRouteFromHash(hash: string): CopyRoute {
  const [section, first, second] = hash.replace(/^#\/?/, '').split('/');
  if (section !== 'copy') return { tab: 'write', audience: null };
  if (first === 'library') return { tab: 'library', audience: null };
  if (first === 'audience') {
    const id = Number(second);
    return { tab: 'write', audience: Number.isInteger(id) && id > 0 ? id : null };
  }
  return { tab: 'write', audience: null };
}

export const copyHash = (tab: CopyTab): string => (tab === 'library' ? '#/copy/library' : '#/copy');

/** Copy studio with a segment as the audience of the brief (a hand-off from Campaigns or Segments). */
export const copyAudienceHash = (segmentId: number): string => `#/copy/audience/${segmentId}`;
