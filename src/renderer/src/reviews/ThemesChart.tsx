import { Badge, Group, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewFilter, ReviewTheme } from '../../../shared/review-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { SENTIMENT_COLOURS, sentimentColour } from './sentiment-colours';

const SHOWN = 20;

type Props = { filter: ReviewFilter; selected: number | null; onSelect: (themeId: number) => void };

/**
 * The most mentioned themes as bars (length: reviews mentioning it; colour: how customers feel about it, red to
 * green), and the same themes as buttons, so a theme's quotes open by click on a bar or from the keyboard.
 */
export function ThemesChart({ filter, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useWorkspaceQuery('reviews.themes', { filter, limit: SHOWN });
  const themes = useMemo(() => query.data?.themes ?? [], [query.data]);
  const option = useMemo<ChartOption>(() => {
    // The chart draws its first category at the bottom: the most mentioned go last.
    const rows = [...themes].reverse();
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const theme = rows[(p as { dataIndex: number }).dataIndex] as ReviewTheme;
          const score = theme.sentiment === null ? '—' : format.decimal(theme.sentiment, 2);
          return `<b>${escape(theme.phrase)}</b><br/>${t('reviews.themes.tooltip', { mentions: format.integer(theme.mentions), share: format.percent(theme.share), score })}`;
        },
      },
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: t('reviews.themes.mentions'), nameLocation: 'middle', nameGap: 22, minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.phrase), axisLabel: { width: 180, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          cursor: 'pointer',
          data: rows.map((r) => ({
            value: r.mentions,
            itemStyle: { color: sentimentColour(r.sentiment), borderColor: r.id === selected ? '#1c7ed6' : undefined, borderWidth: r.id === selected ? 2 : 0 },
          })),
        },
      ],
    };
  }, [themes, selected, format, t]);
  const reversed = useMemo(() => [...themes].reverse(), [themes]);

  return (
    <Paper p="md" withBorder data-testid="reviews-themes">
      <Group justify="space-between" align="baseline">
        <Title order={3}>{t('reviews.themes.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('reviews.themes.legend')}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('reviews.themes.help')}
      </Text>
      {query.error && <ErrorAlert error={query.error} onRetry={query.refetch} />}
      {query.loading && <Skeleton h={360} />}
      {query.data && themes.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="reviews-themes-none">
          {t('reviews.themes.none')}
        </Text>
      )}
      {themes.length > 0 && (
        <Stack gap="sm">
          <Chart option={option} height={Math.max(220, themes.length * 22 + 40)} label={t('reviews.themes.title')} testId="reviews-themes-chart" onItemClick={(i) => reversed[i] && onSelect(reversed[i].id)} />
          <Group gap={6} data-testid="reviews-theme-list" role="list" aria-label={t('reviews.themes.listLabel')}>
            {themes.map((theme) => (
              <UnstyledButton
                key={theme.id}
                role="listitem"
                onClick={() => onSelect(theme.id)}
                aria-pressed={theme.id === selected}
                data-testid="reviews-theme"
                data-phrase={theme.phrase}
                data-label={theme.label ?? ''}
                style={{ borderRadius: 4 }}
              >
                <Badge variant={theme.id === selected ? 'filled' : 'light'} color={theme.label ? SENTIMENT_COLOURS[theme.label] : 'gray'} tt="none" size="md" style={{ cursor: 'pointer' }}>
                  {theme.phrase} · {format.integer(theme.mentions)}
                </Badge>
              </UnstyledButton>
            ))}
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
