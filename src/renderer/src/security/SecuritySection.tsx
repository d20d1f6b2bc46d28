import { Alert, Badge, Button, Code, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileAlert, IconKey, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceSecurity } from '../../../shared/security-schemas';
import { ErrorAlert } from '../components/ErrorAlert';
import { InfoList, type InfoItem } from '../settings/InfoList';
import { useWorkspace } from '../workspace/useWorkspace';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { ChangePassphraseModal, DecryptModal, EncryptModal } from './SecurityModals';

/** KiB as people read memory: "64 MiB", "1 GiB". */
const memory = (kib: number): string => (kib >= 1_048_576 ? `${kib / 1_048_576} GiB` : kib >= 1024 ? `${Math.round(kib / 1024)} MiB` : `${kib} KiB`);
const kilobytes = (bytes: number): string => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function useFacts(security: WorkspaceSecurity | undefined): InfoItem[] {
  const { t } = useTranslation();
  if (!security) return [];
  const state: InfoItem = {
    label: t('security.settings.state'),
    value: (
      <Badge variant="light" color={security.encrypted ? 'teal' : 'gray'} leftSection={security.encrypted ? <IconLock size={12} /> : <IconLockOpen size={12} />}>
        {security.encrypted ? t('security.settings.encrypted') : t('security.settings.plain')}
      </Badge>
    ),
    testId: 'security-state',
  };
  if (!security.encrypted) return [state];
  return [
    state,
    {
      label: t('security.settings.cipher'),
      value: security.cipher === 'chacha20' ? t('security.settings.cipherValue') : t('security.settings.cipherOther', { cipher: security.cipher ?? '' }),
      testId: 'security-cipher',
    },
    ...(security.kdf
      ? [
          {
            label: t('security.settings.kdf'),
            value: t('security.settings.kdfValue', { memory: memory(security.kdf.memoryKiB), iterations: String(security.kdf.iterations), parallelism: String(security.kdf.parallelism) }),
            testId: 'security-kdf',
          },
        ]
      : []),
    { label: t('security.settings.recoveryKey'), value: security.hasRecoveryKey ? t('security.settings.recoveryMade') : t('security.settings.recoveryNone') },
    ...(security.osKeyStoreAvailable ? [{ label: t('security.settings.remembered'), value: security.rememberedOnThisComputer ? t('common.yes') : t('common.no') }] : []),
  ];
}

/** Settings → Security: whether the workspace is encrypted and how, the ways to change that, and the files outside it. */
export function SecuritySection() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const query = useWorkspaceQuery('workspace.security', {});
  const [open, setOpen] = useState<'encrypt' | 'decrypt' | 'change'>();
  const security = query.data;
  const items = useFacts(security);
  const done = (): void => {
    setOpen(undefined);
    query.refetch();
  };
  return (
    <Paper p="md" data-testid="security-section">
      <Stack gap="sm">
        <div>
          <Title order={2}>{t('security.settings.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('security.settings.subtitle')}
          </Text>
        </div>
        {query.error && <ErrorAlert error={query.error} title={t('security.settings.unavailable')} onRetry={query.refetch} />}
        {!security && !query.error && <Skeleton h={60} />}
        {security && (
          <>
            <InfoList items={items} />
            <Text size="xs" c="dimmed">
              {security.encrypted ? t('security.settings.encryptedExplain') : t('security.settings.plainExplain')}
            </Text>
            <Group gap="xs">
              {security.encrypted ? (
                <>
                  <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setOpen('change')} data-testid="security-change">
                    {t('security.settings.change')}
                  </Button>
                  <Button variant="default" color="orange" leftSection={<IconLockOpen size={16} />} onClick={() => setOpen('decrypt')} data-testid="security-decrypt">
                    {t('security.settings.decrypt')}
                  </Button>
                </>
              ) : (
                <Button leftSection={<IconLock size={16} />} onClick={() => setOpen('encrypt')} data-testid="security-encrypt">
                  {t('security.settings.encrypt')}
                </Button>
              )}
            </Group>
            {security.plainFiles.length > 0 && (
              <Alert variant="light" color="yellow" icon={<IconFileAlert size={18} />} title={t('security.settings.plainFilesTitle')} data-testid="security-plain-files">
                <Stack gap={6}>
                  <Text size="sm">{t('security.settings.plainFiles')}</Text>
                  <List size="xs" spacing={2}>
                    {security.plainFiles.slice(0, 12).map((file) => (
                      <List.Item key={file.file}>
                        <Code fz="xs">{file.file}</Code> <Text span size="xs" c="dimmed">({kilobytes(file.bytes)})</Text>
                      </List.Item>
                    ))}
                    {security.plainFiles.length > 12 && <List.Item>…</List.Item>}
                  </List>
                  <Text size="xs" c="dimmed">
                    {t('security.settings.plainFilesHint')}
                  </Text>
                </Stack>
              </Alert>
            )}
          </>
        )}
      </Stack>
      <EncryptModal opened={open === 'encrypt'} onClose={done} workspaceName={workspace?.name ?? ''} osKeyStoreAvailable={security?.osKeyStoreAvailable ?? false} />
      <DecryptModal opened={open === 'decrypt'} onClose={done} />
      <ChangePassphraseModal opened={open === 'change'} onClose={() => setOpen(undefined)} onChanged={done} />
    </Paper>
  );
}
