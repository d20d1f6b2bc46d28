import type { EraseLeftoversResult, EraseResult } from '../../shared/customer-schemas';
import { forgetMemos } from '../kernel/memo';
import type { Db } from '../db/open-workspace';
import { deleteWorkspaceFiles, eraseFromBackups, fileHolds, filesHolding } from './erase-files';
import { checkpoint, erasePerson, type EraseOptions } from './privacy-repo';

type Workspace = { dir: string; dbFile: string; db: Db };

/** What this connection remembers of the data (answers, page ends, segment totals, the segment index): dropped at once. */
const forgetInMemory = forgetMemos;

/**
 * `customers.erase`: the person goes from the database (erasePerson), from memory, from the backups in backups/;
 * then every file of the workspace folder is searched for their values, and those that still hold them are listed
 * (an export the user made, an upload not imported), to be deleted with `eraseLeftovers` if the user agrees.
 */
export function eraseEverywhere(ws: Workspace, id: number, options: EraseOptions = {}): EraseResult {
  // The segment index's background reader would hold old pages in the write-ahead log: stopped before the erase.
  forgetInMemory(ws.db);
  const { erased, values } = erasePerson(ws.db, id, options);
  forgetInMemory(ws.db);
  const rewritten = erased.log.cleared && fileHolds(ws.dbFile, values);
  if (rewritten) {
    // Old versions of rows written before secure_delete was on (an earlier version of Localyst) can linger in the
    // unused space of pages still in use; only rebuilding the file removes them. Rare, and slow on a big workspace.
    ws.db.exec('VACUUM');
    erased.log = checkpoint(ws.db, options.checkpointWaitMs ?? 2000);
  }
  const Ctor = ws.db.constructor as new (file: string, options: { fileMustExist: boolean }) => Db;
  const backupsCleaned = eraseFromBackups(ws.dir, erased.customerId, values, (file) => new Ctor(file, { fileMustExist: true }));
  return { ...erased, rewritten, backupsCleaned, files: filesHolding(ws.dir, values) };
}

/** `customers.eraseLeftovers`: deletes the files an erase listed (inside the workspace folder only) and tries the log again. */
export function eraseLeftovers(ws: Workspace, files: string[], options: EraseOptions = {}): EraseLeftoversResult {
  const { deleted, missing } = deleteWorkspaceFiles(ws.dir, files);
  return { deleted, missing, log: checkpoint(ws.db, options.checkpointWaitMs ?? 2000) };
}
