import { Alert, Button, Checkbox, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileExport, IconReportAnalytics } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignExportResultSchema, type CampaignExportResult } from '../../../../shared/campaign-schemas';
import { useApi } from '../../api/useApi';
import { PathWithCopy } from '../../components/PathWithCopy';
import { useFormat } from '../../format/useFormat';
import { campaignsHash } from '../campaigns-route';
import { JobStatusPanel } from '../../jobs/JobStatusPanel';
import { useTrackedJob } from '../../jobs/useTrackedJob';
import { ArchiveDoneNote, ArchiveOption, useArchiveChoice } from '../../security/ArchiveOption';
import { useBuilder } from './BuilderContext';

type Props = { missingContent: string[]; exportedBefore: string | null };

/** Export: the files for the sending tool, as a job; the first export freezes who is in which arm. */
export function ExportPanel({ missingContent, exportedBefore }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const { id, detail, flush, goStep } = useBuilder();
  const job = useTrackedJob(campaignExportResultSchema);
  const [reveal, setReveal] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  const archive = useArchiveChoice();

  const start = async (): Promise<void> => {
    setSaveFailed(false);
    // The export reads the saved plan: the last change must be in it.
    if (!(await flush())) {
      setSaveFailed(true);
      return;
    }
    await job.start(() => api.invoke('campaigns.export', { id, reveal, ...archive.input }));
  };

  return (
    <Paper p="md" data-testid="campaign-export" data-status={detail.status}>
      <Stack gap="sm">
        <Title order={2}>{t('campaigns.export.title')}</Title>
        <Text size="sm" c="dimmed">
          {t(detail.status === 'draft' ? 'campaigns.export.help' : 'campaigns.export.again')}
        </Text>
        {exportedBefore && !job.result && (
          <Text size="sm" data-testid="campaign-export-previous">
            {t('campaigns.export.exportedAt', { when: format.dateTime(exportedBefore) })}
            {detail.exportFolder && (
              <>
                {' '}
                <Code style={{ wordBreak: 'break-all' }}>{detail.exportFolder}</Code>
              </>
            )}
          </Text>
        )}
        {missingContent.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="campaign-export-missing">
            <Text size="sm">{t('campaigns.export.missingContent', { arms: missingContent.join(', '), count: missingContent.length })}</Text>
            <Button mt="xs" size="compact-sm" variant="default" onClick={() => goStep('content')}>
              {t('campaigns.export.toContent')}
            </Button>
          </Alert>
        )}
        {!job.result && (
          <>
            <Checkbox
              label={t('campaigns.export.reveal')}
              description={t('campaigns.export.revealHelp')}
              checked={reveal}
              onChange={(event) => setReveal(event.currentTarget.checked)}
              disabled={job.running}
              data-testid="campaign-export-reveal"
            />
            <ArchiveOption choice={archive} disabled={job.running} testId="campaign-export" />
            {detail.status === 'draft' && (
              <Text size="xs" c="dimmed">
                {t('campaigns.export.freezeNote')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button leftSection={<IconFileExport size={16} />} loading={job.running} disabled={!archive.valid} onClick={() => void start()} data-testid="campaign-export-start">
                {detail.status === 'draft' ? t('campaigns.export.start') : t('campaigns.export.startAgain')}
              </Button>
            </Group>
          </>
        )}
        {saveFailed && (
          <Text size="sm" c="red" data-testid="campaign-export-unsaved">
            {t('campaigns.export.unsaved')}
          </Text>
        )}
        <JobStatusPanel job={job} title={t('campaigns.export.running')} failedTitle={t('campaigns.export.failed')} onRetry={() => void start()} testId="campaign-export-job" />
        {job.result && <ExportDone result={job.result} onReport={() => (window.location.hash = campaignsHash({ view: 'report', id }))} onAgain={job.reset} />}
      </Stack>
    </Paper>
  );
}

function ExportDone({ result, onReport, onAgain }: { result: CampaignExportResult; onReport: () => void; onAgain: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm" data-testid="campaign-export-done" data-recipients={result.recipients} data-holdout={result.holdout} data-revealed={result.revealed} data-froze={result.froze}>
      <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={t('campaigns.export.done', { recipients: format.integer(result.recipients), holdout: format.integer(result.holdout) })}>
        <Text size="sm">{result.froze ? t('campaigns.export.froze') : t('campaigns.export.sameSnapshot')}</Text>
        <Text size="sm" mt={4}>
          {result.revealed ? t('campaigns.export.revealed') : t('campaigns.export.masked')}
        </Text>
      </Alert>
      <div>
        <Text size="sm" fw={600} mb={4}>
          {t('campaigns.export.folder')}
        </Text>
        <PathWithCopy path={result.folder} testId="campaign-export-folder" />
        {result.folder.toLowerCase().endsWith('.zip') && <ArchiveDoneNote />}
      </div>
      <Table fz="sm" verticalSpacing={4} withTableBorder data-testid="campaign-export-files">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('campaigns.export.file')}</Table.Th>
            <Table.Th ta="right">{t('campaigns.export.rows')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.files.map((file) => (
            <Table.Tr key={file.name} data-testid="campaign-export-file" data-name={file.name} data-rows={file.rows}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {file.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {file.description}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="tabular" style={{ verticalAlign: 'top' }}>
                {format.integer(file.rows)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">{t('campaigns.export.next')}</Text>
      <Group justify="space-between">
        <Button variant="subtle" size="xs" onClick={onAgain}>
          {t('campaigns.export.exportAgain')}
        </Button>
        <Button leftSection={<IconReportAnalytics size={16} />} onClick={onReport} data-testid="campaign-export-to-report">
          {t('campaigns.export.toReport')}
        </Button>
      </Group>
    </Stack>
  );
}
