import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../../shared/import-schemas';

/**
 * The browser mode receives a chosen file into `<workspace>/incoming/<stamp>/` (see src/host/server.ts). Once it is
 * imported (or found to be imported already) the upload has served its purpose: it is deleted, with its folder, so
 * the customers' data lives in one place, the workspace, where an erase reaches it. A check (dry run) or a rejected
 * file keeps its upload, to be imported or fixed next. Files outside incoming/ are the user's own and never touched.
 * Returns whether the upload was deleted.
 */
export function deleteImportedUpload(workspaceDir: string, report: Pick<ImportReport, 'file' | 'outcome'>): boolean {
  if (report.outcome !== 'imported' && report.outcome !== 'unchanged') return false;
  const incoming = path.join(workspaceDir, 'incoming');
  const file = path.resolve(report.file);
  if (!file.startsWith(incoming + path.sep)) return false;
  try {
    if (!fs.lstatSync(file).isFile()) return false;
    fs.rmSync(file);
  } catch {
    return false;
  }
  const folder = path.dirname(file);
  try {
    if (folder !== incoming && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
  } catch {
    // already gone, or another file is in it: left as it is
  }
  return true;
}
