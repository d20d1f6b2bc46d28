import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import { useFormat } from '../format/useFormat';

type Props = { points: ReadonlyArray<{ round: number; loss: number }>; height?: number; testId: string };

/** The training loss the offices reported, one point per round of federated averaging. */
export function RoundLossChart({ points, height = 200, testId }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 30, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? format.decimal(v, 4) : String(v)) },
      xAxis: { type: 'value', name: t('federation.live.roundAxis'), nameLocation: 'middle', nameGap: 24, minInterval: 1, min: 1, max: Math.max(2, points.at(-1)?.round ?? 2) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => format.decimal(v, 2) } },
      series: [{ name: t('federation.live.loss'), type: 'line', data: points.map((p) => [p.round, p.loss]), showSymbol: points.length < 60 }],
    }),
    [points, format, t],
  );
  return (
    <div data-testid={testId} data-points={points.length}>
      {points.length === 0 ? (
        <Text size="sm" c="dimmed" h={height} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {t('federation.live.lossWaiting')}
        </Text>
      ) : (
        <Chart option={option} height={height} label={t('federation.live.lossAria')} />
      )}
    </div>
  );
}
