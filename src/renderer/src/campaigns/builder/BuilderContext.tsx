import { createContext, use, useEffect, useRef } from 'react';
import type { CampaignDetail, CampaignPlan } from '../../../../shared/campaign-schemas';
import type { Segment } from '../../../../shared/segment-schemas';
import type { ApiQuery } from '../../api/useApiQuery';
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import type { BuilderStep } from '../campaigns-route';

export type BuilderValue = {
  id: number;
  detail: CampaignDetail;
  plan: CampaignPlan;
  update: (change: (plan: CampaignPlan) => CampaignPlan) => void;
  /** Exported: who is in which arm is fixed, so the audience and the arms can no longer change. */
  frozen: boolean;
  currency: string;
  segments: Segment[] | undefined;
  /** Why a field cannot be saved as it is (its contract path, e.g. `arms.0.name`), if it cannot. */
  problem: (path: string) => string | undefined;
  savedVersion: number;
  goStep: (step: BuilderStep) => void;
  /** Saves now (before an export). */
  flush: () => Promise<boolean>;
};

export const BuilderContext = createContext<BuilderValue | null>(null);

export function useBuilder(): BuilderValue {
  const value = use(BuilderContext);
  if (!value) throw new Error('useBuilder must be used inside the campaign builder');
  return value;
}

type AnalysisChannel = 'campaigns.audience' | 'campaigns.experiment' | 'campaigns.forecast';

/** What the engine works out from the saved plan (audience, power, forecast): asked again after every save. */
export function useAnalysis<K extends AnalysisChannel>(channel: K): ApiQuery<ChannelOutput<K>> {
  const { id, savedVersion } = useBuilder();
  // Every analysis channel takes the campaign's id and nothing else.
  const query = useWorkspaceQuery(channel, { id } as ChannelInput<K>);
  const { refetch } = query;
  const seen = useRef(savedVersion);
  useEffect(() => {
    if (seen.current === savedVersion) return;
    seen.current = savedVersion;
    refetch();
  }, [savedVersion, refetch]);
  return query;
}
