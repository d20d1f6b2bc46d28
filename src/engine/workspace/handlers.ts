import type { HandlerMap } from '../kernel/handler-types';
import { AppError } from '../../shared/errors';
import { readStats } from '../db/stats-repo';
import { describeWorkspace } from './describe';
import { workspaceTarget } from './open-target';
import { readRecent } from './recent';
import { readSettings, updateSettings } from './settings';

export const workspaceHandlers = {
  'workspace.current': (_input, ctx) => describeWorkspace(ctx.workspace(), ctx.security.isEncrypted()),
  'workspace.list': (_input, ctx) => ({ current: ctx.workspaceDir(), recent: readRecent(ctx.home), home: ctx.workspacesHome }),
  'workspace.open': async (input, ctx) => {
    const { dir, create } = workspaceTarget(input, ctx);
    if ('encrypt' in input && input.encrypt) {
      if (!create) throw new AppError('bad-input', 'An encrypted workspace is made new: ask with create: true.', { field: 'create' });
      const made = await ctx.security.createEncrypted(dir, input.encrypt.passphrase, input.encrypt.remember);
      return { ...describeWorkspace(made.workspace, true), recoveryKey: made.recoveryKey };
    }
    // An encrypted workspace opens locked: the answer is `workspace-encrypted` and the engine waits for workspace.unlock.
    return describeWorkspace(await ctx.switchWorkspace(dir, create), ctx.security.isEncrypted());
  },
  'workspace.stats': (_input, ctx) => {
    const db = ctx.workspace().db;
    return { ...readStats(db), currency: readSettings(db).currency };
  },
  'settings.get': (_input, ctx) => readSettings(ctx.workspace().db),
  'settings.update': (input, ctx) => updateSettings(ctx.workspace().db, input),
} satisfies Partial<HandlerMap>;
