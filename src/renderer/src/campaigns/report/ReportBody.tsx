import { Alert, Grid, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignReport } from '../../../../shared/campaign-schemas';
import { Chart } from '../../charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Formatters } from '../../format/formatters';
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

type Arm = CampaignReport['arms'][number];

/** The two per-arm figures charted side by side: where each reads its estimate and interval, and its words. */
const FIGURES = {
  rate: {
    pick: (arm: Arm) => ({ mean: arm.rate, low: arm.ciLow, high: arm.ciHigh }),
    show: (format: Formatters, value: number) => format.percent(value),
    title: 'campaigns.report.rateChart',
    help: 'campaigns.report.rateChartHelp',
    estimate: 'campaigns.report.rate',
    testId: 'campaign-report-rate-chart',
  },
  rpr: {
    pick: (arm: Arm) => ({ mean: arm.revenuePerRecipient, low: arm.rprLow, high: arm.rprHigh }),
    show: (format: Formatters, value: number, currency: string) => format.money(value, currency),
    title: 'campaigns.report.rprChart',
    help: 'campaigns.report.rprChartHelp',
    estimate: 'campaigns.report.rpr',
    testId: 'campaign-report-rpr-chart',
  },
} as const;

/** One figure per arm as dots and whiskers, read against the holdout's when there is one. */
function ArmsChart({ report, figure }: { report: CampaignReport; figure: keyof typeof FIGURES }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { pick, show, title, help, estimate, testId } = FIGURES[figure];
  const option = useMemo(() => {
    const holdout = report.arms.find((a) => a.holdout);
    return intervalOption(
      report.arms.map((a) => ({ label: a.holdout ? t('campaigns.groups.holdout') : a.name, ...pick(a), color: a.holdout ? HOLDOUT_COLOUR : undefined })),
      {
        format: (value) => show(format, value, report.currency),
        reference: holdout ? { value: pick(holdout).mean, label: t('campaigns.report.holdoutLine') } : undefined,
        estimateLabel: t(estimate),
        intervalLabel: t('campaigns.report.interval'),
      },
    );
  }, [report, pick, show, estimate, format, t]);
  return (
    <Paper p="md" h="100%">
      <Title order={3}>{t(title)}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t(help)}
      </Text>
      <Chart option={option} height={50 + report.arms.length * 42} label={t(title)} testId={testId} />
    </Paper>
  );
}

function ReportView({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const format = useFormat();

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
          <ArmsChart report={report} figure="rate" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ArmsChart report={report} figure="rpr" />
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
