import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';

type Props = { opened: boolean; onClose: () => void; onOpened: (name: string) => void };

/** Opens an existing workspace folder, or creates a new one there. */
export function OpenWorkspaceModal({ opened, onClose, onOpened }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [path, setPath] = useState('');
  const [create, setCreate] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const close = (): void => {
    if (busy) return;
    setError(undefined);
    onClose();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const workspace = await api.invoke('workspace.open', { path: path.trim(), create });
      setPath('');
      onOpened(workspace.name);
      onClose();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('workspace.modal.title')} size="lg">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('workspace.modal.intro')}
          </Text>
          <TextInput
            label={t('workspace.modal.pathLabel')}
            description={t('workspace.modal.pathHint')}
            placeholder={t('workspace.modal.pathPlaceholder')}
            leftSection={<IconFolderOpen size={16} />}
            value={path}
            onChange={(event) => setPath(event.currentTarget.value)}
            data-autofocus
            required
            spellCheck={false}
            autoComplete="off"
            data-testid="workspace-path"
          />
          <Checkbox
            label={t('workspace.modal.createLabel')}
            description={t('workspace.modal.createHint')}
            checked={create}
            onChange={(event) => setCreate(event.currentTarget.checked)}
          />
          {error && <ErrorAlert error={error} title={t('workspace.modal.errorTitle')} />}
          <Alert variant="light" color="gray" p="xs">
            <Text size="xs" c="dimmed">
              {t('workspace.modal.privacy')}
            </Text>
          </Alert>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!path.trim()}>
              {create ? t('workspace.modal.submitCreate') : t('workspace.modal.submitOpen')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
