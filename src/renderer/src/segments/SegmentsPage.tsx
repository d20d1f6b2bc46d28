import { Badge, Button, Skeleton, Tabs } from '@mantine/core';
import { IconArrowsDiff, IconBinaryTree, IconChartBar, IconList, IconPlus, IconSparkles } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentRule } from '../../../shared/segment-schemas';
import { subscribeToHash } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { BuilderTab } from './BuilderTab';
import { CompareTab } from './CompareTab';
import { describeRule } from './describe-rule';
import { DiscoverTab } from './DiscoverTab';
import { fieldCatalog } from './field-catalog';
import { ProfileTab } from './ProfileTab';
import { emptyDraft, fromRule, type GroupDraft } from './rule-model';
import { SavedTab } from './SavedTab';
import { SegmentsContext, type Editing, type SegmentsContextValue } from './SegmentsContext';
import { NoCustomers } from './SegmentsEmpty';
import { hashFor, routeFromHash, SEGMENT_TABS, type SegmentsRoute, type SegmentTab } from './segments-route';

const DRAFT_KEY = 'localyst.segments.draft';
type StoredDraft = { draft: GroupDraft; editing: Editing; suggestedName: string; workspace: string | null };

/** The builder's work survives leaving the section (for this tab of the browser, this workspace). */
function loadDraft(workspace: string | null): StoredDraft | null {
  try {
    const raw = window.sessionStorage.getItem(DRAFT_KEY);
    const stored = raw ? (JSON.parse(raw) as StoredDraft) : null;
    return stored && stored.workspace === workspace && stored.draft?.type === 'group' ? stored : null;
  } catch {
    return null;
  }
}

/** Segments: build audiences from rules with a live count, save them, profile and compare them, discover groups. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { workspace } = useWorkspace();
  const workspacePath = workspace?.path ?? null;
  const stats = useWorkspaceQuery('workspace.stats', {});
  const fields = useWorkspaceQuery('segments.fields', {});
  const list = useWorkspaceQuery('segments.list', {});
  const [route, setRoute] = useState<SegmentsRoute>(() => routeFromHash(window.location.hash));
  const [stored] = useState(() => loadDraft(workspacePath));
  const [draft, setDraftState] = useState<GroupDraft>(() => stored?.draft ?? emptyDraft());
  const [editing, setEditing] = useState<Editing>(stored?.editing ?? null);
  const [suggestedName, setSuggestedName] = useState(stored?.suggestedName ?? '');

  useEffect(() => subscribeToHash(() => setRoute(routeFromHash(window.location.hash))), []);
  useEffect(() => {
    try {
      const value: StoredDraft = { draft, editing, suggestedName, workspace: workspacePath };
      window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(value));
    } catch {
      // Storage can be full or disabled: the draft then lives as long as the page.
    }
  }, [draft, editing, suggestedName, workspacePath]);

  const go = useCallback((next: SegmentsRoute) => {
    setRoute(next);
    const hash = hashFor(next);
    if (window.location.hash !== hash) window.history.pushState(window.history.state, '', hash);
  }, []);

  const currency = fields.data?.currency ?? workspace?.currency ?? 'EUR';
  const catalog = useMemo(() => fieldCatalog(fields.data), [fields.data]);
  const context = useMemo<SegmentsContextValue>(
    () => ({
      catalog,
      currency,
      segments: list.data?.segments,
      listError: list.error,
      refetchList: list.refetch,
      draft,
      setDraft: (update) => setDraftState(update),
      editing,
      suggestedName,
      openInBuilder: (rule: SegmentRule, options) => {
        setDraftState(fromRule(rule));
        setEditing(options?.editing ?? null);
        setSuggestedName(options?.name ?? options?.editing?.name ?? '');
        go({ tab: 'builder' });
      },
      setEditing,
      clearBuilder: () => {
        setDraftState(emptyDraft());
        setEditing(null);
        setSuggestedName('');
      },
      go,
      describe: (rule) => describeRule(rule, { t, format, catalog, currency }),
    }),
    [catalog, currency, list.data, list.error, list.refetch, draft, editing, suggestedName, go, t, format],
  );

  const hasCustomers = (stats.data?.customers ?? 0) > 0;
  const error = stats.error ?? fields.error;
  const count = list.data?.segments.length ?? 0;
  const toolbar = hasCustomers ? (
    <>
      <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => go({ tab: 'discover' })} data-testid="segments-discover-open">
        {t('segments.toolbar.discover')}
      </Button>
      <Button
        leftSection={<IconPlus size={16} />}
        onClick={() => {
          context.clearBuilder();
          go({ tab: 'builder' });
        }}
        data-testid="segments-new"
      >
        {t('segments.toolbar.new')}
      </Button>
    </>
  ) : undefined;

  return (
    <Page title={t('sections.segments.title')} subtitle={t('sections.segments.subtitle')} toolbar={toolbar}>
      {error && (
        <ErrorAlert
          error={error}
          onRetry={() => {
            stats.refetch();
            fields.refetch();
          }}
        />
      )}
      {!stats.data && !stats.error && <Skeleton h={420} />}
      {stats.data && !hasCustomers && <NoCustomers />}
      {stats.data && hasCustomers && (
        <SegmentsContext value={context}>
          <Tabs
            value={route.tab}
            onChange={(value) => {
              const tab = SEGMENT_TABS.find((candidate) => candidate === value);
              if (tab) go(routeForTab(tab, route));
            }}
            keepMounted={false}
            data-testid="segments-tabs"
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="saved" leftSection={<IconList size={16} />} data-testid="segments-tab-saved">
                {t('segments.tabs.saved')}
                {count > 0 && (
                  <Badge size="xs" variant="light" ml={6} className="tabular">
                    {format.integer(count)}
                  </Badge>
                )}
              </Tabs.Tab>
              <Tabs.Tab value="builder" leftSection={<IconBinaryTree size={16} />} data-testid="segments-tab-builder">
                {editing ? t('segments.tabs.builderEditing', { name: editing.name }) : t('segments.tabs.builder')}
              </Tabs.Tab>
              <Tabs.Tab value="profile" leftSection={<IconChartBar size={16} />} data-testid="segments-tab-profile">
                {t('segments.tabs.profile')}
              </Tabs.Tab>
              <Tabs.Tab value="compare" leftSection={<IconArrowsDiff size={16} />} data-testid="segments-tab-compare">
                {t('segments.tabs.compare')}
              </Tabs.Tab>
              <Tabs.Tab value="discover" leftSection={<IconSparkles size={16} />} data-testid="segments-tab-discover">
                {t('segments.tabs.discover')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="saved">{route.tab === 'saved' && <SavedTab selectedId={route.id} />}</Tabs.Panel>
            <Tabs.Panel value="builder">{route.tab === 'builder' && <BuilderTab />}</Tabs.Panel>
            <Tabs.Panel value="profile">{route.tab === 'profile' && <ProfileTab refKey={route.ref} />}</Tabs.Panel>
            <Tabs.Panel value="compare">{route.tab === 'compare' && <CompareTab a={route.a} b={route.b} />}</Tabs.Panel>
            <Tabs.Panel value="discover">{route.tab === 'discover' && <DiscoverTab />}</Tabs.Panel>
          </Tabs>
        </SegmentsContext>
      )}
    </Page>
  );
}

/** Switching tabs keeps what the current one was about where it makes sense (the segment shown, say). */
function routeForTab(tab: SegmentTab, current: SegmentsRoute): SegmentsRoute {
  const selected = current.tab === 'saved' ? current.id : current.tab === 'profile' ? current.ref : null;
  switch (tab) {
    case 'saved':
      return { tab, id: typeof selected === 'number' ? selected : null };
    case 'profile':
      return { tab, ref: selected };
    case 'compare':
      return { tab, a: selected, b: null };
    default:
      return { tab };
  }
}
