import type { z } from 'zod';
import type { sentimentLabelSchema } from '../../../shared/review-schemas';

export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;

/** Mantine colours of the sentiment labels, the same in every badge and chart. */
export const SENTIMENT_COLOURS: Record<SentimentLabel, string> = { positive: 'teal', neutral: 'gray', negative: 'red' };

/** Chart colours (ECharts takes CSS colours): the same hues as the badges. */
export const SENTIMENT_CHART: Record<SentimentLabel, string> = { positive: '#12b886', neutral: '#adb5bd', negative: '#fa5252' };

/** A colour from red (0, negative) through grey to green (1, positive), for a theme's mean sentiment. */
export function sentimentColour(score: number | null): string {
  if (score === null) return SENTIMENT_CHART.neutral;
  const t = Math.max(0, Math.min(1, score));
  const mix = (a: number[], b: number[], f: number): string => `rgb(${a.map((x, i) => Math.round(x + ((b[i] as number) - x) * f)).join(',')})`;
  const red = [250, 82, 82];
  const grey = [173, 181, 189];
  const green = [18, 184, 134];
  return t < 0.5 ? mix(red, grey, t / 0.5) : mix(grey, green, (t - 0.5) / 0.5);
}
