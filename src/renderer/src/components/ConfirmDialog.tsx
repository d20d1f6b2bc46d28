import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from './ErrorAlert';

type Props = {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red for actions that delete or cannot be taken back. */
  danger?: boolean;
  busy?: boolean;
  error?: ApiError | undefined;
  onConfirm: () => void;
  onClose: () => void;
  testId?: string;
};

/**
 * Asks before an action that matters. The confirm button has the focus, so Enter confirms and Escape cancels;
 * a danger action keeps the focus on Cancel instead, so it takes a deliberate click or Tab.
 */
export function ConfirmDialog({ opened, title, children, confirmLabel, danger, busy, error, onConfirm, onClose, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title={title} size="md" data-testid={testId}>
      <Stack gap="md">
        {children}
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus={danger || undefined}>
            {t('common.cancel')}
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            onClick={onConfirm}
            loading={busy}
            data-autofocus={danger ? undefined : true}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
