import { Badge, Button, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowsDiff, IconCalendarMonth, IconList, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../../shared/campaign-schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { useFormat } from '../../format/useFormat';
import { useWorkspace } from '../../workspace/useWorkspace';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { HOME_TABS, homeRoute, MAX_COMPARED, type CampaignsRoute, type Go } from '../campaigns-route';
import { AudienceHandoff } from './AudienceHandoff';
import { CampaignCalendar } from './CampaignCalendar';
import { CampaignGrid } from './CampaignGrid';
import { CampaignsEmpty, NoCustomers } from './CampaignsEmpty';
import { CompareTab } from './CompareTab';
import { NewCampaignModal } from './NewCampaignModal';

type Props = { route: Extract<CampaignsRoute, { view: 'home' }>; go: Go };

/** Where a campaign opens: a draft in its builder, an exported one at its review, one with results (or no plan) at its report. */
export function openCampaign(campaign: CampaignSummary, go: Go): void {
  if (campaign.source !== 'builder' || campaign.status === 'results') go({ view: 'report', id: campaign.id });
  else go({ view: 'builder', id: campaign.id, step: campaign.status === 'draft' ? 'goal' : 'review' });
}

/** How many a tab holds, beside its name; nothing when it holds none. */
function TabCount({ count }: { count: number }) {
  const format = useFormat();
  if (count === 0) return null;
  return (
    <Badge size="xs" variant="light" ml={6} className="tabular">
      {format.integer(count)}
    </Badge>
  );
}

/** The list of campaigns, their calendar and the comparison of a few; "New campaign" starts the builder. */
export function CampaignsHome({ route, go }: Props) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const currency = workspace?.currency ?? 'EUR';
  const stats = useWorkspaceQuery('workspace.stats', {});
  const list = useWorkspaceQuery('campaigns.list', {});
  const [selected, setSelected] = useState<number[]>(route.compare);
  const [creating, setCreating] = useState<{ segmentIds: number[] } | null>(null);
  const campaigns = list.data?.campaigns;
  const hasCustomers = (stats.data?.customers ?? 0) > 0;

  const compare = (ids: number[]): void => {
    setSelected(ids);
    go(homeRoute('compare', ids));
  };
  const startNew = (segmentIds: number[] = []): void => setCreating({ segmentIds });

  const toolbar = hasCustomers ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => startNew(route.audience !== null ? [route.audience] : [])} data-testid="campaigns-new">
      {t('campaigns.toolbar.new')}
    </Button>
  ) : undefined;

  const body = (() => {
    if (stats.error) return <ErrorAlert error={stats.error} onRetry={stats.refetch} />;
    if (!stats.data) return <Skeleton h={420} />;
    if (!hasCustomers) return <NoCustomers />;
    if (list.error) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
    if (!campaigns) return <Skeleton h={420} />;
    return (
      <Tabs
        value={route.tab}
        onChange={(value) => {
          const tab = HOME_TABS.find((candidate) => candidate === value);
          if (tab) go(homeRoute(tab, tab === 'compare' ? selected : []));
        }}
        keepMounted={false}
        data-testid="campaigns-tabs"
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="list" leftSection={<IconList size={16} />} data-testid="campaigns-tab-list">
            {t('campaigns.tabs.list')}
            <TabCount count={campaigns.length} />
          </Tabs.Tab>
          <Tabs.Tab value="calendar" leftSection={<IconCalendarMonth size={16} />} data-testid="campaigns-tab-calendar">
            {t('campaigns.tabs.calendar')}
          </Tabs.Tab>
          <Tabs.Tab value="compare" leftSection={<IconArrowsDiff size={16} />} data-testid="campaigns-tab-compare">
            {t('campaigns.tabs.compare')}
            <TabCount count={selected.length} />
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list">
          {route.tab === 'list' &&
            (campaigns.length === 0 ? (
              <CampaignsEmpty onNew={() => startNew()} />
            ) : (
              <Stack gap="sm">
                <CampaignGrid campaigns={campaigns} currency={currency} selected={selected} onSelect={setSelected} onOpen={(c) => openCampaign(c, go)} />
                <Group justify="space-between" gap="sm">
                  <Text size="xs" c="dimmed">
                    {t('campaigns.list.selectHint', { max: String(MAX_COMPARED) })}
                  </Text>
                  <Group gap="xs">
                    {selected.length > 0 && (
                      <Button variant="subtle" color="gray" size="xs" onClick={() => setSelected([])} data-testid="campaigns-clear-selection">
                        {t('campaigns.list.clearSelection')}
                      </Button>
                    )}
                    <Button
                      variant="light"
                      leftSection={<IconArrowsDiff size={16} />}
                      disabled={selected.length < 2}
                      onClick={() => compare(selected)}
                      data-testid="campaigns-compare"
                    >
                      {t('campaigns.list.compare', { count: selected.length })}
                    </Button>
                  </Group>
                </Group>
              </Stack>
            ))}
        </Tabs.Panel>
        <Tabs.Panel value="calendar">{route.tab === 'calendar' && <CampaignCalendar campaigns={campaigns} onOpen={(c) => openCampaign(c, go)} />}</Tabs.Panel>
        <Tabs.Panel value="compare">{route.tab === 'compare' && <CompareTab campaigns={campaigns} ids={route.compare} onChange={compare} currency={currency} />}</Tabs.Panel>
      </Tabs>
    );
  })();

  return (
    <Page title={t('sections.campaigns.title')} subtitle={t('sections.campaigns.subtitle')} toolbar={toolbar}>
      {route.audience !== null && hasCustomers && (
        <AudienceHandoff id={route.audience} onPlan={() => startNew(route.audience !== null ? [route.audience] : [])} onClear={() => go(homeRoute(), { replace: true })} />
      )}
      {body}
      {creating && <NewCampaignModal segmentIds={creating.segmentIds} onClose={() => setCreating(null)} onCreated={(id) => go({ view: 'builder', id, step: 'audience' })} />}
    </Page>
  );
}
