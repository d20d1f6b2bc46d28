import { Alert, Anchor, Button, Center, Checkbox, Group, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconFolderOpen, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnlockSecret } from '../../../shared/security-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { BrandMark } from '../shell/BrandMark';
import { OpenWorkspaceModal } from '../workspace/OpenWorkspaceModal';

type Props = {
  /** The `workspace-encrypted` error the engine answered: its details may name the workspace or its file. */
  locked: ApiError;
  /** The workspace is open (unlocked, or another one opened): continue as after an open. */
  onOpened: () => void;
};

/** The locked workspace's name, from the engine's error (name or file) or the current path of workspace.list. */
function lockedName(details: unknown, current: string | undefined): string | undefined {
  const record = typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
  if (typeof record.name === 'string' && record.name) return record.name;
  const from = typeof record.file === 'string' ? record.file.replace(/[\\/][^\\/]*\.(sqlite|db)$/i, '') : current;
  return from?.split(/[\\/]/).filter(Boolean).at(-1);
}

/**
 * The full-page lock screen of an encrypted workspace the engine holds locked: its passphrase (or the recovery key),
 * "remember on this computer" where the OS has a real key store, and a plain word that a lost key is unrecoverable.
 */
export function LockScreen({ locked, onOpened }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useApiQuery('workspace.list', {});
  // The engine answers workspace.security while locked when it can; without it no "remember" is offered.
  const security = useApiQuery('workspace.security', {});
  const [mode, setMode] = useState<'passphrase' | 'recoveryKey'>('passphrase');
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [opening, setOpening] = useState(false);
  const name = lockedName(locked.details, list.data?.current);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!secret.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const unlock: UnlockSecret = mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret.trim() };
      await api.invoke('workspace.unlock', { secret: unlock, remember: remember && security.data?.osKeyStoreAvailable === true });
      setSecret('');
      onOpened();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  const switchMode = (): void => {
    setMode(mode === 'passphrase' ? 'recoveryKey' : 'passphrase');
    setSecret('');
    setError(undefined);
  };
  const wrong = error?.code === 'wrong-passphrase';

  return (
    <Center mih="100vh" p="md" data-testid="lock-screen">
      <Paper p="xl" w="100%" maw={480} withBorder>
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon size={44} radius="xl" variant="light">
                <IconLock size={24} stroke={1.6} />
              </ThemeIcon>
              <div>
                <Title order={1} size="h3" data-testid="lock-title">
                  {name ? t('security.lock.title', { name }) : t('security.lock.titleUnnamed')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('security.lock.intro')}
                </Text>
              </div>
            </Group>
            {mode === 'passphrase' ? (
              <PasswordInput
                key="passphrase"
                label={t('security.lock.passphrase')}
                value={secret}
                onChange={(event) => setSecret(event.currentTarget.value)}
                error={wrong ? t('security.lock.wrongPassphrase') : undefined}
                autoFocus
                autoComplete="current-password"
                disabled={busy}
                data-testid="lock-passphrase"
              />
            ) : (
              <TextInput
                key="recovery"
                label={t('security.lock.recoveryKey')}
                description={t('security.lock.recoveryKeyHint')}
                value={secret}
                onChange={(event) => setSecret(event.currentTarget.value)}
                error={wrong ? t('security.lock.wrongRecoveryKey') : undefined}
                autoFocus
                spellCheck={false}
                autoComplete="off"
                disabled={busy}
                ff="monospace"
                data-testid="lock-recovery-key"
              />
            )}
            <Anchor component="button" type="button" size="sm" onClick={switchMode} ta="left" data-testid="lock-switch-mode">
              {mode === 'passphrase' ? t('security.lock.useRecovery') : t('security.lock.usePassphrase')}
            </Anchor>
            {security.data?.osKeyStoreAvailable && (
              <Checkbox
                label={t('security.lock.remember')}
                description={t('security.lock.rememberHint')}
                checked={remember}
                onChange={(event) => setRemember(event.currentTarget.checked)}
                disabled={busy}
                data-testid="lock-remember"
              />
            )}
            {error && !wrong && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('security.lock.failed')} data-testid="lock-error">
                <Text size="sm">{error.message}</Text>
              </Alert>
            )}
            <Button type="submit" loading={busy} disabled={!secret.trim()} data-testid="lock-unlock">
              {t('security.lock.unlock')}
            </Button>
            <Text size="xs" c="dimmed" data-testid="lock-lost">
              {t('security.lock.lost')}
            </Text>
            <Group justify="space-between" gap="xs">
              <BrandMark />
              <Button variant="subtle" size="compact-sm" leftSection={<IconFolderOpen size={14} />} onClick={() => setOpening(true)} data-testid="lock-open-another">
                {t('security.lock.openAnother')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <OpenWorkspaceModal opened={opening} onClose={() => setOpening(false)} onOpened={() => onOpened()} />
    </Center>
  );
}
