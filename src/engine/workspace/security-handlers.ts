import type { HandlerMap } from '../kernel/handler-types';
import { describeWorkspace } from './describe';

/** The encrypted workspace's channels (issue 15); the work is in holder.ts, reached through ctx.security. */
export const securityHandlers = {
  'workspace.security': (_input, ctx) => ctx.security.security(),
  'workspace.unlock': async (input, ctx) => describeWorkspace(await ctx.security.unlock(input.secret, input.remember), true),
  'workspace.encrypt': async (input, ctx) => ({ jobId: (await ctx.security.startEncrypt(input.passphrase, input.remember)).id }),
  'workspace.decrypt': async (input, ctx) => ({ jobId: (await ctx.security.startDecrypt(input)).id }),
  'workspace.passphrase': async (input, ctx) => {
    await ctx.security.changePassphrase(input.current, input.next);
    return { changed: true as const };
  },
} satisfies Partial<HandlerMap>;
