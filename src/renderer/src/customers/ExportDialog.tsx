import { Button, Checkbox, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerColumn, CustomerView } from '../../../shared/customer-schemas';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { ArchiveOption, useArchiveChoice } from '../security/ArchiveOption';
import { ExportDone } from './ExportDone';
import { useExportJob } from './useExportJob';

type Props = {
  opened: boolean;
  onClose: () => void;
  view: CustomerView;
  columns: readonly CustomerColumn[];
  /** Customers in the current view. */
  total: number | null;
  /** `total` is a quick search's capped count: there are more ("10,000+"). */
  totalCapped?: boolean;
};

/** Writes the current view (its filters, sort, search and columns) to a CSV file, as a job. */
export function ExportDialog({ opened, onClose, view, columns, total, totalCapped = false }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const archive = useArchiveChoice();
  const { job, result, running, starting, error, reveal, setReveal, start, close, download } = useExportJob(
    (revealed) => api.invoke('customers.export', { view, columns: [...columns], reveal: revealed, ...archive.input }),
    onClose,
    archive.reset,
  );

  return (
    <Modal opened={opened} onClose={close} title={t('explorer.export.title')} size="lg">
      <Stack gap="md" data-testid="explorer-export">
        {!result && (
          <>
            <Text size="sm">
              {t('explorer.export.what', {
                count: total ?? 0,
                customers: total === null ? '…' : `${format.integer(total)}${totalCapped ? '+' : ''}`,
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
            <ArchiveOption choice={archive} disabled={running} testId="explorer-export" />
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
            <Button leftSection={<IconFileExport size={16} />} loading={running} disabled={!archive.valid} onClick={() => void start()} data-testid="explorer-export-start" data-autofocus>
              {t('explorer.export.start')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
