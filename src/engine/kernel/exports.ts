import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { JobKind } from '../../shared/contract';
import type { JobQueue } from './jobs';
import { makePrivateDir } from './private-files';

/** Where exports go when the user chose no place, and the checks every export makes before its job starts. */

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar day in local time, as YYYY-MM-DD. */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * `<workspace>/exports/<base>-YYYYMMDD-HHMMSS<extension>` in local time, numbered (`-2`, `-3`…) when that name is
 * taken; the exports folder is made when missing. `extension` is '' for a folder.
 */
export function newExportPath(workspaceDir: string, base: string, extension: string, now = new Date()): string {
  const dir = path.join(workspaceDir, 'exports');
  makePrivateDir(dir);
  const stamp = `${localDay(now).replace(/-/g, '')}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  for (let i = 1; ; i++) {
    const target = path.join(dir, `${base}-${stamp}${i === 1 ? '' : `-${i}`}${extension}`);
    if (!fs.existsSync(target)) return target;
  }
}

/** Refuses a target file the export could not write, before a job starts. `example` names a file the user could give. */
export function checkExportTarget(file: string, example: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('not-found', `The folder ${dir} does not exist. Choose an existing folder for the export.`, { file, field: 'file' });
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new AppError('bad-input', `${file} is a folder. Give a file name such as ${example}.`, { file, field: 'file' });
  }
}

/**
 * Jobs the engine starts by itself that write only tables an export does not need to wait for: the review analysis
 * after a reviews import or a demo shop (sentiment and themes). An export reads one snapshot of the workspace (WAL),
 * so it may run beside them; what writes customers, orders or their figures still comes first.
 */
const EXPORTS_NEED_NOT_WAIT: ReadonlySet<JobKind> = new Set<JobKind>(['reviews.analyze']);

/**
 * Exports, imports and training write to the workspace: one at a time. `what` says what to do once it is free.
 * An export (`reading`) need not wait for the review analysis.
 */
export function refuseWhileJobRuns(jobs: Pick<JobQueue, 'activeKinds'>, what: string, options: { reading?: boolean } = {}): void {
  const waitFor = jobs.activeKinds().filter((kind) => !(options.reading && EXPORTS_NEED_NOT_WAIT.has(kind)));
  if (waitFor.length > 0) throw new AppError('conflict', `A job is running in this workspace. ${what} when it has finished, or cancel it.`);
}
