import { Alert, Grid, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignReport } from '../../../../shared/campaign-schemas';
import { Chart } from '../../charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { intervalOption } from '../campaign-charts';
import { ArmsTable } from './ArmsTable';
import { ComparisonsTable } from './ComparisonsTable';
import { IncrementalCard } from './IncrementalCard';
import { VerdictCard } from './VerdictCard';

const HOLDOUT_COLOUR = '#868e96';

/** The report of a campaign with results: the verdict first, then the figures it rests on. */
export function ReportBody({ id }: { id: number }) {
  const { t } = useTranslation();
  const report = useWorkspaceQuery('campaigns.report', { id });
  if (report.error) return <ErrorAlert error={report.error} title={t('campaigns.report.failed')} onRetry={report.refetch} />;
  if (!report.data) return <Skeleton h={520} />;
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const holdout = report.arms.find((a) => a.holdout);
  const label = (arm: CampaignReport['arms'][number]): string => (arm.holdout ? t('campaigns.groups.holdout') : arm.name);
  const rateOption = useMemo(
    () =>
      intervalOption(
        report.arms.map((a) => ({ label: label(a), mean: a.rate, low: a.ciLow, high: a.ciHigh, color: a.holdout ? HOLDOUT_COLOUR : undefined })),
        {
          format: (v) => format.percent(v),
          reference: holdout ? { value: holdout.rate, label: t('campaigns.report.holdoutLine') } : undefined,
          estimateLabel: t('campaigns.report.rate'),
          intervalLabel: t('campaigns.report.interval'),
        },
      ),
    [report, holdout, format, t],
  );
  const rprOption = useMemo(
    () =>
      intervalOption(
        report.arms.map((a) => ({ label: label(a), mean: a.revenuePerRecipient, low: a.rprLow, high: a.rprHigh, color: a.holdout ? HOLDOUT_COLOUR : undefined })),
        {
          format: (v) => format.money(v, report.currency),
          reference: holdout ? { value: holdout.revenuePerRecipient, label: t('campaigns.report.holdoutLine') } : undefined,
          estimateLabel: t('campaigns.report.rpr'),
          intervalLabel: t('campaigns.report.interval'),
        },
      ),
    [report, holdout, format, t],
  );
  const chartHeight = 50 + report.arms.length * 42;

  return (
    <Stack gap="md" data-testid="campaign-report-body">
      <VerdictCard verdict={report.verdict} />
      {report.srm.mismatch && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('campaigns.report.srmTitle')} data-testid="campaign-report-srm" data-p={report.srm.pValue}>
          {t('campaigns.report.srmText', { p: format.decimal(report.srm.pValue, 4), chi: format.decimal(report.srm.chiSquare, 2) })}
        </Alert>
      )}
      <Text size="sm" c="dimmed" data-testid="campaign-report-window">
        {t('campaigns.report.window', { from: format.date(report.window.from), to: format.date(report.window.to), days: format.integer(report.windowDays) })}
      </Text>
      <ArmsTable report={report} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper p="md" h="100%">
            <Title order={3}>{t('campaigns.report.rateChart')}</Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('campaigns.report.rateChartHelp')}
            </Text>
            <Chart option={rateOption} height={chartHeight} label={t('campaigns.report.rateChart')} testId="campaign-report-rate-chart" />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper p="md" h="100%">
            <Title order={3}>{t('campaigns.report.rprChart')}</Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('campaigns.report.rprChartHelp')}
            </Text>
            <Chart option={rprOption} height={chartHeight} label={t('campaigns.report.rprChart')} testId="campaign-report-rpr-chart" />
          </Paper>
        </Grid.Col>
      </Grid>
      {report.comparisons.length > 0 && <ComparisonsTable report={report} />}
      {report.incremental && <IncrementalCard incremental={report.incremental} currency={report.currency} />}
      {report.notes.length > 0 && (
        <Paper p="md" data-testid="campaign-report-notes">
          <Title order={3} mb={4}>
            {t('campaigns.report.notes')}
          </Title>
          <List size="sm" spacing={2}>
            {report.notes.map((note) => (
              <List.Item key={note}>{note}</List.Item>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}
