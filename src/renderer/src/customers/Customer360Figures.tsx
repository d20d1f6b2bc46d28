import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../shared/customer-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { useFormat } from '../format/useFormat';

type Figure = { key: string; label: string; value: string; caption?: string };

/** Orders, revenue, average order value, recency, tenure, returns and top category at a glance. */
export function KeyFigures({ data, currency }: { data: Customer360; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = data.customer;
  const none = t('common.none');
  const days = (n: number | null): string => (n === null ? none : t('customer360.days', { count: n, formatted: format.integer(n) }));
  const figures: Figure[] = [
    { key: 'orders', label: t('customer360.figures.orders'), value: format.integer(c.orders) },
    { key: 'revenue', label: t('customer360.figures.revenue'), value: format.money(c.revenue, currency) },
    { key: 'aov', label: t('customer360.figures.aov'), value: c.avgOrderValue === null ? none : format.money(c.avgOrderValue, currency) },
    {
      key: 'recency',
      label: t('customer360.figures.recency'),
      value: days(c.recencyDays),
      caption: c.lastOrderDate ? t('customer360.figures.lastOrder', { date: format.date(c.lastOrderDate.slice(0, 10)) }) : undefined,
    },
    {
      key: 'tenure',
      label: t('customer360.figures.tenure'),
      value: days(c.tenureDays),
      caption: c.firstOrderDate ? t('customer360.figures.firstOrder', { date: format.date(c.firstOrderDate.slice(0, 10)) }) : undefined,
    },
    { key: 'returns', label: t('customer360.figures.returns'), value: format.integer(c.returns) },
    { key: 'topCategory', label: t('customer360.figures.topCategory'), value: c.topCategory ?? none },
    {
      key: 'reviews',
      label: t('customer360.figures.reviews'),
      value: format.integer(data.reviews.count),
      caption:
        [
          data.reviews.avgRating === null ? null : t('customer360.figures.avgRating', { rating: format.decimal(data.reviews.avgRating, 1) }),
          data.reviews.avgSentiment === undefined ? null : t('customer360.figures.avgSentiment', { score: format.decimal(data.reviews.avgSentiment, 2) }),
        ]
          .filter(Boolean)
          .join(' · ') || undefined,
    },
  ];
  return (
    <SimpleGrid cols={4} spacing="xs" data-testid="customer-360-figures">
      {figures.map((figure) => (
        <Paper key={figure.key} p="xs" withBorder data-testid={`customer-360-${figure.key}`}>
          <Text size="xs" c="dimmed" truncate="end">
            {figure.label}
          </Text>
          <Text fw={650} ta="right" className="tabular" truncate="end" title={figure.value}>
            {figure.value}
          </Text>
          <Text size="xs" c="dimmed" ta="right" truncate="end" h={18}>
            {figure.caption ?? ''}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** Spend per month as small bars. */
export function SpendChart({ months, currency }: { months: Customer360['spendByMonth']; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 4, right: 4, top: 8, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? format.money(value, currency) : String(value)),
      },
      xAxis: { type: 'category', data: months.map((m) => format.month(m.month, 'short')), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.compactMoney(value, currency) } },
      series: [{ name: t('customer360.spend.series'), type: 'bar', data: months.map((m) => m.revenue), barMaxWidth: 22 }],
    }),
    [months, currency, format, t],
  );
  return (
    <Stack gap={6}>
      <Title order={4}>{t('customer360.spend.title')}</Title>
      {months.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('customer360.spend.empty')}
        </Text>
      ) : (
        <Chart option={option} height={150} label={t('customer360.spend.aria')} testId="customer-360-spend" />
      )}
    </Stack>
  );
}

/** What the customer buys: revenue share per category. */
export function CategoryShares({ categories, currency }: { categories: Customer360['categories']; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={6} data-testid="customer-360-categories">
      <Title order={4}>{t('customer360.categories.title')}</Title>
      {categories.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('customer360.categories.empty')}
        </Text>
      )}
      {categories.slice(0, 6).map((category) => (
        <Group key={category.category} gap="sm" wrap="nowrap">
          <Text size="sm" w={150} truncate="end" title={category.category}>
            {category.category}
          </Text>
          <Progress value={category.share * 100} style={{ flex: 1 }} size="md" aria-label={category.category} />
          <Text size="xs" c="dimmed" w={130} ta="right" className="tabular">
            {format.percent(category.share)} · {format.money(category.revenue, currency)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
