import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../jobs/JobProgress';
import type { ImportJob } from './useImportJob';

type Props = {
  job: ImportJob;
  /** What is running, in the wizard's words ("Checking orders.csv"). */
  title: string;
  cancelledText: string;
  failedTitle: string;
  onRetry: () => void;
  retryLabel: string;
};

/**
 * A running import job (progress, rows per second, time left, Cancel), or why it stopped. Renders nothing once
 * the job is done: the caller shows the report.
 */
export function JobPanel({ job, title, cancelledText, failedTitle, onRetry, retryLabel }: Props) {
  const { t } = useTranslation();
  const view = job.job;
  if (job.startError) return <ErrorAlert error={job.startError} title={failedTitle} onRetry={onRetry} />;
  if (job.starting || !view) {
    return (
      <Paper p="md" withBorder>
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">{t('importWizard.job.starting')}</Text>
        </Group>
      </Paper>
    );
  }
  if (view.status === 'running') {
    return (
      <Paper p="md" withBorder data-testid="import-job-progress">
        <Stack gap={8}>
          <Text fw={600}>{title}</Text>
          <JobProgress job={view} size="md" showTitle={false} />
        </Stack>
      </Paper>
    );
  }
  if (view.status === 'cancelled') {
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} data-testid="import-job-cancelled">
        <Text size="sm">{cancelledText}</Text>
        <Button mt="sm" size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
          {retryLabel}
        </Button>
      </Alert>
    );
  }
  if (view.status === 'failed' && view.error) return <ErrorAlert error={view.error} title={failedTitle} onRetry={onRetry} />;
  return null;
}
