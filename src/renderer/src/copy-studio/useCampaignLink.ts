import { useEffect, useEffectEvent, useState } from 'react';
import type { CampaignChannel } from '../../../shared/campaign-schemas';
import { useApi } from '../api/useApi';

const LINK_KEY = 'localyst.copy.campaign';

/** The campaign the studio is writing for (opened from its builder's content step): saves go under its name. */
export type CampaignLink = { id: number; name: string; channel: CampaignChannel };
type Stored = CampaignLink & { workspace: string | null };

function loadLink(workspace: string | null): CampaignLink | null {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(LINK_KEY) ?? 'null') as Stored | null;
    return stored && stored.workspace === workspace && typeof stored.id === 'number' ? { id: stored.id, name: stored.name, channel: stored.channel } : null;
  } catch {
    return null;
  }
}

function storeLink(link: CampaignLink | null, workspace: string | null): void {
  try {
    if (link) window.sessionStorage.setItem(LINK_KEY, JSON.stringify({ ...link, workspace } satisfies Stored));
    else window.sessionStorage.removeItem(LINK_KEY);
  } catch {
    // Storage disabled: the link lasts as long as the page.
  }
}

/**
 * The campaign handed over in the address (`#/copy/campaign/5`), read once and remembered for this tab, so the
 * studio can save under its name and offer the way back; `onLinked` lets the brief follow the campaign's channel.
 */
export function useCampaignLink(handed: number | null, workspace: string | null, onLinked: (link: CampaignLink) => void) {
  const api = useApi();
  const [link, setLink] = useState<CampaignLink | null>(() => loadLink(workspace));
  const linked = useEffectEvent((next: CampaignLink) => {
    setLink(next);
    storeLink(next, workspace);
    onLinked(next);
  });

  // Not cancelled when the address goes plain again right after the hand-off: the answer is still wanted.
  useEffect(() => {
    if (handed === null) return;
    api.invoke('campaigns.get', { id: handed }).then(
      (campaign) => {
        if (campaign.plan) linked({ id: campaign.id, name: campaign.plan.name, channel: campaign.plan.channel });
      },
      (reason: unknown) => console.warn('Could not read the campaign handed to the studio', reason),
    );
  }, [api, handed]);

  const clear = (): void => {
    setLink(null);
    storeLink(null, workspace);
  };
  return { link, clear };
}
