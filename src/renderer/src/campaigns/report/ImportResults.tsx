import { Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/campaign-schemas';
import { importReportSchema } from '../../../../shared/import-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { chooseFile } from '../../api/choose-file';
import { useApi } from '../../api/useApi';
import { ChooseFile } from '../../data/import/ChooseFile';
import { outcomeSentence } from '../../data/import/outcome';
import { ReportCounts } from '../../data/import/ReportCounts';
import { JobStatusPanel } from '../../jobs/JobStatusPanel';
import { useTrackedJob } from '../../jobs/useTrackedJob';

/**
 * The results file of a sent campaign (one row per recipient, exported by the sending tool), imported and attached
 * to this campaign as a job; the report below follows once it is in.
 */
export function ImportResults({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const api = useApi();
  const job = useTrackedJob(importReportSchema);
  const [open, setOpen] = useState(!campaign.hasResults);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<ApiError>();
  const [lastHandle, setLastHandle] = useState<string | null>(null);

  const startWith = (handle: string): void => {
    setLastHandle(handle);
    void job.start(() => api.invoke('campaigns.importResults', { id: campaign.id, file: handle }));
  };
  const onFile = async (file: File): Promise<void> => {
    setUploading(true);
    setUploadError(undefined);
    try {
      const chosen = await chooseFile(api.transport, file);
      startWith(chosen.handle);
    } catch (reason) {
      setUploadError(toApiError(reason));
    } finally {
      setUploading(false);
    }
  };
  const busy = uploading ? 'uploading' : job.running ? 'inspecting' : null;
  const report = job.result;

  return (
    <Paper p="md" data-testid="campaign-import" data-has-results={campaign.hasResults}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={2}>{campaign.hasResults ? t('campaigns.import.titleMore') : t('campaigns.import.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {campaign.hasResults ? t('campaigns.import.helpMore') : t('campaigns.import.help')}
          </Text>
        </div>
        {campaign.hasResults && !open && (
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setOpen(true)} data-testid="campaign-import-open">
            {t('campaigns.import.another')}
          </Button>
        )}
      </Group>
      <Collapse expanded={open}>
        <Stack gap="md" mt="md">
          {!job.running && !report && <ChooseFile busy={busy} error={uploadError} onFile={(file) => void onFile(file)} onChosen={startWith} />}
          <JobStatusPanel job={job} title={t('campaigns.import.running')} failedTitle={t('campaigns.import.failed')} onRetry={() => (lastHandle ? startWith(lastHandle) : job.reset())} testId="campaign-import-job" />
          {report && (
            <Stack gap="sm" data-testid="campaign-import-done" data-outcome={report.outcome}>
              <Text fw={600}>{outcomeSentence(report, t)}</Text>
              <ReportCounts report={report} testId="campaign-import-counts" />
              <Group>
                <Button variant="default" size="xs" onClick={job.reset}>
                  {t('campaigns.import.another')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      </Collapse>
    </Paper>
  );
}
