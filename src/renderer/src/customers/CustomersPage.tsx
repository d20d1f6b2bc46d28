import { Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAddressBook, IconFileImport, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/navigation';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { useFormat } from '../format/useFormat';
import { useWorkspace } from '../workspace/useWorkspace';
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
  const { workspace } = useWorkspace();
  return (
    <Paper p="xl" data-testid="customers-empty">
      <Stack align="center" gap="sm" py="xl" maw={560} mx="auto">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconAddressBook size={28} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {t('explorer.empty.title')}
        </Title>
        <Text size="sm" c="dimmed" ta="center">
          {t('explorer.empty.text')}
        </Text>
        <Group gap="xs" mt="xs">
          <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('data')} data-testid="customers-empty-import">
            {t('explorer.empty.import')}
          </Button>
          {workspace?.isEmpty && (
            <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => navigate('dashboard')}>
              {t('placeholder.loadDemo')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
