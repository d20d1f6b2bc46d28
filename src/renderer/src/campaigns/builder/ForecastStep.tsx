import { Alert, Badge, Grid, Group, Loader, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForecastResult } from '../../../../shared/campaign-schemas';
import { Chart } from '../../charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { intervalOption } from '../campaign-charts';
import { MoneyInput } from '../inputs';
import { useAnalysis, useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

type Interval = ForecastResult['revenue'];

/** Step 6: what to expect (responders, revenue, the part the campaign adds) and, with a cost, whether it pays. */
export function ForecastStep() {
  const { t } = useTranslation();
  const { plan, update, currency, problem } = useBuilder();
  const forecast = useAnalysis('campaigns.forecast');
  const setForecast = (patch: Partial<typeof plan.forecast>): void => update((p) => ({ ...p, forecast: { ...p.forecast, ...patch } }));

  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <StepCard title={t('campaigns.forecast.costsTitle')} help={t('campaigns.forecast.costsHelp')} testId="campaign-forecast-inputs">
          <Stack gap="sm">
            <MoneyInput
              label={t('campaigns.forecast.costPerContact')}
              description={t('campaigns.forecast.costPerContactHelp')}
              value={plan.forecast.costPerContact}
              onChange={(costPerContact) => setForecast({ costPerContact: costPerContact ?? 0 })}
              currency={currency}
              max={1000}
              error={problem('forecast.costPerContact')}
              testId="campaign-cost-per-contact"
            />
            <MoneyInput
              label={t('campaigns.forecast.budget')}
              description={t('campaigns.forecast.budgetHelp')}
              value={plan.forecast.budget}
              onChange={(budget) => setForecast({ budget })}
              currency={currency}
              placeholder={t('campaigns.forecast.noBudget')}
              error={problem('forecast.budget')}
              testId="campaign-budget"
            />
          </Stack>
        </StepCard>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {forecast.error && <ErrorAlert error={forecast.error} title={t('campaigns.forecast.failed')} onRetry={forecast.refetch} />}
        {!forecast.data && !forecast.error && <Skeleton h={420} />}
        {forecast.data && <ForecastView result={forecast.data} refreshing={forecast.refreshing} />}
      </Grid.Col>
    </Grid>
  );
}

function ForecastView({ result, refreshing }: { result: ForecastResult; refreshing: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (value: number): string => format.wholeMoney(value, result.currency);
  const range = (i: Interval, show: (n: number) => string): string => t('campaigns.forecast.range', { low: show(i.low), high: show(i.high) });
  const option = useMemo(
    () =>
      intervalOption(
        [
          { label: t('campaigns.forecast.revenue'), ...result.revenue },
          { label: t('campaigns.forecast.incremental'), ...result.incrementalRevenue, color: '#12b886' },
        ],
        {
          format: (v) => format.compactMoney(v, result.currency),
          reference: result.cost > 0 ? { value: result.cost, label: t('campaigns.forecast.costLine', { cost: format.compactMoney(result.cost, result.currency) }) } : undefined,
          estimateLabel: t('campaigns.forecast.expected'),
          intervalLabel: t('campaigns.forecast.interval'),
        },
      ),
    [result, format, t],
  );

  if (result.source === 'none') {
    return (
      <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} title={t('campaigns.forecast.noneTitle')} data-testid="campaign-forecast-none">
        {result.sourceText}
      </Alert>
    );
  }

  return (
    <Stack gap="md" data-testid="campaign-forecast" data-source={result.source}>
      <Paper p="md">
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={2}>{t('campaigns.forecast.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('campaigns.forecast.contacted', { contacted: format.integer(result.contacted), holdout: format.integer(result.holdout) })}
            </Text>
          </div>
          <Group gap={6}>
            {refreshing && <Loader size={14} />}
            <Badge variant="light" color={result.source === 'model' ? 'grape' : 'blue'} data-testid="campaign-forecast-source">
              {t(`campaigns.forecast.sources.${result.source}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" mb="sm">
          {result.sourceText}
        </Text>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Stat label={t('campaigns.forecast.responseRate')} value={format.percent(result.responseRate.mean)} detail={range(result.responseRate, format.percent)} testId="campaign-forecast-rate" raw={result.responseRate.mean} />
          <Stat label={t('campaigns.forecast.responders')} value={format.integer(result.responders.mean)} detail={range(result.responders, format.integer)} testId="campaign-forecast-responders" raw={result.responders.mean} />
          <Stat label={t('campaigns.forecast.revenue')} value={money(result.revenue.mean)} detail={range(result.revenue, money)} testId="campaign-forecast-revenue" raw={result.revenue.mean} />
          <Stat label={t('campaigns.forecast.incremental')} value={money(result.incrementalRevenue.mean)} detail={range(result.incrementalRevenue, money)} testId="campaign-forecast-incremental" raw={result.incrementalRevenue.mean} />
        </SimpleGrid>
        <Chart option={option} height={150} label={t('campaigns.forecast.chartLabel')} testId="campaign-forecast-chart" />
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Paper p="md" data-testid="campaign-forecast-roi">
          <Text size="sm" c="dimmed">
            {t('campaigns.forecast.cost')}
          </Text>
          <Text fz={22} fw={650} ta="right" className="tabular">
            {format.money(result.cost, result.currency)}
          </Text>
          {result.roi ? (
            <>
              <Text size="sm" c="dimmed" mt="xs">
                {t('campaigns.forecast.roi')}
              </Text>
              <Text fz={22} fw={650} ta="right" className="tabular" c={result.roi.mean >= 0 ? 'teal' : 'red'} data-testid="campaign-forecast-roi-value" data-value={result.roi.mean}>
                {format.percent(result.roi.mean)}
              </Text>
              <Text size="xs" c="dimmed" ta="right">
                {range(result.roi, format.percent)}
              </Text>
            </>
          ) : (
            <Text size="xs" c="dimmed" mt="xs">
              {t('campaigns.forecast.noCost')}
            </Text>
          )}
        </Paper>
        {result.budget ? (
          <Alert
            color={result.budget.withinBudget ? 'teal' : 'orange'}
            variant="light"
            icon={result.budget.withinBudget ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
            title={result.budget.withinBudget ? t('campaigns.forecast.withinBudget') : t('campaigns.forecast.overBudget')}
            data-testid="campaign-forecast-budget"
            data-within={result.budget.withinBudget}
          >
            {t('campaigns.forecast.affordable', { budget: format.money(result.budget.budget, result.currency), contacts: format.integer(result.budget.affordableContacts) })}
          </Alert>
        ) : (
          <Paper p="md">
            <Text size="sm" c="dimmed">
              {t('campaigns.forecast.noBudgetText')}
            </Text>
          </Paper>
        )}
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value, detail, testId, raw }: { label: string; value: string; detail: string; testId: string; raw: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={20} fw={650} ta="right" className="tabular" data-testid={testId} data-value={raw}>
        {value}
      </Text>
      <Text size="xs" c="dimmed" ta="right" className="tabular">
        {detail}
      </Text>
    </Paper>
  );
}
