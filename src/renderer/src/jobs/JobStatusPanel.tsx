import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from './JobProgress';
import type { JobView } from './jobs-reducer';

/** What a screen that starts one job and follows it inline knows of it (useImportJob, useTrackedJob). */
export type InlineJob = {
  starting: boolean;
  startError: ApiError | undefined;
  job: JobView | undefined;
};

type Props = {
  job: InlineJob;
  /** What is running, in the screen's words ("Checking orders.csv", "Writing the audience files"). */
  title: string;
  failedTitle: string;
  onRetry: () => void;
  /** Prefix of the panel's testids: `${testId}-starting`, `-progress`, `-cancelled`. */
  testId: string;
  cancelledText?: string;
  retryLabel?: string;
  /**
   * Before the engine has answered with a job: a step that exists only to run one says it is starting; a screen
   * with its own start button shows nothing until it is pressed.
   */
  beforeJob?: 'starting' | 'nothing';
};

/**
 * A job while it runs (progress, rows per second, time left, Cancel) or why it stopped. Renders nothing once the
 * job is done: the caller shows the result.
 */
export function JobStatusPanel({ job, title, failedTitle, onRetry, testId, cancelledText, retryLabel, beforeJob = 'nothing' }: Props) {
  const { t } = useTranslation();
  const view = job.job;
  if (job.startError) return <ErrorAlert error={job.startError} title={failedTitle} onRetry={onRetry} />;
  if (job.starting || (!view && beforeJob === 'starting')) {
    return (
      <Paper p="md" withBorder data-testid={`${testId}-starting`}>
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">{t('jobs.inline.starting')}</Text>
        </Group>
      </Paper>
    );
  }
  if (!view) return null;
  if (view.status === 'running') {
    return (
      <Paper p="md" withBorder data-testid={`${testId}-progress`}>
        <Stack gap={8}>
          <Text fw={600}>{title}</Text>
          <JobProgress job={view} size="md" showTitle={false} />
        </Stack>
      </Paper>
    );
  }
  if (view.status === 'cancelled') {
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} data-testid={`${testId}-cancelled`}>
        <Text size="sm">{cancelledText ?? t('jobs.inline.cancelled')}</Text>
        <Button mt="sm" size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
          {retryLabel ?? t('jobs.inline.again')}
        </Button>
      </Alert>
    );
  }
  if (view.status === 'failed' && view.error) return <ErrorAlert error={view.error} title={failedTitle} onRetry={onRetry} />;
  return null;
}
