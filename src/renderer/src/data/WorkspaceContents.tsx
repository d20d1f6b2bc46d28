import { Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkspaceStats } from '../../../shared/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';

const ROWS = [
  'customers',
  'products',
  'orders',
  'orderLines',
  'returns',
  'linesWithoutCustomer',
  'reviews',
  'campaigns',
  'campaignResults',
] as const satisfies readonly (keyof WorkspaceStats)[];

/** Record counts of the open workspace, straight from `workspace.stats`. */
export function WorkspaceContents() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useWorkspaceQuery('workspace.stats', {});
  return (
    <Paper p="md" data-testid="workspace-contents">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('data.contents.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('data.contents.subtitle')}
          </Text>
        </div>
        {stats.error && <ErrorAlert error={stats.error} onRetry={stats.refetch} />}
        <Table verticalSpacing={6} fz="sm">
          <Table.Tbody>
            {ROWS.map((key) => (
              <Table.Tr key={key}>
                <Table.Td c="dimmed">{t(`data.contents.rows.${key}`)}</Table.Td>
                <Table.Td ta="right" className="tabular" fw={500} data-testid={`count-${key}`}>
                  {stats.data ? format.integer(stats.data[key]) : <Skeleton h={14} w={48} ml="auto" />}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td c="dimmed">{t('data.contents.rows.revenue')}</Table.Td>
              <Table.Td ta="right" className="tabular" fw={500}>
                {stats.data ? format.money(stats.data.revenue, stats.data.currency) : <Skeleton h={14} w={80} ml="auto" />}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
