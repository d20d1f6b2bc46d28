import type { HandlerMap } from '../kernel/handler-types';
import { profileRule } from './profile';
import { segmentRule } from './segments-repo';

/** Profiles, comparisons and discovered segments: the segment explorer's insight channels. */
export const segmentInsightHandlers = {
  'segments.profile': (input, ctx) => {
    const db = ctx.workspace().db;
    return profileRule(db, segmentRule(db, input));
  },
  // Both profiles are drawn on the base's bins, so the two sides of a comparison always share them.
  'segments.compare': (input, ctx) => {
    const db = ctx.workspace().db;
    return { a: profileRule(db, segmentRule(db, input.a)), b: profileRule(db, segmentRule(db, input.b)) };
  },
  'segments.discover': (input, ctx) => {
    const what = input.k === undefined ? 'choosing the number by silhouette' : `${input.k} segments`;
    return { jobId: ctx.jobs.start('segments.discover', `Discovering customer segments (${what})`, input).id };
  },
} satisfies Partial<HandlerMap>;
