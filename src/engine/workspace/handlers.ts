import type { HandlerMap } from '../kernel/handler-types';
import { readStats } from '../db/stats-repo';
import { describeWorkspace } from './describe';
import { workspaceTarget } from './open-target';
import { readRecent } from './recent';
import { readSettings, updateSettings } from './settings';

export const workspaceHandlers = {
  'workspace.current': (_input, ctx) => describeWorkspace(ctx.workspace()),
  'workspace.list': (_input, ctx) => ({ current: ctx.workspace().dir, recent: readRecent(ctx.home), home: ctx.workspacesHome }),
  'workspace.open': async (input, ctx) => {
    const { dir, create } = workspaceTarget(input, ctx);
    return describeWorkspace(await ctx.switchWorkspace(dir, create));
  },
  'workspace.stats': (_input, ctx) => {
    const db = ctx.workspace().db;
    return { ...readStats(db), currency: readSettings(db).currency };
  },
  'settings.get': (_input, ctx) => readSettings(ctx.workspace().db),
  'settings.update': (input, ctx) => updateSettings(ctx.workspace().db, input),
} satisfies Partial<HandlerMap>;
