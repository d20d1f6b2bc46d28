import {
  BarChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  type BarSeriesOption,
  type CustomSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the app draws; add a module here when a chart needs it.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, CanvasRenderer]);
// The insights' cohort heat map.
echarts.use([HeatmapChart, VisualMapContinuousComponent]);
// The campaigns' estimates with their intervals (dot and whiskers).
echarts.use([CustomChart]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

export type ChartThemeName = 'localyst-light' | 'localyst-dark';

type Palette = {
  series: string[];
  text: string;
  mutedText: string;
  axisLine: string;
  splitLine: string;
  tooltipBackground: string;
  tooltipBorder: string;
  pointer: string;
};

const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif';

const light: Palette = {
  series: ['#4f57e0', '#f08c00', '#12b886', '#e64980', '#15aabf', '#7950f2'],
  text: '#343a40',
  mutedText: '#868e96',
  axisLine: '#dee2e6',
  splitLine: '#f1f3f5',
  tooltipBackground: '#ffffff',
  tooltipBorder: '#dee2e6',
  pointer: 'rgba(79, 87, 224, 0.08)',
};

// Follows the app's dark palette (theme.ts).
const dark: Palette = {
  series: ['#7078e6', '#ffa94d', '#38d9a9', '#f783ac', '#66d9e8', '#9775fa'],
  text: '#dcdde3',
  mutedText: '#8d909c',
  axisLine: '#4a4c56',
  splitLine: '#2c2e36',
  tooltipBackground: '#2c2e36',
  tooltipBorder: '#4a4c56',
  pointer: 'rgba(112, 120, 230, 0.12)',
};

const axis = (p: Palette) => ({
  axisLine: { show: true, lineStyle: { color: p.axisLine } },
  axisTick: { show: false },
  axisLabel: { color: p.mutedText, fontSize: 11 },
  splitLine: { show: true, lineStyle: { color: p.splitLine } },
  nameTextStyle: { color: p.mutedText, fontSize: 11 },
});

const themeOf = (p: Palette) => ({
  color: p.series,
  backgroundColor: 'transparent',
  textStyle: { color: p.text, fontFamily },
  categoryAxis: { ...axis(p), splitLine: { show: false } },
  valueAxis: { ...axis(p), axisLine: { show: false } },
  legend: { textStyle: { color: p.text, fontSize: 12 }, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
  tooltip: {
    backgroundColor: p.tooltipBackground,
    borderColor: p.tooltipBorder,
    borderWidth: 1,
    textStyle: { color: p.text, fontSize: 12 },
    extraCssText: 'box-shadow: 0 4px 16px rgba(0,0,0,0.12); border-radius: 8px;',
    axisPointer: { type: 'shadow', shadowStyle: { color: p.pointer }, lineStyle: { color: p.axisLine } },
  },
  bar: { itemStyle: { borderRadius: [3, 3, 0, 0] } },
  line: { symbolSize: 5, lineStyle: { width: 2 } },
});

// Themed once, for every chart of the app.
echarts.registerTheme('localyst-light', themeOf(light));
echarts.registerTheme('localyst-dark', themeOf(dark));

export { echarts };
