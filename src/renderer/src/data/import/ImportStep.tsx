import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAddressBook, IconCircleCheck, IconCopyCheck, IconFileOff, IconFilter, IconHistory, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/import-schemas';
import { navigate } from '../../app/navigation';
import { useFormat } from '../../format/useFormat';
import { JobStatusPanel } from '../../jobs/JobStatusPanel';
import { outcomeSentence, took } from './outcome';
import { ReportCounts } from './ReportCounts';
import { RowErrorsTable } from './RowErrorsTable';
import type { ImportJob } from './useImportJob';

type Props = {
  run: ImportJob;
  fileName: string;
  onRetry: () => void;
  onSkipBadRows: () => void;
  onAnother: () => void;
  onHistory: () => void;
};

/** The real import: its progress, then what happened in plain words and where to go next. */
export function ImportStep({ run, fileName, onRetry, onSkipBadRows, onAnother, onHistory }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="import-run-step">
      <JobStatusPanel
        job={run}
        title={t('importWizard.run.running', { file: fileName })}
        cancelledText={t('importWizard.run.cancelled')}
        failedTitle={t('importWizard.run.failed')}
        onRetry={onRetry}
        retryLabel={t('importWizard.run.again')}
        testId="import-job"
        beforeJob="starting"
      />
      {run.report && <Outcome report={run.report} onSkipBadRows={onSkipBadRows} onAnother={onAnother} onHistory={onHistory} />}
    </Stack>
  );
}

function Outcome({ report, onSkipBadRows, onAnother, onHistory }: { report: ImportReport } & Omit<Props, 'run' | 'onRetry' | 'fileName'>) {
  const { t } = useTranslation();
  const format = useFormat();
  const rejected = report.outcome === 'rejected';
  const unchanged = report.outcome === 'unchanged';
  const reachesExplorer = report.kind === 'customers' || report.kind === 'orders';
  return (
    <Stack gap="md" data-testid="import-outcome" data-outcome={report.outcome}>
      <Alert
        color={rejected ? 'red' : unchanged ? 'blue' : 'teal'}
        variant="light"
        icon={rejected ? <IconFileOff size={20} /> : unchanged ? <IconCopyCheck size={20} /> : <IconCircleCheck size={20} />}
        title={<span data-testid="import-outcome-title">{outcomeSentence(report, t)}</span>}
      >
        <Text size="sm">
          {rejected
            ? t('importWizard.outcome.rejectedDetail')
            : unchanged
              ? t('importWizard.outcome.unchangedDetail')
              : t('importWizard.outcome.importedDetail', { took: took(report.seconds, format, t), id: String(report.importId ?? '') })}
        </Text>
      </Alert>
      {!rejected && <ReportCounts report={report} testId="import-outcome-counts" />}
      {rejected && report.errors.length > 0 && <RowErrorsTable errors={report.errors} counts={report.errorCounts} testId="import-outcome-errors" />}
      <Group gap="xs">
        {rejected && (
          <Button leftSection={<IconFilter size={16} />} onClick={onSkipBadRows} data-testid="import-outcome-skip">
            {t('importWizard.validate.skip')}
          </Button>
        )}
        {!rejected && reachesExplorer && (
          <Button leftSection={<IconAddressBook size={16} />} onClick={() => navigate('customers')} data-testid="import-open-explorer">
            {t('importWizard.outcome.openExplorer')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={onAnother} data-testid="import-another">
          {t('importWizard.outcome.another')}
        </Button>
        <Button variant="subtle" leftSection={<IconHistory size={16} />} onClick={onHistory} data-testid="import-see-history">
          {t('importWizard.outcome.history')}
        </Button>
      </Group>
    </Stack>
  );
}
