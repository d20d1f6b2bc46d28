import type { HandlerMap } from '../kernel/handler-types';
import { checkVariantGraded } from './checks';

export const copyHandlers = {
  'copy.generate': (input, ctx) => {
    const { channel, goal } = input.brief;
    const job = ctx.jobs.start('copy.generate', `Write ${input.variants} ${channel.replace('_', ' ')} variant${input.variants === 1 ? '' : 's'} (${goal.replace('_', ' ')})`, input);
    return { jobId: job.id };
  },
  'copy.check': (input) => {
    const { checks, grade } = checkVariantGraded(input.brief, input.fields);
    return { checks, readingGrade: Math.round(grade * 10) / 10 };
  },
} satisfies Partial<HandlerMap>;
