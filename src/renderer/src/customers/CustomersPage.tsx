import { Skeleton } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useFormat } from '../format/useFormat';
import { NoDataYet } from '../components/EmptyState';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { CustomerExplorer } from './CustomerExplorer';

export function CustomersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useWorkspaceQuery('workspace.stats', {});
  const [asOf, setAsOf] = useState<{ asOf: string | null; currency: string } | null>(null);
  const hasCustomers = (stats.data?.customers ?? 0) > 0;
  const subtitle =
    hasCustomers && asOf?.asOf
      ? t('explorer.subtitle', { date: format.date(asOf.asOf.slice(0, 10)), currency: asOf.currency })
      : t('sections.customers.subtitle');
  return (
    <Page title={t('sections.customers.title')} subtitle={subtitle}>
      {stats.error && <ErrorAlert error={stats.error} onRetry={stats.refetch} />}
      {!stats.data && !stats.error && <Skeleton h={420} />}
      {stats.data && !hasCustomers && <NoCustomers />}
      {hasCustomers && <CustomerExplorer onPageInfo={setAsOf} />}
    </Page>
  );
}

/** An empty workspace: what the explorer will show, and the two ways to get customers into it. */
function NoCustomers() {
  const { t } = useTranslation();
  return (
    <NoDataYet
      icon={IconAddressBook}
      title={t('explorer.empty.title')}
      text={t('explorer.empty.text')}
      importLabel={t('explorer.empty.import')}
      demoLabel={t('placeholder.loadDemo')}
      testId="customers-empty"
      maw={560}
    />
  );
}
