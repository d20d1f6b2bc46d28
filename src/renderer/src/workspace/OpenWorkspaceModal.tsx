import { Alert, Button, Checkbox, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../api/api-error';
import type { ChannelInput } from '../../../shared/contract';
import { canChooseFiles, chooseWithDialog } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { ErrorAlert } from '../components/ErrorAlert';
import { useWorkspace } from './useWorkspace';
import { emptyPair, pairIsValid, PassphraseFields, type PassphrasePair } from '../security/PassphraseFields';
import { useShowRecoveryKey } from '../security/RecoveryKeyProvider';

type Props = { opened: boolean; onClose: () => void; onOpened: (name: string) => void };

/**
 * Opens or creates a workspace by name in the workspaces home, or (desktop) in any folder chosen in the system's
 * dialog. A typed path never reaches the engine.
 */
export function OpenWorkspaceModal({ opened, onClose, onOpened }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useApiQuery('workspace.list', {});
  // Whether this computer has a real OS key store to remember the key in (desktop); absent or failing: not offered.
  const security = useApiQuery('workspace.security', {});
  const dialogs = !canChooseFiles(api.transport);
  const [name, setName] = useState('');
  const [create, setCreate] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [encrypt, setEncrypt] = useState(false);
  const [pair, setPair] = useState<PassphrasePair>(emptyPair);
  const [remember, setRemember] = useState(false);
  const showRecoveryKey = useShowRecoveryKey();
  const { refresh } = useWorkspace();
  // Encrypting applies only to a workspace this dialog creates by name.
  const encrypting = create && encrypt;

  const close = (): void => {
    if (busy) return;
    setError(undefined);
    onClose();
  };

  const openWith = async (target: () => Promise<ChannelInput<'workspace.open'> | null>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const input = await target();
      if (!input) return;
      const workspace = await api.invoke('workspace.open', input);
      // Shown once, above every screen, until the user says it is saved.
      if (workspace.recoveryKey) showRecoveryKey({ workspaceName: workspace.name, recoveryKey: workspace.recoveryKey });
      setName('');
      setPair(emptyPair);
      setEncrypt(false);
      onOpened(workspace.name);
      onClose();
    } catch (reason) {
      const failure = toApiError(reason);
      // An encrypted workspace opens locked: close, and the lock screen asks for its passphrase.
      if (failure.code === 'workspace-encrypted') {
        setName('');
        onClose();
        refresh();
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim() || (encrypting && !pairIsValid(pair))) return;
    void openWith(async () => ({ name: name.trim(), create, ...(encrypting ? { encrypt: { passphrase: pair.passphrase, remember } } : {}) }));
  };
  const chooseFolder = (): void =>
    void openWith(async () => {
      const chosen = await chooseWithDialog(api.transport, 'workspace');
      return chosen ? { handle: chosen.handle } : null;
    });

  return (
    <Modal opened={opened} onClose={close} title={t('workspace.modal.title')} size="lg">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('workspace.modal.intro')}
          </Text>
          <TextInput
            label={t('workspace.modal.nameLabel')}
            description={list.data ? t('workspace.modal.nameHint', { home: list.data.home }) : undefined}
            placeholder={t('workspace.modal.namePlaceholder')}
            leftSection={<IconFolderOpen size={16} />}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
            required
            spellCheck={false}
            autoComplete="off"
            data-testid="workspace-name"
          />
          <Checkbox
            label={t('workspace.modal.createLabel')}
            description={t('workspace.modal.createHint')}
            checked={create}
            onChange={(event) => setCreate(event.currentTarget.checked)}
          />
          {create && (
            <Switch
              label={t('security.create.encrypt')}
              description={t('security.create.encryptHint')}
              checked={encrypt}
              onChange={(event) => setEncrypt(event.currentTarget.checked)}
              disabled={busy}
              data-testid="workspace-encrypt"
            />
          )}
          {/* Mounted only while encrypting: hidden passphrase fields must not hold up the form's submit. */}
          {encrypting && (
            <Stack gap="xs" pl="md">
              <PassphraseFields value={pair} onChange={setPair} disabled={busy} testId="workspace-encrypt" />
              {security.data?.osKeyStoreAvailable && (
                <Checkbox
                  label={t('security.create.remember')}
                  description={t('security.create.rememberHint')}
                  checked={remember}
                  onChange={(event) => setRemember(event.currentTarget.checked)}
                  disabled={busy}
                  data-testid="workspace-encrypt-remember"
                />
              )}
            </Stack>
          )}
          {dialogs && (
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={chooseFolder} disabled={busy} data-testid="workspace-choose-folder">
                {t('workspace.modal.chooseFolder')}
              </Button>
              <Text size="xs" c="dimmed">
                {t('workspace.modal.chooseFolderHint')}
              </Text>
            </Group>
          )}
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
            <Button type="submit" loading={busy} disabled={!name.trim() || (encrypting && !pairIsValid(pair))} data-testid="workspace-open-submit">
              {create ? t('workspace.modal.submitCreate') : t('workspace.modal.submitOpen')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
