import { Button, Stack } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { KpiGrid, KpiGridSkeleton } from './KpiGrid';
import { RevenueChart, RevenueChartSkeleton } from './RevenueChart';
import { WelcomeScreen } from './WelcomeScreen';

export function DashboardPage() {
  const { t } = useTranslation();
  const { workspace, error, refresh } = useWorkspace();

  if (error && !workspace) {
    return (
      <Page title={t('sections.dashboard.title')}>
        <ErrorAlert error={error} title={t('workspace.loadFailed')} onRetry={refresh} />
      </Page>
    );
  }
  if (workspace?.isEmpty) {
    return (
      <Page title={t('sections.dashboard.title')} subtitle={t('dashboard.emptySubtitle')}>
        <WelcomeScreen />
      </Page>
    );
  }
  if (!workspace) {
    return (
      <Page title={t('sections.dashboard.title')} subtitle={t('dashboard.loadingPeriod')}>
        <Stack gap="md" aria-busy>
          <KpiGridSkeleton />
          <RevenueChartSkeleton />
        </Stack>
      </Page>
    );
  }
  return <DashboardOverview />;
}

/** The shop at a glance: key figures and revenue by month, refreshed whenever the workspace's data changes. */
function DashboardOverview() {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useWorkspaceQuery('dashboard.summary', {});
  const { refetch } = summary;

  const data = summary.data;
  const period =
    data?.firstOrderDate && data.lastOrderDate
      ? t('dashboard.period', { from: format.date(data.firstOrderDate), to: format.date(data.lastOrderDate) })
      : data
        ? t('dashboard.noPeriod')
        : undefined;

  return (
    <Page
      title={t('sections.dashboard.title')}
      subtitle={period ?? t('dashboard.loadingPeriod')}
      toolbar={
        <Button
          variant="default"
          size="sm"
          leftSection={<IconRefresh size={16} />}
          loading={summary.refreshing}
          onClick={refetch}
        >
          {t('common.refresh')}
        </Button>
      }
    >
      {summary.error && <ErrorAlert error={summary.error} title={t('dashboard.loadFailed')} onRetry={refetch} />}
      {data ? (
        <Stack gap="md" data-testid="dashboard">
          <KpiGrid summary={data} />
          <RevenueChart summary={data} />
        </Stack>
      ) : (
        !summary.error && (
          <Stack gap="md" aria-busy>
            <KpiGridSkeleton />
            <RevenueChartSkeleton />
          </Stack>
        )
      )}
    </Page>
  );
}
