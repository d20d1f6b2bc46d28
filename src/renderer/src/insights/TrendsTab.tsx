import { Alert, Grid, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelledChoice } from './LabelledChoice';
import type { Forecast, ForecastErrors, TrendGrain, Trends } from '../../../shared/analytics-schemas';
import { Chart } from '../charts/Chart';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import type { Formatters } from '../format/formatters';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { buildTrendOption, metricFormatter, periodLabel, type TrendMetric } from './trend-chart';

const GRAINS: readonly TrendGrain[] = ['week', 'month'];
const METRICS: readonly TrendMetric[] = ['revenue', 'orders', 'activeCustomers', 'avgOrderValue'];

/** Trends by week or month with the forecast of revenue and orders, its intervals, and its backtest. */
export function TrendsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const [grain, setGrain] = useState<TrendGrain>('week');
  const [metric, setMetric] = useState<TrendMetric>('revenue');
  const query = useWorkspaceQuery('analytics.trends', { grain });
  const data = query.data?.grain === grain ? query.data : undefined;
  const forecast = data && (metric === 'revenue' || metric === 'orders') ? data.forecasts[metric] : null;
  const option = useMemo(() => {
    if (!data) return null;
    return buildTrendOption(data, metric, forecast?.model ? forecast : null, format, {
      actual: t('insights.trends.series.actual'),
      forecast: t('insights.trends.series.forecast'),
      band80: t('insights.trends.series.band80'),
      band95: t('insights.trends.series.band95'),
      partial: t('insights.trends.tooltipPartial'),
      metric: t(`insights.trends.metric.${metric}`),
    });
  }, [data, metric, forecast, format, t]);
  const latest = data?.periods.at(-1);

  return (
    <Stack gap="md" data-testid="trends-tab">
      <Group justify="space-between" align="flex-end">
        <Group gap="lg" align="flex-end">
          <LabelledChoice
            id="trend-grain-label"
            label={t('insights.trends.grainLabel')}
            value={grain}
            onChange={(v: TrendGrain) => setGrain(v)}
            options={GRAINS.map((x) => ({ value: x, label: t(`insights.trends.grain.${x}`) }))}
            testId="trend-grain"
          />
          <LabelledChoice
            id="trend-metric-label"
            label={t('insights.trends.metricLabel')}
            value={metric}
            onChange={(v: TrendMetric) => setMetric(v)}
            options={METRICS.map((x) => ({ value: x, label: t(`insights.trends.metric.${x}`) }))}
            testId="trend-metric"
          />
        </Group>
      </Group>
      {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
      {!data && !query.error && <Skeleton h={420} aria-busy="true" />}
      {data && option && (
        <Paper p="md" data-testid="trend-panel" data-grain={data.grain} data-periods={data.periods.length}>
          <Text size="xs" c="dimmed" mb="xs">
            {t(`insights.trends.help.${metric}`)}
            {latest?.partial
              ? ` ${t('insights.trends.partialNote', { unit: t(`insights.trends.unit.${grain}`, { count: 1 }), units: t(`insights.trends.unit.${grain}`, { count: 2 }), date: periodLabel(latest.period, grain, format, 'long') })}`
              : ''}
          </Text>
          <Chart
            option={option}
            height={360}
            label={t('insights.trends.ariaLabel', { metric: t(`insights.trends.metric.${metric}`), unit: t(`insights.trends.unit.${grain}`, { count: 1 }) })}
            testId="trend-chart"
          />
        </Paper>
      )}
      {data && !forecast && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} data-testid="trend-no-forecast">
          {t('insights.trends.noForecastMetric', { count: data.horizon, units: t(`insights.trends.unit.${grain}`, { count: data.horizon }) })}
        </Alert>
      )}
      {data && forecast && !forecast.model && forecast.message && (
        <Alert variant="light" color="yellow" icon={<IconInfoCircle size={18} />} data-testid="trend-forecast-message">
          {forecast.message}
        </Alert>
      )}
      {data && forecast?.model && <ForecastDetails data={data} forecast={forecast} metric={metric as 'revenue' | 'orders'} format={format} />}
    </Stack>
  );
}

type DetailsProps = { data: Trends; forecast: Forecast; metric: 'revenue' | 'orders'; format: Formatters };

function ForecastDetails({ data, forecast, metric, format }: DetailsProps) {
  const { t } = useTranslation();
  const model = forecast.model;
  if (!model) return null;
  const units = (count: number): string => t(`insights.trends.unit.${data.grain}`, { count });
  const show = metricFormatter(metric, data.currency, format);
  const description =
    model.kind === 'holt-winters'
      ? t('insights.trends.model.holtWinters', {
          seasonality: t(`insights.trends.model.${model.seasonality ?? 'additive'}`),
          period: String(model.period ?? 0),
          units: units(model.trainingPeriods),
          damped: model.phi < 0.995 ? t('insights.trends.model.damped') : '',
          count: model.trainingPeriods,
        })
      : t('insights.trends.model.dampedTrend', { count: model.trainingPeriods, units: units(model.trainingPeriods) });
  const three = (v: number | null): string => (v === null ? t('common.none') : format.decimal(v, 3));
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper p="md" h="100%" data-testid="forecast-model" data-kind={model.kind}>
          <Title order={2} mb="xs">
            {t('insights.trends.forecastTitle')}
          </Title>
          <Stack gap={6}>
            <Text size="sm">{description}</Text>
            <Text size="xs" c="dimmed">
              {t('insights.trends.model.params', { alpha: three(model.alpha), beta: three(model.beta), gamma: three(model.gamma), phi: three(model.phi), sigma: show(model.sigma) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('insights.trends.model.intervals')}
            </Text>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <BacktestPanel data={data} forecast={forecast} metric={metric} format={format} />
      </Grid.Col>
    </Grid>
  );
}

function BacktestPanel({ data, forecast, metric, format }: DetailsProps) {
  const { t } = useTranslation();
  const test = forecast.backtest;
  const unit = t(`insights.trends.unit.${data.grain}`, { count: 1 });
  const units = (count: number): string => t(`insights.trends.unit.${data.grain}`, { count });
  if (!test) {
    return (
      <Paper p="md" h="100%">
        <Title order={2} mb="xs">
          {t('insights.trends.backtestTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {forecast.message}
        </Text>
      </Paper>
    );
  }
  const show = metric === 'revenue' ? (v: number) => format.money(v, data.currency) : (v: number) => format.decimal(v, 1);
  const rows: Array<{ key: keyof ForecastErrors; display: (v: number | null) => string }> = [
    { key: 'mae', display: (v) => (v === null ? t('common.none') : show(v)) },
    { key: 'rmse', display: (v) => (v === null ? t('common.none') : show(v)) },
    { key: 'mape', display: (v) => (v === null ? t('common.none') : format.percent(v)) },
    { key: 'smape', display: (v) => (v === null ? t('common.none') : format.percent(v)) },
  ];
  const first = test.origins[0];
  return (
    <Paper p="md" h="100%" data-testid="backtest">
      <Title order={2} mb={4}>
        {t('insights.trends.backtestTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('insights.trends.backtestHelp', {
          count: test.origins.length,
          first: first ? periodLabel(first.period, data.grain, format, 'long') : '',
          horizon: format.integer(test.horizon),
          units: units(test.horizon),
          points: format.integer(test.points),
          baseline: t(`insights.trends.baseline.${test.baselineKind}`, { unit }),
        })}{' '}
        {t('insights.trends.better')}
      </Text>
      <Table fz="sm" verticalSpacing={6} horizontalSpacing="sm" withTableBorder data-testid="backtest-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insights.trends.columns.measure')}</Table.Th>
            <Table.Th ta="right">{t('insights.trends.columns.ours')}</Table.Th>
            <Table.Th ta="right">{t(`insights.trends.columns.${test.baselineKind}`, { unit })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ key, display }) => {
            const ours = test.ours[key];
            const baseline = test.baseline[key];
            const oursBetter = ours !== null && baseline !== null && ours < baseline;
            const baselineBetter = ours !== null && baseline !== null && baseline < ours;
            return (
              <Table.Tr key={key} data-testid="backtest-row" data-measure={key} data-ours={ours ?? ''} data-baseline={baseline ?? ''}>
                <Table.Td>{t(`insights.trends.measures.${key}`)}</Table.Td>
                <Table.Td ta="right" className="tabular" fw={oursBetter ? 700 : 400}>
                  {display(ours)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" fw={baselineBetter ? 700 : 400}>
                  {display(baseline)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
