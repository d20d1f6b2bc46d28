import fs from 'node:fs';
import path from 'node:path';
import type { EraseFile } from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import { DB_FILE_NAME, type Db } from '../db/open-workspace';
import { mergeFullTextIndexes, scrubTraces, zeroFreePages } from './erase-traces';
import { deleteCustomerRows } from './privacy-repo';

/**
 * The files of a workspace folder that can hold a person besides the database: the backups taken before each schema
 * migration (cleaned like the database), uploads in incoming/ not yet imported, exports the user made, anything else
 * put in the folder. Files are searched byte by byte for the person's values as UTF-8 text.
 */

/** Folders whose files an erase may offer to delete; the database itself is never among them. */
const DELETABLE_FOLDERS = ['exports', 'incoming', 'backups'] as const;

export type OpenDatabase = (file: string) => Db;

/**
 * Applies the erase to every backup in backups/ (found by the person's imported id, so values they had back then go
 * too): the customer and their rows, and free text mentioning them, with secure_delete on, the free pages zeroed and
 * the file left without a journal. Returns the backups cleaned; one that cannot be opened is left to the file search.
 */
export function eraseFromBackups(workspaceDir: string, externalId: string, values: string[], open: OpenDatabase): string[] {
  const folder = path.join(workspaceDir, 'backups');
  const cleaned: string[] = [];
  for (const file of listFiles(folder)) {
    if (!file.endsWith('.sqlite')) continue;
    try {
      eraseFromBackup(file, externalId, values, open);
      cleaned.push(relative(workspaceDir, file));
    } catch (error) {
      process.stderr.write(`[engine] could not clean the backup ${file}: ${String(error)}\n`);
    }
  }
  return cleaned;
}

function eraseFromBackup(file: string, externalId: string, values: string[], open: OpenDatabase): void {
  const db = open(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      const row = db.prepare('SELECT id, email, phone, first_name, last_name FROM customers WHERE external_id = ?').get(externalId) as
        | { id: number; email: string | null; phone: string | null; first_name: string | null; last_name: string | null }
        | undefined;
      const more = row ? [row.email, row.phone, [row.first_name, row.last_name].filter(Boolean).join(' ')] : [];
      const all = [...new Set([...values, ...more.filter((v): v is string => typeof v === 'string' && v.trim().length >= 4)])];
      if (row) {
        if (hasTable(db, 'import_changes')) {
          db.prepare("DELETE FROM import_changes WHERE table_name = 'customers' AND json_extract(row_key, '$[0]') = ?").run(externalId);
        }
        deleteCustomerRows(db, row.id);
      }
      scrubTraces(db, all);
      mergeFullTextIndexes(db);
      zeroFreePages(db);
    })();
    // Rows rewritten before secure_delete was on can linger in a page's unused space: then the file is rebuilt.
    if (fileHolds(file, values)) db.exec('VACUUM');
  } finally {
    db.close();
  }
}

const hasTable = (db: Db, name: string): boolean => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(name) === 1;

/** Every regular file under `folder`, recursively; symbolic links are not followed. */
function listFiles(folder: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

const relative = (workspaceDir: string, file: string): string => path.relative(workspaceDir, file).split(path.sep).join('/');

const CHUNK = 4 << 20;
const isWordByte = (b: number | undefined): boolean =>
  b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0x80);

/**
 * Whether the file holds one of `values` (UTF-8 bytes, as written or in lower case, as exports and databases write
 * them), not inside a longer word.
 */
export function fileHolds(file: string, values: string[]): boolean {
  const needles = [...new Set(values.flatMap((v) => [v, v.toLowerCase()]))].map((v) => Buffer.from(v, 'utf8')).filter((b) => b.length > 0);
  if (needles.length === 0) return false;
  const overlap = Math.max(...needles.map((n) => n.length)) + 1;
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK + overlap);
    let position = 0;
    let carried = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, carried, CHUNK, position);
      const length = carried + read;
      const view = buffer.subarray(0, length);
      const atEnd = read === 0;
      for (const needle of needles) {
        for (let at = view.indexOf(needle); at !== -1; at = view.indexOf(needle, at + 1)) {
          const before = at === 0 ? undefined : view[at - 1];
          const after = view[at + needle.length];
          if (at === 0 && position > 0) continue; // the carried bytes: judged in the chunk before, with the byte before it
          if (at + needle.length >= length && !atEnd) break; // the byte after is in the next chunk: seen again there
          if (!isWordByte(before) && !isWordByte(after)) return true;
        }
      }
      if (atEnd) return false;
      position += read;
      carried = Math.min(overlap, length);
      view.copy(buffer, 0, length - carried, length);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The files of the workspace folder that still hold the person (the database and its log included). */
export function filesHolding(workspaceDir: string, values: string[]): EraseFile[] {
  return listFiles(workspaceDir)
    .filter((file) => {
      try {
        return fileHolds(file, values);
      } catch {
        return true; // unreadable: it may hold them, and nobody could check
      }
    })
    .map((file) => {
      const rel = relative(workspaceDir, file);
      return { path: rel, sizeBytes: fs.statSync(file).size, deletable: isDeletable(rel) };
    });
}

function isDeletable(rel: string): boolean {
  const [folder, ...rest] = rel.split('/');
  return rest.length > 0 && (DELETABLE_FOLDERS as readonly string[]).includes(folder ?? '') && !rel.split('/').includes('..');
}

/**
 * Deletes files an erase reported, given as paths inside the workspace folder. Only files under exports/, incoming/
 * and backups/ (never the database), only regular files (a link is refused), so a request cannot delete anything else.
 */
export function deleteWorkspaceFiles(workspaceDir: string, files: string[]): { deleted: string[]; missing: string[] } {
  const root = fs.realpathSync(workspaceDir);
  const targets = files.map((rel, index) => {
    const full = path.resolve(root, rel);
    const normal = relative(root, full);
    if (path.isAbsolute(rel) || !full.startsWith(root + path.sep) || !isDeletable(normal) || path.basename(full).startsWith(DB_FILE_NAME)) {
      throw new AppError('bad-input', `${rel} is not a file Localyst may delete: only files in the workspace's exports, incoming and backups folders.`, {
        field: `files.${index}`,
      });
    }
    return { rel: normal, full };
  });
  const deleted: string[] = [];
  const missing: string[] = [];
  for (const { rel, full } of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch {
      missing.push(rel);
      continue;
    }
    if (!stat.isFile() || fs.realpathSync(path.dirname(full)) !== path.dirname(full)) {
      throw new AppError('bad-input', `${rel} is not a plain file in the workspace; it was left alone.`, { file: rel });
    }
    fs.rmSync(full);
    removeEmptyFolders(root, path.dirname(full));
    deleted.push(rel);
  }
  return { deleted, missing };
}

/** An upload's own folder in incoming/ goes with its last file. */
function removeEmptyFolders(root: string, folder: string): void {
  for (let dir = folder; dir.startsWith(root + path.sep) && path.dirname(dir) !== root; dir = path.dirname(dir)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return;
    }
  }
}
