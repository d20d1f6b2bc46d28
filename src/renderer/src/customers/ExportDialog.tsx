import { Button, Checkbox, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportResultSchema, type CustomerColumn, type CustomerView } from '../../../shared/customer-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { exportDownloadUrl } from '../api/choose-file';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { useJobs } from '../jobs/useJobs';
import { ExportDone } from './ExportDone';

type Props = {
  opened: boolean;
  onClose: () => void;
  view: CustomerView;
  columns: readonly CustomerColumn[];
  /** Customers in the current view. */
  total: number | null;
};

/** Writes the current view (its filters, sort, search and columns) to a CSV file, as a job. */
export function ExportDialog({ opened, onClose, view, columns, total }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const jobs = useJobs();
  const format = useFormat();
  const [reveal, setReveal] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const job = jobId ? jobs.get(jobId) : undefined;
  const parsed = job?.status === 'done' ? exportResultSchema.safeParse(job.result) : undefined;
  const result = parsed?.success ? parsed.data : undefined;
  const running = starting || job?.status === 'running';

  const start = async (): Promise<void> => {
    setStarting(true);
    setError(undefined);
    try {
      const { jobId: id } = await api.invoke('customers.export', { view, columns: [...columns], reveal });
      setJobId(id);
      jobs.track(id, { inline: true });
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setStarting(false);
    }
  };

  const close = (): void => {
    onClose();
    if (jobId) jobs.detach(jobId);
    // A finished export is shown once; the next opening starts fresh.
    if (!running) {
      setJobId(undefined);
      setError(undefined);
      setReveal(false);
    }
  };

  const download = result ? exportDownloadUrl(api.transport, result.fileName) : null;

  return (
    <Modal opened={opened} onClose={close} title={t('explorer.export.title')} size="lg">
      <Stack gap="md" data-testid="explorer-export">
        {!result && (
          <>
            <Text size="sm">
              {t('explorer.export.what', {
                count: total ?? 0,
                customers: total === null ? '…' : format.integer(total),
                columns: format.integer(columns.length),
              })}
            </Text>
            <Checkbox
              label={t('explorer.export.reveal')}
              description={t('explorer.export.revealHint')}
              checked={reveal}
              onChange={(event) => setReveal(event.currentTarget.checked)}
              disabled={running}
              data-testid="explorer-export-reveal"
            />
          </>
        )}
        {job && job.status !== 'done' && <JobProgress job={job} size="md" />}
        {starting && !job && <Loader size="sm" />}
        {error && <ErrorAlert error={error} title={t('explorer.export.failed')} />}
        {result && <ExportDone result={result} download={download} testIdPrefix="explorer-export" />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {result ? t('explorer.export.close') : t('common.cancel')}
          </Button>
          {!result && (
            <Button leftSection={<IconFileExport size={16} />} loading={running} onClick={() => void start()} data-testid="explorer-export-start" data-autofocus>
              {t('explorer.export.start')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
