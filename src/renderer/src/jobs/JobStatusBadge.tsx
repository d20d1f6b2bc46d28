import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../../shared/contract';

const colors: Record<JobStatus, string> = { running: 'brand', done: 'teal', failed: 'red', cancelled: 'gray' };

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={colors[status]} style={{ flexShrink: 0 }} data-testid="job-status" data-status={status}>
      {t(`jobs.status.${status}`)}
    </Badge>
  );
}
