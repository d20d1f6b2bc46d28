import { Alert, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EraseResult } from '../../../shared/customer-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useFormat } from '../format/useFormat';

/** Whether an erase left something for the user to decide: files that still hold the person, or a log not emptied. */
export const eraseLeftSomething = (result: EraseResult): boolean => result.files.length > 0 || !result.log.cleared;

const kilobytes = (bytes: number): number => Math.max(1, Math.round(bytes / 1024));

/**
 * After an erase: the files of the workspace folder that still hold the person (an export, an upload not imported),
 * listed, with the offer to delete them; and, when another program kept the write-ahead log from being emptied,
 * why and a retry.
 */
export function EraseLeftoversDialog({ result, onClose }: { result: EraseResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [logMessage, setLogMessage] = useState<string | null>(null);
  if (!result) return null;
  const deletable = result.files.filter((f) => f.deletable);
  const log = logMessage ?? (result.log.cleared ? null : result.log.message);
  const finish = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.invoke('customers.eraseLeftovers', { files: deletable.map((f) => f.path) });
      if (!done.log.cleared) {
        setLogMessage(done.log.message);
        return;
      }
      notifications.show({
        color: 'teal',
        title: t('customer360.erase.leftovers.doneTitle', { id: result.customerId }),
        message: t('customer360.erase.leftovers.doneText', { count: done.deleted.length }),
      });
      close();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  const close = (): void => {
    setLogMessage(null);
    setError(undefined);
    onClose();
  };
  return (
    <ConfirmDialog
      opened
      title={t('customer360.erase.leftovers.title', { id: result.customerId })}
      confirmLabel={deletable.length > 0 ? t('customer360.erase.leftovers.delete') : t('customer360.erase.leftovers.emptyLog')}
      danger={deletable.length > 0}
      busy={busy}
      error={error}
      onConfirm={() => void finish()}
      onClose={close}
      testId="erase-leftovers-dialog"
    >
      {result.files.length > 0 && (
        <>
          <Text size="sm">{t('customer360.erase.leftovers.text')}</Text>
          <List size="sm" spacing={4} data-testid="erase-leftovers-files">
            {result.files.map((file) => (
              <List.Item key={file.path}>
                <Text span size="sm" ff="monospace">
                  {file.path}
                </Text>{' '}
                <Text span size="xs" c="dimmed">
                  {format.integer(kilobytes(file.sizeBytes))} KB{file.deletable ? '' : ` · ${t('customer360.erase.leftovers.workspaceFile')}`}
                </Text>
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {t('customer360.erase.leftovers.keep')}
          </Text>
        </>
      )}
      {log && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} data-testid="erase-leftovers-log">
          <Text size="sm">{log}</Text>
        </Alert>
      )}
    </ConfirmDialog>
  );
}
