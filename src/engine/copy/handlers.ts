import type { HandlerMap } from '../router';
import { allText, checkVariant, readingGrade } from './checks';

export const copyHandlers = {
  'copy.generate': (input, ctx) => {
    const { channel, goal } = input.brief;
    const job = ctx.jobs.start('copy.generate', `Write ${input.variants} ${channel.replace('_', ' ')} variant${input.variants === 1 ? '' : 's'} (${goal.replace('_', ' ')})`, input);
    return { jobId: job.id };
  },
  'copy.check': (input) => ({
    checks: checkVariant(input.brief, input.fields),
    readingGrade: Math.round(readingGrade(input.fields.channel === 'search_ad' ? input.fields.descriptions.join('. ') : allText(input.fields)) * 10) / 10,
  }),
} satisfies Partial<HandlerMap>;
