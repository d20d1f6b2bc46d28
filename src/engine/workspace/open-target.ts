import path from 'node:path';
import type { ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { EngineContext } from '../kernel/context';
import { readRecent } from './recent';

/**
 * The folder a `workspace.open` request may open, and whether it may be created: a folder the user chose in a
 * dialog, a workspace they opened before, or a name in the workspaces home. A path typed into a request is none of
 * these, so no request makes or opens a folder anywhere else.
 */
export function workspaceTarget(input: ParsedInput<'workspace.open'>, ctx: Pick<EngineContext, 'files' | 'home' | 'workspacesHome'>): { dir: string; create: boolean } {
  if ('handle' in input) return { dir: ctx.files.resolve(input.handle, 'workspace', 'handle'), create: true };
  if ('recent' in input) {
    const known = readRecent(ctx.home).find((w) => w.path === input.recent);
    if (!known) {
      throw new AppError('path-refused', 'That folder is not one of your recent workspaces. Open it with Open workspace… instead.', { field: 'recent' });
    }
    return { dir: known.path, create: false };
  }
  const dir = path.join(ctx.workspacesHome, input.name);
  // The name schema already refuses separators and dots; this says so again where the folder is made.
  if (path.dirname(dir) !== ctx.workspacesHome) {
    throw new AppError('path-refused', `"${input.name}" is not a plain workspace name.`, { field: 'name' });
  }
  return { dir, create: input.create };
}
