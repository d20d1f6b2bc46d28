import type { ReactNode } from 'react';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCopyCheck, IconFileOff, IconFilter, IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/import-schemas';
import { useFormat } from '../../format/useFormat';
import { JobStatusPanel } from '../../jobs/JobStatusPanel';
import { took } from './outcome';
import { ReportCounts } from './ReportCounts';
import { RowErrorsTable } from './RowErrorsTable';
import type { ImportJob } from './useImportJob';

type Props = {
  check: ImportJob;
  fileName: string;
  onRecheck: () => void;
  onImport: (onError: 'reject' | 'skip') => void;
};

/** The dry run over the whole file: what would be new, updated, unchanged and rejected; then the marketer decides. */
export function ValidateStep({ check, fileName, onRecheck, onImport }: Props) {
  const { t } = useTranslation();
  const report = check.report;
  return (
    <Stack gap="md" data-testid="import-validate">
      <JobStatusPanel
        job={check}
        title={t('importWizard.validate.running', { file: fileName })}
        cancelledText={t('importWizard.validate.cancelled')}
        failedTitle={t('importWizard.validate.failed')}
        onRetry={onRecheck}
        retryLabel={t('importWizard.validate.again')}
        testId="import-job"
        beforeJob="starting"
      />
      {report && <ValidationReport report={report} onImport={onImport} />}
    </Stack>
  );
}

function ValidationReport({ report, onImport }: { report: ImportReport; onImport: Props['onImport'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const good = report.rows - report.rejected;
  const totalProblems = Object.values(report.errorCounts).reduce((sum, n) => sum + n, 0);
  return (
    <Stack gap="md" data-testid="import-validation-report" data-rejected={report.rejected}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={32} radius="xl" variant="light" color={report.rejected > 0 ? 'orange' : 'teal'}>
          {report.rejected > 0 ? <IconAlertTriangle size={18} /> : <IconCircleCheck size={18} />}
        </ThemeIcon>
        <div>
          <Title order={3} data-testid="import-validation-headline">
            {report.rejected > 0
              ? t('importWizard.validate.someBad', { count: report.rejected, formatted: format.integer(report.rejected), total: format.integer(report.rows) })
              : t('importWizard.validate.allGood', { count: report.rows, formatted: format.integer(report.rows) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('importWizard.validate.nothingWritten', { took: took(report.seconds, format, t) })}
          </Text>
        </div>
      </Group>
      {report.alreadyImported && (
        <Alert color="blue" variant="light" icon={<IconCopyCheck size={18} />} data-testid="import-already-imported">
          {t('importWizard.validate.alreadyImported')}
        </Alert>
      )}
      <ReportCounts report={report} testId="import-validation-counts" />
      {report.errors.length > 0 && (
        <Stack gap={6}>
          <Title order={4}>
            {report.errors.length < totalProblems
              ? t('importWizard.validate.problemsFirst', { shown: format.integer(report.errors.length), total: format.integer(totalProblems) })
              : t('importWizard.validate.problems')}
          </Title>
          <RowErrorsTable errors={report.errors} counts={report.errorCounts} testId="import-validation-errors" />
        </Stack>
      )}
      {report.rejected > 0 ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Decision
            icon={<IconFileOff size={20} />}
            color="gray"
            title={t('importWizard.validate.rejectTitle')}
            text={t('importWizard.validate.rejectText')}
            button={t('importWizard.validate.reject')}
            variant="default"
            onClick={() => onImport('reject')}
            testId="import-reject"
          />
          <Decision
            icon={<IconFilter size={20} />}
            color="brand"
            title={t('importWizard.validate.skipTitle')}
            text={t('importWizard.validate.skipText', { good: format.integer(good), count: report.rejected, bad: format.integer(report.rejected) })}
            button={t('importWizard.validate.skip')}
            variant="filled"
            onClick={() => onImport('skip')}
            testId="import-skip"
          />
        </SimpleGrid>
      ) : (
        <Group justify="flex-end">
          <Button size="md" onClick={() => onImport('reject')} data-testid="import-run">
            {t('importWizard.validate.import', { count: report.rows, formatted: format.integer(report.rows) })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

type DecisionProps = {
  icon: ReactNode;
  color: string;
  title: string;
  text: string;
  button: string;
  variant: 'default' | 'filled';
  onClick: () => void;
  testId: string;
};

function Decision({ icon, color, title, text, button, variant, onClick, testId }: DecisionProps) {
  return (
    <Paper p="md" withBorder>
      <Stack gap="xs" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={32} radius="md" variant="light" color={color}>
            {icon}
          </ThemeIcon>
          <Title order={4}>{title}</Title>
        </Group>
        <Text size="sm" c="dimmed" style={{ flex: 1 }}>
          {text}
        </Text>
        <Button variant={variant} onClick={onClick} data-testid={testId}>
          {button}
        </Button>
      </Stack>
    </Paper>
  );
}
