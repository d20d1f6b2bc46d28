import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../jobs/JobProgress';
import type { CampaignJob } from './useCampaignJob';

type Props = {
  job: CampaignJob<unknown>;
  /** What is running, in the screen's words ("Writing the audience files"). */
  title: string;
  failedTitle: string;
  onRetry: () => void;
  testId: string;
};

/** A campaign job while it runs (progress, Cancel) or why it stopped; nothing once it is done (the screen shows the result). */
export function JobStatusPanel({ job, title, failedTitle, onRetry, testId }: Props) {
  const { t } = useTranslation();
  const view = job.job;
  if (job.startError) return <ErrorAlert error={job.startError} title={failedTitle} onRetry={onRetry} />;
  if (job.starting || (!view && job.running)) {
    return (
      <Paper p="md" withBorder data-testid={`${testId}-starting`}>
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">{t('campaigns.job.starting')}</Text>
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
        <Text size="sm">{t('campaigns.job.cancelled')}</Text>
        <Button mt="sm" size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
          {t('campaigns.job.again')}
        </Button>
      </Alert>
    );
  }
  if (view.status === 'failed' && view.error) return <ErrorAlert error={view.error} title={failedTitle} onRetry={onRetry} />;
  return null;
}
