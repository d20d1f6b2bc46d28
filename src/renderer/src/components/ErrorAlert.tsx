import { Alert, Button, Code, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

type Props = {
  error: Pick<ApiError, 'code' | 'message'>;
  title?: string;
  onRetry?: () => void;
};

/** An error in plain words, with its code for support and a way to try again when there is one. */
export function ErrorAlert({ error, title, onRetry }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? t('errors.title')}
      data-testid="error-alert"
      data-code={error.code}
    >
      <Text size="sm">{error.message}</Text>
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          {t('errors.code')} <Code>{error.code}</Code>
        </Text>
        {onRetry && (
          <Button size="compact-sm" variant="white" color="red" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
