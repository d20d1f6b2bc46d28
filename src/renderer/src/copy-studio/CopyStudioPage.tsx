import { Badge, Button, Skeleton, Tabs, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconBooks, IconEraser, IconPencil, IconWand } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { subscribeToHash } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { notifications } from '@mantine/notifications';
import {
  defaultSettings,
  emptyDraft,
  isoDateFromToday,
  loadBrandKit,
  saveBrandKit,
  type BriefDraft,
  type GenerateSettings,
} from './brief-model';
import { campaignStepHash } from '../campaigns/campaigns-route';
import { copyChannelFor } from '../campaigns/plan-model';
import { copyHash, copyRouteFromHash, type CopyRoute, type CopyTab } from './copy-route';
import { CopyStudioContext, type CopyStudioValue } from './CopyStudioContext';
import { LibraryTab } from './LibraryTab';
import { useCampaignLink } from './useCampaignLink';
import { useGenerate } from './useGenerate';
import { WriteTab } from './WriteTab';

const DRAFT_KEY = 'localyst.copy.draft';
type StoredDraft = { workspace: string | null; draft: BriefDraft; settings: GenerateSettings };

function loadStored(workspace: string | null): StoredDraft | null {
  try {
    const raw = window.sessionStorage.getItem(DRAFT_KEY);
    const stored = raw ? (JSON.parse(raw) as StoredDraft) : null;
    return stored && stored.workspace === workspace && stored.draft?.product && stored.settings ? stored : null;
  } catch {
    return null;
  }
}

/** Copy studio: a brief in, ranked and checked variants out, a library of what was kept. */
export function CopyStudioPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const { workspace } = useWorkspace();
  const workspacePath = workspace?.path ?? null;
  const currency = workspace?.currency ?? 'EUR';
  const stats = useWorkspaceQuery('workspace.stats', {});
  const segments = useWorkspaceQuery('segments.list', {});
  const llm = useWorkspaceQuery('copy.llmStatus', {});
  const library = useWorkspaceQuery('copy.libraryList', {});
  const [route, setRoute] = useState<CopyRoute>(() => copyRouteFromHash(window.location.hash));
  const [stored] = useState(() => loadStored(workspacePath));
  const [draft, setDraftState] = useState<BriefDraft>(() => stored?.draft ?? emptyDraft(currency, loadBrandKit()));
  const [settings, setSettingsState] = useState<GenerateSettings>(() => stored?.settings ?? defaultSettings());
  const [sampleBusy, setSampleBusy] = useState(false);
  const generation = useGenerate(draft, settings, workspacePath);
  const { resetErrors } = generation;

  useEffect(() => subscribeToHash(() => setRoute(copyRouteFromHash(window.location.hash))), []);
  useEffect(() => {
    try {
      window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ workspace: workspacePath, draft, settings } satisfies StoredDraft));
    } catch {
      // Storage full or disabled: the brief lives as long as the page.
    }
  }, [draft, settings, workspacePath]);
  useEffect(() => saveBrandKit(draft.brand), [draft.brand]);

  // A hand-off (`#/copy/audience/12`, `…/campaign/5`): the segment becomes the brief's audience, the campaign the
  // one saves go to; then the address is plain again.
  const handedAudience = route.audience;
  const handedCampaign = route.campaign;
  const campaignLink = useCampaignLink(handedCampaign, workspacePath, (link) => setDraftState((d) => ({ ...d, channel: copyChannelFor(link.channel) })));
  useEffect(() => {
    if (handedAudience === null && handedCampaign === null) return;
    if (handedAudience !== null) setDraftState((d) => ({ ...d, audience: { ...d.audience, mode: 'segment', segmentId: handedAudience } }));
    window.history.replaceState(window.history.state, '', copyHash('write'));
    setRoute({ tab: 'write', audience: null, campaign: null });
  }, [handedAudience, handedCampaign]);

  const go = useCallback((tab: CopyTab) => {
    setRoute({ tab, audience: null, campaign: null });
    const hash = copyHash(tab);
    if (window.location.hash !== hash) window.history.pushState(window.history.state, '', hash);
  }, []);

  const fillSample = useCallback(async () => {
    setSampleBusy(true);
    try {
      const insight = await api.invoke('copy.audience', {});
      const product = insight.topProducts[0];
      if (!product) {
        notifications.show({ color: 'yellow', title: t('copy.sample.noProductsTitle'), message: t('copy.sample.noProducts') });
        return;
      }
      resetErrors();
      setDraftState((d) => ({
        ...emptyDraft(currency, d.brand),
        channel: d.channel === 'reply' ? 'email' : d.channel,
        network: d.network,
        goal: 'promotion',
        tone: 'friendly',
        product: {
          name: product,
          description: t('copy.sample.description'),
          benefits: [],
          price: null,
          currency,
        },
        offer: { discountPercent: 15, code: 'THANKS15', endsOn: isoDateFromToday(14), freeShipping: false },
        audience: d.audience,
        brand: d.brand.name.trim() ? d.brand : { ...d.brand, name: workspace?.name ?? t('copy.sample.brandName') },
      }));
      go('write');
    } catch (reason) {
      const error = toApiError(reason);
      notifications.show({ color: 'red', title: t('copy.sample.failed'), message: t('errors.withCode', { message: error.message, code: error.code }) });
    } finally {
      setSampleBusy(false);
    }
  }, [api, currency, go, t, workspace?.name, resetErrors]);

  const hasCustomers = (stats.data?.customers ?? 0) > 0;
  const context = useMemo<CopyStudioValue>(
    () => ({
      currency,
      draft,
      setDraft: (update) => setDraftState(update),
      settings,
      setSettings: (update) => setSettingsState(update),
      generation,
      segments: segments.data?.segments,
      llm: llm.data,
      hasCustomers,
      go,
      fillSample,
      sampleBusy,
      campaigns: library.data?.campaigns.map((c) => c.name) ?? [],
      linkedCampaign: campaignLink.link?.name ?? null,
      libraryChanged: library.refetch,
    }),
    [currency, draft, settings, generation, segments.data, llm.data, hasCustomers, go, fillSample, sampleBusy, library.data, library.refetch, campaignLink.link],
  );

  const saved = library.data?.items.length ?? 0;
  const backToCampaign = campaignLink.link && (
    <Button
      variant="light"
      leftSection={<IconArrowBackUp size={16} />}
      onClick={() => {
        const target = campaignLink.link;
        campaignLink.clear();
        if (target) window.location.hash = campaignStepHash(target.id, 'content');
      }}
      data-testid="copy-back-to-campaign"
    >
      {t('copy.handoff.backToCampaign', { name: campaignLink.link.name })}
    </Button>
  );
  const toolbar =
    route.tab === 'write' ? (
      <>
        {backToCampaign}
        <Button
          variant="default"
          leftSection={<IconEraser size={16} />}
          onClick={() => {
            generation.resetErrors();
            setDraftState((d) => emptyDraft(currency, d.brand));
          }}
          data-testid="copy-clear"
        >
          {t('copy.toolbar.clear')}
        </Button>
        <Tooltip label={t('copy.sample.needsData')} disabled={hasCustomers}>
          <Button
            variant="default"
            leftSection={<IconWand size={16} />}
            onClick={() => void fillSample()}
            loading={sampleBusy}
            disabled={!hasCustomers}
            data-testid="copy-sample"
          >
            {t('copy.toolbar.sample')}
          </Button>
        </Tooltip>
      </>
    ) : (
      backToCampaign || undefined
    );

  return (
    <Page title={t('sections.copy.title')} subtitle={t('sections.copy.subtitle')} toolbar={toolbar}>
      {stats.error && <ErrorAlert error={stats.error} onRetry={stats.refetch} />}
      {!stats.data && !stats.error ? (
        <Skeleton h={420} />
      ) : (
        <CopyStudioContext value={context}>
          <Tabs value={route.tab} onChange={(value) => go(value === 'library' ? 'library' : 'write')} keepMounted={false} data-testid="copy-tabs">
            <Tabs.List mb="md">
              <Tabs.Tab value="write" leftSection={<IconPencil size={16} />} data-testid="copy-tab-write">
                {t('copy.tabs.write')}
              </Tabs.Tab>
              <Tabs.Tab value="library" leftSection={<IconBooks size={16} />} data-testid="copy-tab-library">
                {t('copy.tabs.library')}
                {saved > 0 && (
                  <Badge size="xs" variant="light" ml={6} className="tabular" data-testid="copy-library-count">
                    {format.integer(saved)}
                  </Badge>
                )}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="write">{route.tab === 'write' && <WriteTab />}</Tabs.Panel>
            <Tabs.Panel value="library">{route.tab === 'library' && <LibraryTab />}</Tabs.Panel>
          </Tabs>
        </CopyStudioContext>
      )}
    </Page>
  );
}
