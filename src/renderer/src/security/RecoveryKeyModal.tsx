import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Props = { recoveryKey: string | undefined; workspaceName: string; onSaved: () => void };

/**
 * The recovery key, shown once: it cannot be dismissed by a stray click or Escape, only by "I have saved it".
 * The key lives only in this component's props; nothing stores it.
 */
export function RecoveryKeyModal({ recoveryKey, workspaceName, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={recoveryKey !== undefined}
      onClose={() => undefined}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      // Above the dialog that asked for it (Settings → Security's encrypt window stays open beneath).
      zIndex={1000}
      title={t('security.recovery.title')}
      size="lg"
      centered
    >
      <Stack gap="md" data-testid="recovery-key-modal">
        <Text size="sm">{t('security.recovery.intro', { name: workspaceName })}</Text>
        <Alert variant="light" color="yellow" icon={<IconKey size={18} />}>
          <Code block fz="lg" fw={700} style={{ letterSpacing: '0.06em', wordBreak: 'break-word', whiteSpace: 'pre-wrap' }} data-testid="recovery-key">
            {recoveryKey}
          </Code>
        </Alert>
        <Text size="sm" c="dimmed">
          {t('security.recovery.where')}
        </Text>
        <Group justify="space-between">
          <CopyButton value={recoveryKey ?? ''}>
            {({ copied, copy }) => (
              <Button variant="default" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy} data-testid="recovery-key-copy">
                {copied ? t('security.recovery.copied') : t('security.recovery.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onSaved} data-testid="recovery-key-saved">
            {t('security.recovery.saved')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
