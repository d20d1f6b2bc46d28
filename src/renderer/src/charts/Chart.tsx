import { Box, useComputedColorScheme } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { echarts, type ChartOption, type ChartThemeName } from './echarts';

type Props = {
  option: ChartOption;
  height: number;
  /** What the chart shows, for screen readers. */
  label: string;
  testId?: string;
  /** A click on a data item (a bar, a point): its series' data index. */
  onItemClick?: (dataIndex: number) => void;
};

/** The one chart component: ECharts with the app's light or dark theme, resized with its container. */
export function Chart({ option, height, label, testId, onItemClick }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const themeName: ChartThemeName = scheme === 'dark' ? 'localyst-dark' : 'localyst-light';

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, themeName, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [themeName]);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, ...option }, { notMerge: true });
  }, [option, label, themeName]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onItemClick) return;
    const handler = (params: { dataIndex?: number }): void => {
      if (typeof params.dataIndex === 'number') onItemClick(params.dataIndex);
    };
    instance.on('click', handler);
    return () => void instance.off('click', handler);
  }, [onItemClick, themeName]);

  return <Box ref={container} h={height} w="100%" role="img" aria-label={label} data-testid={testId} />;
}
