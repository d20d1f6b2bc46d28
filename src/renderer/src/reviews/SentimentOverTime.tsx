import { Paper, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewsOverview } from '../../../shared/review-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { useFormat } from '../format/useFormat';
import { SENTIMENT_CHART } from './sentiment-colours';

const LABELS = ['negative', 'neutral', 'positive'] as const;

/** Reviews per month stacked by sentiment, with the mean sentiment score as a line on its own axis (0…1). */
export function SentimentOverTime({ months }: { months: ReviewsOverview['byMonth'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => format.month(m.month, 'short')) },
      yAxis: [
        { type: 'value', name: t('reviews.overTime.reviews'), minInterval: 1 },
        { type: 'value', name: t('reviews.overTime.mean'), min: 0, max: 1, splitLine: { show: false } },
      ],
      series: [
        ...LABELS.map((label) => ({
          name: t(`reviews.labels.${label}`),
          type: 'bar' as const,
          stack: 'reviews',
          itemStyle: { color: SENTIMENT_CHART[label] },
          data: months.map((m) => m[label]),
        })),
        {
          name: t('reviews.overTime.mean'),
          type: 'line' as const,
          yAxisIndex: 1,
          symbol: 'circle',
          symbolSize: 5,
          data: months.map((m) => (m.meanScore === null ? null : Math.round(m.meanScore * 100) / 100)),
        },
      ],
    }),
    [months, format, t],
  );
  return (
    <Paper p="md" withBorder data-testid="reviews-over-time">
      <Title order={3}>{t('reviews.overTime.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('reviews.overTime.help')}
      </Text>
      {months.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reviews.noMatch')}
        </Text>
      ) : (
        <Chart option={option} height={240} label={t('reviews.overTime.title')} testId="reviews-over-time-chart" />
      )}
    </Paper>
  );
}
