import type { HandlerMap } from '../kernel/handler-types';
import { startRecommendTraining } from './start-job';

/** Channels of the recommendation training (the read channels live in read-handlers.ts). */
export const recommendHandlers = {
  'recommend.train': (input, ctx) => startRecommendTraining(ctx.jobs, input),
} satisfies Partial<HandlerMap>;
