import { Skeleton, Tabs } from '@mantine/core';
import { IconChartDots3, IconChartLine, IconGridDots, IconTableRow } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { NoDataYet } from '../components/EmptyState';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { CohortsTab } from './CohortsTab';
import { RfmTab } from './RfmTab';
import { TrendsTab } from './TrendsTab';

const TABS = ['rfm', 'cohorts', 'trends'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => (TABS as readonly (string | null)[]).includes(value);

/** `#/insights/cohorts` opens that tab directly. */
const tabFromHash = (): Tab => {
  const sub = window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? null;
  return isTab(sub) ? sub : 'rfm';
};

/** Descriptive analytics of the sales: RFM segments, acquisition cohorts, and trends with a forecast. */
export function InsightsPage() {
  const { t } = useTranslation();
  const stats = useWorkspaceQuery('workspace.stats', {});
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const hasSales = (stats.data?.orders ?? 0) > (stats.data?.returns ?? 0);

  const show = (next: Tab): void => {
    setTab(next);
    window.history.replaceState(window.history.state, '', `#/insights${next === 'rfm' ? '' : `/${next}`}`);
  };

  return (
    <Page title={t('sections.insights.title')} subtitle={t('sections.insights.subtitle')}>
      {stats.error && <ErrorAlert error={stats.error} onRetry={stats.refetch} />}
      {!stats.data && !stats.error && <Skeleton h={420} />}
      {stats.data && !hasSales && <NoSales />}
      {stats.data && hasSales && (
        <Tabs value={tab} onChange={(value) => isTab(value) && show(value)} data-testid="insights-tabs">
          <Tabs.List mb="md">
            <Tabs.Tab value="rfm" leftSection={<IconGridDots size={16} />} data-testid="insights-tab-rfm">
              {t('insights.tabs.rfm')}
            </Tabs.Tab>
            <Tabs.Tab value="cohorts" leftSection={<IconTableRow size={16} />} data-testid="insights-tab-cohorts">
              {t('insights.tabs.cohorts')}
            </Tabs.Tab>
            <Tabs.Tab value="trends" leftSection={<IconChartLine size={16} />} data-testid="insights-tab-trends">
              {t('insights.tabs.trends')}
            </Tabs.Tab>
          </Tabs.List>
          {/* Each tab loads when shown; answers are remembered by the engine until the data changes. */}
          <Tabs.Panel value="rfm">{tab === 'rfm' && <RfmTab />}</Tabs.Panel>
          <Tabs.Panel value="cohorts">{tab === 'cohorts' && <CohortsTab />}</Tabs.Panel>
          <Tabs.Panel value="trends">{tab === 'trends' && <TrendsTab />}</Tabs.Panel>
        </Tabs>
      )}
    </Page>
  );
}

/** A workspace without sales: what this section will show, and the two ways to get orders in. */
function NoSales() {
  const { t } = useTranslation();
  return (
    <NoDataYet
      icon={IconChartDots3}
      title={t('insights.empty.title')}
      text={t('insights.empty.text')}
      importLabel={t('insights.empty.import')}
      demoLabel={t('insights.empty.demo')}
      testId="insights-empty"
    />
  );
}
