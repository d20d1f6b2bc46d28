import { Badge, Button, Drawer, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyFields, LibraryItem } from '../../../shared/copy-schemas';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { ChannelView } from './ChannelView';

type Props = { item: LibraryItem; onClose: () => void; onRestored: () => void };

/** Every earlier text of a saved item, newest first; any of them can become the current text again. */
export function HistoryDrawer({ item, onClose, onRestored }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const history = useApiQuery('copy.libraryHistory', { id: item.id });
  const [restoring, setRestoring] = useState<number | null>(null);
  const revisions = [...(history.data?.revisions ?? [])].sort((a, b) => b.revision - a.revision);
  const current = JSON.stringify(item.fields);

  const restore = async (revision: number, fields: CopyFields): Promise<void> => {
    setRestoring(revision);
    try {
      await api.invoke('copy.libraryUpdate', { id: item.id, fields });
      notifications.show({ color: 'teal', message: t('copy.history.restored', { revision: String(revision) }) });
      history.refetch();
      onRestored();
      onClose();
    } catch (reason) {
      const error = toApiError(reason);
      notifications.show({ color: 'red', title: t('copy.library.updateFailed'), message: t('errors.withCode', { message: error.message, code: error.code }) });
    } finally {
      setRestoring(null);
    }
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="md" title={t('copy.history.title', { campaign: item.campaign })} data-testid="copy-history">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('copy.history.help')}
        </Text>
        {history.error && <ErrorAlert error={history.error} onRetry={history.refetch} />}
        {!history.data && !history.error && <Skeleton h={200} />}
        {history.data && revisions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('copy.history.none')}
          </Text>
        )}
        {revisions.map((r) => {
          const isCurrent = JSON.stringify(r.fields) === current;
          return (
            <Paper key={r.revision} withBorder p="sm" data-testid="copy-revision" data-revision={r.revision}>
              <Group justify="space-between" mb="xs" gap="xs">
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {t('copy.history.revision', { revision: String(r.revision) })}
                  </Text>
                  {isCurrent && (
                    <Badge size="xs" variant="light">
                      {t('copy.history.current')}
                    </Badge>
                  )}
                  <Badge size="xs" variant="light" color={r.checksPassed ? 'teal' : 'red'} tt="none">
                    {r.checksPassed ? t('copy.history.passed') : t('copy.history.failed')}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {format.dateTime(r.savedAt)}
                </Text>
              </Group>
              <ChannelView fields={r.fields} checks={[]} brief={item.brief} />
              {!isCurrent && (
                <Button
                  mt="xs"
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconArrowBackUp size={12} />}
                  loading={restoring === r.revision}
                  onClick={() => void restore(r.revision, r.fields)}
                  data-testid="copy-revision-restore"
                >
                  {t('copy.history.restore')}
                </Button>
              )}
            </Paper>
          );
        })}
      </Stack>
    </Drawer>
  );
}
