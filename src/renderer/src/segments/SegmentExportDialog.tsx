import { Button, Checkbox, Group, Loader, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFileExport, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerColumns, type CustomerColumn } from '../../../shared/customer-schemas';
import type { Segment } from '../../../shared/segment-schemas';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { DEFAULT_COLUMNS, IDENTITY_COLUMNS, isScoreColumn } from '../customers/columns';
import { useExportJob } from '../customers/useExportJob';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { ExportDone } from '../customers/ExportDone';
import { ArchiveOption, useArchiveChoice } from '../security/ArchiveOption';

type Props = { opened: boolean; onClose: () => void; segment: Segment };

const GROUPS = [
  { key: 'customer', columns: customerColumns.filter((c) => !isScoreColumn(c)) },
  { key: 'predictions', columns: customerColumns.filter(isScoreColumn) },
] as const;

/**
 * Writes a segment's members to a CSV file, as a job, with the explorer's columns. Names, e-mails and phones stay
 * masked unless the user reveals them (which the engine writes to the audit log), as in the explorer's export.
 */
export function SegmentExportDialog({ opened, onClose, segment }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [columns, setColumns] = useState<CustomerColumn[]>([...DEFAULT_COLUMNS]);
  const archive = useArchiveChoice();
  const { job, result, running, starting, error, reveal, setReveal, start, close, download } = useExportJob(
    (revealed) => api.invoke('segments.export', { id: segment.id, columns, reveal: revealed, ...archive.input }),
    onClose,
    archive.reset,
  );
  const hasIdentity = columns.some((c) => IDENTITY_COLUMNS.includes(c));

  const toggle = (column: CustomerColumn, on: boolean): void => {
    const next = customerColumns.filter((c) => (c === column ? on : columns.includes(c)));
    if (next.length > 0) setColumns(next);
  };


  return (
    <Modal opened={opened} onClose={close} title={t('segments.export.title', { name: segment.name })} size="lg">
      <Stack gap="md" data-testid="segment-export-dialog">
        {!result && (
          <>
            <Text size="sm">{t('segments.export.what', { count: segment.count, customers: format.integer(segment.count), columns: format.integer(columns.length) })}</Text>
            <SimpleGrid cols={2} spacing="md">
              {GROUPS.map((group) => (
                <Stack key={group.key} gap={6} role="group" aria-labelledby={`segment-export-${group.key}`}>
                  <Text id={`segment-export-${group.key}`} size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
                    {t(`explorer.columnGroups.${group.key}`)}
                  </Text>
                  {group.columns.map((column) => (
                    <Checkbox
                      key={column}
                      size="xs"
                      label={
                        <Group gap={4} component="span" wrap="nowrap">
                          {t(`explorer.columns.${column}`)}
                          {IDENTITY_COLUMNS.includes(column) && <IconLock size={11} aria-hidden />}
                        </Group>
                      }
                      checked={columns.includes(column)}
                      disabled={running || (columns.length === 1 && columns.includes(column))}
                      onChange={(event) => toggle(column, event.currentTarget.checked)}
                      data-testid={`segment-export-column-${column}`}
                    />
                  ))}
                </Stack>
              ))}
            </SimpleGrid>
            <Checkbox
              label={t('explorer.export.reveal')}
              description={hasIdentity ? t('explorer.export.revealHint') : t('segments.export.noIdentity')}
              checked={reveal}
              disabled={running || !hasIdentity}
              onChange={(event) => setReveal(event.currentTarget.checked)}
              data-testid="segment-export-reveal"
            />
            <ArchiveOption choice={archive} disabled={running} testId="segment-export" />
          </>
        )}
        {job && job.status !== 'done' && <JobProgress job={job} size="md" />}
        {starting && !job && <Loader size="sm" />}
        {error && <ErrorAlert error={error} title={t('explorer.export.failed')} />}
        {result && <ExportDone result={result} download={download} testIdPrefix="segment-export" />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {result ? t('explorer.export.close') : t('common.cancel')}
          </Button>
          {!result && (
            <Button leftSection={<IconFileExport size={16} />} loading={running} disabled={!archive.valid} onClick={() => void start()} data-testid="segment-export-start" data-autofocus>
              {t('explorer.export.start')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
