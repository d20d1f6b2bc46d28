import { Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconFileImport, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportHistoryItem } from '../../../../shared/import-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import { navigate } from '../../app/navigation';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { useWorkspace } from '../../workspace/useWorkspace';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';

/** Every import of this workspace, newest first; the newest one still in effect can be undone. */
export function ImportHistory({ onImport }: { onImport: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useWorkspaceQuery('import.history', {});
  const [undoing, setUndoing] = useState<ImportHistoryItem>();
  const imports = history.data?.imports;

  return (
    <Paper p="md" data-testid="import-history">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('history.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('history.subtitle')}
          </Text>
        </div>
        {history.error && <ErrorAlert error={history.error} onRetry={history.refetch} />}
        {!imports && !history.error && <Skeleton h={120} />}
        {imports?.length === 0 && <EmptyHistory onImport={onImport} />}
        {imports && imports.length > 0 && (
          <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48} ta="right">
                  #
                </Table.Th>
                <Table.Th>{t('history.columns.date')}</Table.Th>
                <Table.Th>{t('history.columns.file')}</Table.Th>
                <Table.Th>{t('history.columns.kind')}</Table.Th>
                <Table.Th ta="right">{t('history.columns.inserted')}</Table.Th>
                <Table.Th ta="right">{t('history.columns.updated')}</Table.Th>
                <Table.Th ta="right">{t('history.columns.skipped')}</Table.Th>
                <Table.Th>{t('history.columns.status')}</Table.Th>
                <Table.Th w={96} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.map((item) => (
                <Table.Tr key={item.id} data-testid="import-history-row" data-id={item.id} data-status={item.status}>
                  <Table.Td ta="right" className="tabular" c="dimmed">
                    {item.id}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(item.createdAt)}</Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" truncate="end" title={item.fileName}>
                      {displayName(item.fileName)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`importWizard.kinds.${item.kind}`)}</Table.Td>
                  <Table.Td ta="right" className="tabular" data-testid="history-inserted">
                    {format.integer(item.inserted)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {format.integer(item.updated)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {format.integer(item.skipped)}
                  </Table.Td>
                  <Table.Td>
                    {item.status === 'done' ? (
                      <Badge variant="light" color="teal" size="sm">
                        {t('history.status.done')}
                      </Badge>
                    ) : (
                      <Tooltip label={t('history.undoneAt', { when: format.dateTime(item.undoneAt ?? item.createdAt) })}>
                        <Badge variant="light" color="gray" size="sm">
                          {t('history.status.undone')}
                        </Badge>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.canUndo && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        leftSection={<IconArrowBackUp size={14} />}
                        onClick={() => setUndoing(item)}
                        data-testid="import-undo"
                      >
                        {t('history.undo')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {imports && imports.some((i) => i.status === 'done' && !i.canUndo) && (
          <Text size="xs" c="dimmed">
            {t('history.undoOrder')}
          </Text>
        )}
      </Stack>
      <UndoDialog item={undoing} onClose={() => setUndoing(undefined)} />
    </Paper>
  );
}

function UndoDialog({ item, onClose }: { item: ImportHistoryItem | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { refresh } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const close = (): void => {
    setError(undefined);
    onClose();
  };
  const confirm = async (): Promise<void> => {
    if (!item) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.invoke('import.undo', { importId: item.id });
      notifications.show({
        color: 'teal',
        title: t('history.undoneTitle', { id: String(item.id) }),
        message:
          result.restored > 0
            ? t('history.undoneMessageRestored', { removed: format.integer(result.removed), restored: format.integer(result.restored) })
            : t('history.undoneMessage', { removed: format.integer(result.removed) }),
      });
      refresh();
      close();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      opened={item !== undefined}
      title={t('history.confirmTitle', { id: String(item?.id ?? '') })}
      confirmLabel={t('history.confirm')}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={close}
      testId="import-undo-dialog"
    >
      {item && (
        <Text size="sm">
          {t('history.confirmText', { file: displayName(item.fileName), when: format.dateTime(item.createdAt), inserted: format.integer(item.inserted) })}
          {item.updated > 0 && ` ${t('history.confirmUpdated', { updated: format.integer(item.updated) })}`} {t('history.confirmAfter')}
        </Text>
      )}
    </ConfirmDialog>
  );
}

function EmptyHistory({ onImport }: { onImport: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  return (
    <Stack align="center" gap="xs" py="xl" data-testid="import-history-empty">
      <ThemeIcon size={44} radius="xl" variant="light" color="gray">
        <IconFileImport size={22} stroke={1.5} />
      </ThemeIcon>
      <Text fw={600}>{t('history.empty.title')}</Text>
      <Text size="sm" c="dimmed" ta="center" maw={460}>
        {workspace?.isEmpty ? t('history.empty.textEmpty') : t('history.empty.textDemo')}
      </Text>
      <Group gap="xs" mt={4}>
        <Button size="sm" leftSection={<IconFileImport size={16} />} onClick={onImport}>
          {t('history.empty.import')}
        </Button>
        {workspace?.isEmpty && (
          <Button size="sm" variant="default" leftSection={<IconSparkles size={16} />} onClick={() => navigate('dashboard')}>
            {t('data.tryDemo')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Uploads from before per-upload folders carried a time stamp in front of their name; the marketer knows them without it. */
export const displayName = (fileName: string): string => fileName.replace(/^\d{8}-\d{6}-/, '');
