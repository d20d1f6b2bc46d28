import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStopFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format/useFormat';
import type { JobView } from './jobs-reducer';
import { JobStatusBadge } from './JobStatusBadge';
import { useJobs } from './useJobs';

type Props = {
  job: JobView;
  /** Compact in the tray, roomier inline on a page. */
  size?: 'sm' | 'md';
  showTitle?: boolean;
};

/** One job: what it is doing, how far along, how fast, and a way to stop it. */
export function JobProgress({ job, size = 'sm', showTitle = true }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { cancel } = useJobs();
  const running = job.status === 'running';
  const percent = Math.round(job.fraction * 100);
  const figures: string[] = [
    job.rowsPerSecond !== null ? t('jobs.rowsPerSecond', { value: format.integer(job.rowsPerSecond) }) : null,
    job.etaSeconds !== null ? t('jobs.timeLeft', { value: format.duration(job.etaSeconds) }) : null,
  ].flatMap((part) => (part === null ? [] : [part]));
  const detail = running
    ? [job.stage, job.message].filter(Boolean).join(' · ')
    : job.status === 'done'
      ? t('jobs.finishedAt', { when: format.dateTime(job.finishedAt ?? job.createdAt) })
      : job.status === 'cancelled'
        ? t('jobs.cancelledDetail')
        : '';

  return (
    <Stack gap={size === 'md' ? 8 : 6} data-testid="job" data-job-id={job.id} data-status={job.status}>
      {showTitle && (
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text size="sm" fw={600} lineClamp={2} title={job.title}>
            {job.title}
          </Text>
          <JobStatusBadge status={job.status} />
        </Group>
      )}
      {(running || job.status === 'done') && (
        <Group gap="sm" wrap="nowrap">
          <Progress
            value={percent}
            size={size === 'md' ? 'md' : 'sm'}
            animated={running}
            color={job.status === 'done' ? 'teal' : undefined}
            style={{ flex: 1 }}
            aria-label={t('jobs.progressLabel', { title: job.title })}
          />
          <Text size="xs" c="dimmed" ta="right" w={36} className="tabular" data-testid="job-percent">
            {t('jobs.percent', { value: format.integer(percent) })}
          </Text>
        </Group>
      )}
      {detail && (
        <Text size={size === 'md' ? 'sm' : 'xs'} c="dimmed" lineClamp={2} data-testid="job-detail">
          {detail}
        </Text>
      )}
      {job.status === 'failed' && job.error && (
        <Text size="xs" c="red">
          {t('errors.withCode', { message: job.error.message, code: job.error.code })}
        </Text>
      )}
      {running && (
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" className="tabular">
            {figures.join(' · ')}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            leftSection={<IconPlayerStopFilled size={12} />}
            loading={job.cancelRequested}
            onClick={() => void cancel(job.id)}
            data-testid="job-cancel"
          >
            {t('jobs.cancel')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
