import { Alert, Group, Loader, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/contract';
import { useApiEvent } from '../api/useApiEvent';

type Status = EventPayload<'engine.status'>;

const colors = { restarting: 'yellow', restarted: 'blue', down: 'red' } as const;

/** Tells the user when the engine process is restarting, has restarted (work in flight was lost) or is down. */
export function EngineStatusBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | null>(null);
  useApiEvent('engine.status', (next) => setStatus(next.state === 'up' ? null : next));
  if (!status || status.state === 'up') return null;
  const state = status.state;
  return (
    <Alert
      color={colors[state]}
      variant="light"
      radius={0}
      py={8}
      role="status"
      withCloseButton={state === 'restarted'}
      onClose={() => setStatus(null)}
      data-testid="engine-banner"
    >
      <Group gap="sm" wrap="nowrap">
        {state === 'restarting' && <Loader size={14} color="yellow" />}
        <Text size="sm" fw={600}>
          {t(`engine.${state}`)}
        </Text>
        {status.message && (
          <Text size="sm" c="dimmed">
            {status.message}
          </Text>
        )}
      </Group>
    </Alert>
  );
}
