import type { HandlerMap } from '../kernel/handler-types';
import { describeWorkspace } from '../workspace/describe';


/** The SQLite library version compiled into better-sqlite3. */
function sqliteVersion(ctx: Parameters<HandlerMap['app.info']>[1]): string {
  if (ctx.security.lockedDir()) return '';
  return (ctx.workspace().db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}

export const appHandlers = {
  'app.info': async (_input, ctx) => {
    const { info } = await ctx.tf();
    return {
      appVersion: ctx.appVersion,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      sqlite: sqliteVersion(ctx),
      platform: `${process.platform}-${process.arch}`,
      tf: info,
      workspace: ctx.security.lockedDir() ? ctx.security.describeLocked() : describeWorkspace(ctx.workspace(), ctx.security.isEncrypted()),
    };
  },
} satisfies Partial<HandlerMap>;
