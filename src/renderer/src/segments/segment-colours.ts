import type { Segment } from '../../../shared/segment-schemas';

/** Badge colours: dynamic segments in the brand colour, static snapshots grey; the source by where the rule came from. */
export const KIND_COLOURS: Record<Segment['kind'], string> = { dynamic: 'brand', static: 'gray' };
export const SOURCE_COLOURS: Record<Segment['source'], string> = { rules: 'gray', discovered: 'grape', rfm: 'teal' };
