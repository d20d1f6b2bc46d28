import { Alert, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConnection } from '../api/useConnection';

/** Shown while the browser mode has lost its WebSocket to the engine and is trying again. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useConnection();
  if (connection.state !== 'reconnecting') return null;
  return (
    <Alert color="yellow" variant="light" radius={0} py={8} role="status" data-testid="connection-banner">
      <Group gap="sm" wrap="nowrap">
        <Loader size={14} color="yellow" />
        <Text size="sm" fw={600}>
          {t('connection.reconnecting')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('connection.detail', { count: connection.attempts + 1 })}
        </Text>
      </Group>
    </Alert>
  );
}
