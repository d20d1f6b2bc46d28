import type { RfmSegment } from '../../../shared/analytics-schemas';

/** One Mantine colour per RFM segment: warm to cool from the best to the lost (its light variant works in both themes). */
export const SEGMENT_COLORS: Record<RfmSegment, string> = {
  champions: 'green',
  loyal: 'teal',
  'potential-loyalists': 'cyan',
  new: 'blue',
  promising: 'indigo',
  'need-attention': 'yellow',
  'about-to-sleep': 'orange',
  'at-risk': 'red',
  'cant-lose': 'grape',
  hibernating: 'gray',
  lost: 'dark',
};

/** Background and text of a segment's cells and swatches (Mantine's light-variant CSS variables). */
export const segmentStyle = (segment: RfmSegment): { background: string; color: string } => ({
  background: `var(--mantine-color-${SEGMENT_COLORS[segment]}-light)`,
  color: `var(--mantine-color-${SEGMENT_COLORS[segment]}-light-color)`,
});
