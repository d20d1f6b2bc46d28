import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const recentSchema = z.array(z.object({ path: z.string(), name: z.string(), lastOpenedAt: z.string() }));
export type RecentWorkspace = z.infer<typeof recentSchema>[number];

const fileIn = (home: string): string => path.join(home, 'recent-workspaces.json');

/** The workspaces opened before, newest first; a damaged list is treated as empty rather than blocking start-up. */
export function readRecent(home: string): RecentWorkspace[] {
  try {
    return recentSchema.parse(JSON.parse(fs.readFileSync(fileIn(home), 'utf8')));
  } catch {
    return [];
  }
}

export function rememberWorkspace(home: string, dir: string, max = 12): RecentWorkspace[] {
  const entry = { path: dir, name: path.basename(dir), lastOpenedAt: new Date().toISOString() };
  const list = [entry, ...readRecent(home).filter((w) => w.path !== dir)].slice(0, max);
  try {
    fs.mkdirSync(home, { recursive: true });
    const tmp = `${fileIn(home)}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(list, null, 2));
    fs.renameSync(tmp, fileIn(home));
  } catch {
    // The recent list is a convenience; failing to save it must not stop the workspace from opening.
  }
  return list;
}
