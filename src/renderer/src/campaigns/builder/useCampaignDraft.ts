import { useCallback, useEffect, useRef, useState } from 'react';
import { campaignPlanSchema, type CampaignDetail, type CampaignPlan } from '../../../../shared/campaign-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';

export const SAVE_DELAY_MS = 400;

/** Where the draft stands: saved, waiting for a pause in typing, on its way, not savable as it is, or refused. */
export type SaveState = 'saved' | 'pending' | 'saving' | 'invalid' | 'failed';

export type CampaignDraft = {
  detail: CampaignDetail | undefined;
  loadError: ApiError | undefined;
  reload: () => void;
  /** The plan as edited here (ahead of the saved one while a save is pending). */
  plan: CampaignPlan | null;
  update: (change: (plan: CampaignPlan) => CampaignPlan) => void;
  save: SaveState;
  saveError: ApiError | undefined;
  /** Why the plan cannot be saved as it is, by field path (`arms.1.name`). */
  problems: Record<string, string>;
  /** Bumps after every save, so what is computed from the saved plan (audience, power, forecast) is asked again. */
  savedVersion: number;
  /** Saves now, without waiting for the pause (before an export); false when the plan could not be saved. */
  flush: () => Promise<boolean>;
};

const problemsOf = (plan: CampaignPlan): Record<string, string> => {
  const parsed = campaignPlanSchema.safeParse(plan);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
};

/**
 * A campaign's plan, edited here and saved at every change: after a pause of SAVE_DELAY_MS, checked against the
 * contract first (an invalid plan is shown, not sent), the latest save winning; a pending change is saved when
 * the builder closes.
 */
export function useCampaignDraft(id: number): CampaignDraft {
  const api = useApi();
  const query = useWorkspaceQuery('campaigns.get', { id });
  const [detail, setDetail] = useState<CampaignDetail>();
  const [plan, setPlan] = useState<CampaignPlan | null>(null);
  const [save, setSave] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<ApiError>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [savedVersion, setSavedVersion] = useState(0);
  const current = useRef<CampaignPlan | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sequence = useRef(0);

  // The server's view of the campaign (its status, sizes) follows every reload; the plan is read once, then edited here.
  useEffect(() => {
    if (!query.data) return;
    setDetail(query.data);
    if (current.current === null && query.data.plan) {
      current.current = query.data.plan;
      setPlan(query.data.plan);
    }
  }, [query.data]);

  const send = useCallback(async (): Promise<boolean> => {
    timer.current = null;
    const next = current.current;
    if (!next) return false;
    const found = problemsOf(next);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setSave('invalid');
      return false;
    }
    const request = ++sequence.current;
    setSave('saving');
    try {
      const saved = await api.invoke('campaigns.update', { id, plan: next });
      if (request === sequence.current) {
        setDetail(saved);
        setSaveError(undefined);
        setSave('saved');
        setSavedVersion((v) => v + 1);
      }
      return true;
    } catch (reason) {
      if (request === sequence.current) {
        setSaveError(toApiError(reason));
        setSave('failed');
      }
      return false;
    }
  }, [api, id]);

  const update = useCallback(
    (change: (plan: CampaignPlan) => CampaignPlan) => {
      if (!current.current) return;
      const next = change(current.current);
      current.current = next;
      setPlan(next);
      setSave('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void send(), SAVE_DELAY_MS);
    },
    [send],
  );

  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    return send();
  }, [send]);

  // Leaving the builder mid-pause still saves the last change.
  useEffect(
    () => () => {
      if (!timer.current || !current.current) return;
      clearTimeout(timer.current);
      const last = current.current;
      if (campaignPlanSchema.safeParse(last).success) api.invoke('campaigns.update', { id, plan: last }).catch((reason: unknown) => console.warn('Could not save the campaign draft', reason));
    },
    [api, id],
  );

  return { detail, loadError: query.error, reload: query.refetch, plan, update, save, saveError, problems, savedVersion, flush };
}
