import { Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LossPoint } from '../../../shared/model-schemas';
import { Chart } from '../charts/Chart';
import type { ChartOption } from '../charts/echarts';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { lossRuns } from './loss-points';
import { firstDataIndex, tooltipHtml } from './tooltip-html';

type Props = {
  points: readonly LossPoint[];
  height?: number;
  testId: string;
};

export const runName = (fold: number | null, t: TFunction): string =>
  fold === null ? t('modelLab.loss.finalFit') : t('modelLab.loss.fold', { fold: String(fold) });

/**
 * Training and validation loss by epoch, fold after fold and then the final fit, on one axis: each run starts at a
 * marked line, and the lines break between runs so one fold's end is never joined to the next one's start.
 */
function buildOption(points: readonly LossPoint[], format: Formatters, t: TFunction): ChartOption {
  const entries: (LossPoint | null)[] = [];
  const training: [number, number | null][] = [];
  const validation: [number, number | null][] = [];
  const starts: { x: number; name: string }[] = [];
  let x = 0;
  for (const run of lossRuns(points)) {
    if (entries.length > 0) {
      entries.push(null);
      training.push([x + 0.5, null]);
      validation.push([x + 0.5, null]);
    }
    starts.push({ x: x + 1, name: runName(run.fold, t) });
    for (const point of run.points) {
      x += 1;
      entries.push(point);
      training.push([x, point.loss]);
      validation.push([x, point.valLoss]);
    }
  }
  const names = { training: t('modelLab.loss.training'), validation: t('modelLab.loss.validation') };
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 26, bottom: 30, containLabel: true },
    legend: { bottom: 0, left: 'center', data: [names.training, names.validation] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const index = firstDataIndex(params);
        const entry = index === undefined ? null : entries[index];
        if (!entry) return '';
        return tooltipHtml(t('modelLab.loss.tooltip', { run: runName(entry.fold, t), epoch: String(entry.epoch) }), [
          [names.training, format.decimal(entry.loss, 4)],
          ...(entry.valLoss === null ? [] : [[names.validation, format.decimal(entry.valLoss, 4)] as const]),
        ]);
      },
    },
    xAxis: {
      type: 'value',
      min: 0.5,
      max: Math.max(x + 0.5, 1.5),
      axisLabel: { show: false },
      splitLine: { show: false },
      name: t('modelLab.loss.xAxis'),
      nameLocation: 'middle',
      nameGap: 8,
    },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => format.decimal(v, 2) } },
    series: [
      {
        name: names.training,
        type: 'line',
        data: training,
        showSymbol: x < 40,
        connectNulls: false,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 1, color: '#adb5bd' },
          label: { position: 'end', fontSize: 10, color: '#868e96', formatter: (p: { name?: string }) => p.name ?? '' },
          data: starts.map((start) => ({ name: start.name, xAxis: start.x - 0.5 })),
        },
      },
      { name: names.validation, type: 'line', data: validation, showSymbol: x < 40, connectNulls: false, lineStyle: { type: 'dashed' } },
    ],
  };
}

/** The loss curve of a training, live or stored with a model version. */
export function LossChart({ points, height = 220, testId }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(() => buildOption(points, format, t), [points, format, t]);
  return (
    <Stack gap={4} data-testid={testId} data-points={points.length}>
      {points.length === 0 ? (
        <Text size="sm" c="dimmed" h={height} style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {t('modelLab.loss.waiting')}
        </Text>
      ) : (
        <Chart option={option} height={height} label={t('modelLab.loss.aria')} />
      )}
    </Stack>
  );
}
