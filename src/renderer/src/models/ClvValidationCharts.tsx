import { SimpleGrid, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelCard } from '../../../shared/model-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { ChartBox } from './PropensityCharts';

type Validation = NonNullable<NonNullable<ModelCard['clv']>['validation']>;

const ACTUAL = '#4c6ef5';
const MODEL = '#f76707';

/** Cumulative repeat purchases week by week: what happened, and what the calibration fit expected (FHL 2005, fig. 2–3). */
function trackingOption(v: Validation, format: Formatters, t: TFunction): ChartOption {
  const names = { actual: t('modelLab.clvValidation.actual'), model: t('modelLab.clvValidation.model') };
  const calibrationIndex = v.tracking.findIndex((row) => row.holdout);
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 40, containLabel: true },
    legend: { bottom: 0, data: [names.actual, names.model] },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? format.integer(value) : '') },
    xAxis: { type: 'category', data: v.tracking.map((row) => row.periodEnd), axisLabel: { formatter: (d: string) => format.date(d) } },
    yAxis: { type: 'value', axisLabel: { formatter: (n: number) => format.number(n) } },
    series: [
      {
        name: names.actual,
        type: 'line',
        showSymbol: false,
        data: v.tracking.map((row) => row.actual),
        lineStyle: { color: ACTUAL, width: 2 },
        itemStyle: { color: ACTUAL },
        markLine:
          calibrationIndex > 0
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#868e96' },
                label: { formatter: () => t('modelLab.clvValidation.holdoutStarts'), fontSize: 10, color: '#868e96' },
                data: [{ xAxis: calibrationIndex }],
              }
            : undefined,
      },
      {
        name: names.model,
        type: 'line',
        showSymbol: false,
        data: v.tracking.map((row) => (row.holdout && row.conditionalExpected !== null ? row.conditionalExpected : row.expected)),
        lineStyle: { color: MODEL, width: 2, type: 'dashed' },
        itemStyle: { color: MODEL },
      },
    ],
  };
}

/** Mean holdout purchases by calibration frequency, actual vs predicted (FHL 2005, fig. 4). */
function conditionalOption(v: Validation, format: Formatters, t: TFunction): ChartOption {
  const names = { actual: t('modelLab.clvValidation.actual'), model: t('modelLab.clvValidation.model') };
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 52, containLabel: true },
    legend: { bottom: 0, data: [names.actual, names.model] },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? format.decimal(value, 2) : '') },
    xAxis: { type: 'category', data: v.conditional.map((row) => row.frequency), name: t('modelLab.clvValidation.frequencyAxis'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', axisLabel: { formatter: (n: number) => format.decimal(n, 1) } },
    series: [
      { name: names.actual, type: 'bar', data: v.conditional.map((row) => row.actual), itemStyle: { color: ACTUAL }, barMaxWidth: 18 },
      { name: names.model, type: 'bar', data: v.conditional.map((row) => row.predicted), itemStyle: { color: MODEL }, barMaxWidth: 18 },
    ],
  };
}

/** The literature's validation of a lifetime-value fit: calibration period, then the holdout compared. */
export function ClvValidationCharts({ validation }: { validation: Validation | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tracking = useMemo(() => (validation ? trackingOption(validation, format, t) : null), [validation, format, t]);
  const conditional = useMemo(() => (validation ? conditionalOption(validation, format, t) : null), [validation, format, t]);
  if (!validation || !tracking || !conditional) {
    return (
      <Text size="sm" c="dimmed" data-testid="card-clv-no-validation">
        {t('modelLab.clvValidation.none')}
      </Text>
    );
  }
  const period = { from: format.date(validation.calibrationEnd), to: format.date(validation.observationEnd) };
  const summary = t('modelLab.clvValidation.summary', {
    ...period,
    actual: format.integer(validation.holdoutActual),
    predicted: format.integer(validation.holdoutPredicted),
  });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartBox title={t('modelLab.clvValidation.trackingTitle')} hint={summary} testId="card-clv-tracking">
        <Chart option={tracking} height={240} label={t('modelLab.clvValidation.trackingTitle')} />
      </ChartBox>
      <ChartBox title={t('modelLab.clvValidation.conditionalTitle')} hint={t('modelLab.clvValidation.conditionalHint', period)} testId="card-clv-conditional">
        <Chart option={conditional} height={240} label={t('modelLab.clvValidation.conditionalTitle')} />
      </ChartBox>
    </SimpleGrid>
  );
}
