import { ActionIcon, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedMapping } from '../../../../shared/import-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';

/** Mappings saved from the wizard; a file with the same columns is mapped with them automatically. */
export function SavedMappings() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const list = useWorkspaceQuery('mappings.list', {});
  const [deleting, setDeleting] = useState<SavedMapping>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const mappings = list.data?.mappings;

  const remove = async (): Promise<void> => {
    if (!deleting) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('mappings.delete', { name: deleting.name });
      notifications.show({ color: 'teal', message: t('mappings.deleted', { name: deleting.name }) });
      setDeleting(undefined);
      list.refetch();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="md" data-testid="saved-mappings">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('mappings.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('mappings.subtitle')}
          </Text>
        </div>
        {list.error && <ErrorAlert error={list.error} onRetry={list.refetch} />}
        {!mappings && !list.error && <Skeleton h={60} />}
        {mappings?.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="saved-mappings-empty">
            {t('mappings.empty')}
          </Text>
        )}
        {mappings && mappings.length > 0 && (
          <Table fz="sm" verticalSpacing={6} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mappings.columns.name')}</Table.Th>
                <Table.Th>{t('mappings.columns.kind')}</Table.Th>
                <Table.Th ta="right">{t('mappings.columns.columns')}</Table.Th>
                <Table.Th>{t('mappings.columns.updated')}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mappings.map((mapping) => (
                <Table.Tr key={mapping.name} data-testid="saved-mapping-row">
                  <Table.Td fw={500}>{mapping.name}</Table.Td>
                  <Table.Td>{t(`importWizard.kinds.${mapping.kind}`)}</Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {format.integer(Object.keys(mapping.mapping).length)}
                  </Table.Td>
                  <Table.Td>{format.dateTime(mapping.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t('mappings.delete')}>
                      <ActionIcon variant="subtle" color="red" aria-label={t('mappings.deleteNamed', { name: mapping.name })} onClick={() => setDeleting(mapping)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ConfirmDialog
        opened={deleting !== undefined}
        title={t('mappings.confirmTitle')}
        confirmLabel={t('mappings.delete')}
        danger
        busy={busy}
        error={error}
        testId="delete-mapping-dialog"
        onConfirm={() => void remove()}
        onClose={() => {
          setDeleting(undefined);
          setError(undefined);
        }}
      >
        <Text size="sm">{t('mappings.confirmText', { name: deleting?.name ?? '' })}</Text>
      </ConfirmDialog>
    </Paper>
  );
}
