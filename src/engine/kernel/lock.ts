import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { PRIVATE_FILE_MODE } from './private-files';

/**
 * One writer per workspace: `<workspace>/.lock` names the process that has it open. It is made with O_EXCL (two
 * processes cannot both create it), removed on close, and taken over only when it is provably stale: its process
 * is gone on this same computer. A lock from another computer (a shared folder) is never taken over.
 */

export const LOCK_FILE_NAME = '.lock';

export type Door = 'desktop' | 'cli' | 'serve';

const holderSchema = z.object({
  pid: z.int(),
  door: z.enum(['desktop', 'cli', 'serve']),
  hostname: z.string(),
  startedAt: z.string(),
  token: z.string(),
  /** The folder locked: a lock copied along with the folder (a backup, a sync) does not lock the copy. */
  dir: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export type WorkspaceLock = { file: string; holder: LockHolder; release(): void };

/** Whether a process with this id runs on this computer (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type LockEnv = { pid: number; hostname: string; now: () => Date; alive: (pid: number) => boolean };

const realEnv = (): LockEnv => ({ pid: process.pid, hostname: os.hostname(), now: () => new Date(), alive: processAlive });

/** Takes the workspace's lock for this process, or refuses with who holds it. */
export function lockWorkspace(dir: string, door: Door, env: LockEnv = realEnv()): WorkspaceLock {
  const file = path.join(dir, LOCK_FILE_NAME);
  const holder: LockHolder = { pid: env.pid, door, hostname: env.hostname, startedAt: env.now().toISOString(), token: randomUUID(), dir };
  // Two tries: the second only after a stale lock was removed.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(file);
      if (current && !isStale(current, dir, env)) throw inUse(dir, current, env);
      if (!current && !unreadableLockIsOld(file, env)) throw inUse(dir, null, env);
      removeIfUnchanged(file, current);
      continue;
    }
    try {
      fs.writeSync(fd, JSON.stringify(holder));
    } finally {
      fs.closeSync(fd);
    }
    return { file, holder, release: () => removeIfUnchanged(file, holder) };
  }
  const current = readHolder(file);
  throw inUse(dir, current, env);
}

/** The lock's holder, or null when the file is gone or not a lock Localyst wrote. */
export function readHolder(file: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const isStale = (holder: LockHolder, dir: string, env: LockEnv): boolean =>
  holder.dir !== dir || (holder.hostname === env.hostname && !env.alive(holder.pid));

// A lock file is written right after it is made; one still unreadable after a few seconds was left half-written.
function unreadableLockIsOld(file: string, env: LockEnv): boolean {
  try {
    return env.now().getTime() - fs.statSync(file).mtimeMs > 5_000;
  } catch {
    return true;
  }
}

/** Removes the lock only if it still is the one we looked at (another process may have taken it meanwhile). */
function removeIfUnchanged(file: string, expected: LockHolder | null): void {
  const current = readHolder(file);
  if (expected && current?.token !== expected.token) return;
  try {
    fs.unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

const DOOR_NAMES: Record<Door, string> = { desktop: 'the Localyst desktop app', cli: 'a localyst command', serve: 'localyst serve (browser mode)' };

function inUse(dir: string, holder: LockHolder | null, env: LockEnv): AppError {
  if (!holder) {
    return new AppError('workspace-locked', `The workspace ${dir} is in use by another Localyst (its lock file is being written). Try again in a moment.`, {
      file: path.join(dir, LOCK_FILE_NAME),
    });
  }
  const where = holder.hostname === env.hostname ? '' : ` on the computer ${holder.hostname}`;
  return new AppError(
    'workspace-locked',
    `The workspace ${dir} is in use by ${DOOR_NAMES[holder.door]} (pid ${holder.pid}${where}) since ${holder.startedAt}. ` +
      'Close it there first, or open another workspace. One program at a time may write to a workspace.',
    { file: path.join(dir, LOCK_FILE_NAME), door: holder.door, pid: holder.pid, hostname: holder.hostname, since: holder.startedAt },
  );
}
