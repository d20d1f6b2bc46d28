import { useCallback, useEffect, useState } from 'react';
import { subscribeToHash } from '../app/navigation';
import { CampaignBuilder } from './builder/CampaignBuilder';
import { campaignsHash, campaignsRouteFromHash, type CampaignsRoute, type Go } from './campaigns-route';
import { CampaignsHome } from './list/CampaignsHome';
import { CampaignReport } from './report/CampaignReport';

/**
 * Campaigns: every campaign (built here, imported, demo) with a calendar and a side-by-side comparison; the builder
 * that plans one step by step and exports it; and the report that measures it once its results are in.
 */
export function CampaignsPage() {
  const [route, setRoute] = useState<CampaignsRoute>(() => campaignsRouteFromHash(window.location.hash));
  useEffect(() => subscribeToHash(() => setRoute(campaignsRouteFromHash(window.location.hash))), []);

  const go = useCallback<Go>((next, options) => {
    setRoute(next);
    const hash = campaignsHash(next);
    if (window.location.hash === hash) return;
    if (options?.replace) window.history.replaceState(window.history.state, '', hash);
    else window.history.pushState(window.history.state, '', hash);
  }, []);

  switch (route.view) {
    case 'builder':
      return <CampaignBuilder key={route.id} id={route.id} step={route.step} go={go} />;
    case 'report':
      return <CampaignReport key={route.id} id={route.id} go={go} />;
    default:
      return <CampaignsHome route={route} go={go} />;
  }
}
