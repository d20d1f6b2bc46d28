import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ChosenFileHandle, FileUse } from '../../shared/file-schemas';

/**
 * The files the user chose, behind opaque handles. Only a door's own code grants one (a desktop dialog, a browser
 * upload it stored, a command-line argument), never a request; a request names the handle, and the engine gets the
 * path back only for the use it was granted for. Kept in memory: a restarted engine knows none, and the user
 * chooses again.
 */
export type FileGrants = {
  /** Registers a path the user chose for one use; answers its handle and the name to show. */
  grant(file: string, use: FileUse): ChosenFileHandle;
  /** The path behind `handle` for `use`; refuses unknown, expired and mismatched handles and files swapped for links. */
  resolve(handle: string, use: FileUse, field: string): string;
};

type Grant = { file: string; use: FileUse; real: string | null; at: number };

export const GRANT_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_GRANTS = 1000;

const useWords: Record<FileUse, string> = {
  read: 'a file to read',
  write: 'a file to save',
  folder: 'a folder to save into',
  workspace: 'a workspace folder',
};

const realOrNull = (file: string): string | null => {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
};

export function createFileGrants(now: () => number = Date.now): FileGrants {
  const grants = new Map<string, Grant>();
  const refuse = (field: string, message: string): AppError => new AppError('path-refused', message, { field });

  return {
    grant(file, use) {
      if (!path.isAbsolute(file) || file.includes('\u0000')) {
        throw new AppError('bad-input', `"${file.slice(0, 200)}" is not an absolute path.`, { field: 'file' });
      }
      const absolute = path.resolve(file);
      const handle = `fh_${randomBytes(16).toString('base64url')}`;
      grants.set(handle, { file: absolute, use, real: realOrNull(absolute), at: now() });
      // The oldest choices go first; a map iterates in insertion order.
      while (grants.size > MAX_GRANTS) grants.delete(grants.keys().next().value as string);
      return { handle, name: path.basename(absolute) };
    },

    resolve(handle, use, field) {
      const grant = grants.get(handle);
      if (!grant || now() - grant.at > GRANT_TTL_MS) {
        if (grant) grants.delete(handle);
        throw refuse(field, `Localyst does not know this file any more (it was chosen before a restart, or long ago). Choose it again.`);
      }
      if (grant.use !== use) {
        throw refuse(field, `${path.basename(grant.file)} was chosen as ${useWords[grant.use]}, not as ${useWords[use]}. Choose it again for this.`);
      }
      const link = fs.lstatSync(grant.file, { throwIfNoEntry: false });
      if (use === 'write' && link?.isSymbolicLink()) {
        throw refuse(field, `${grant.file} is a link to another file; Localyst does not save through links. Choose another name.`);
      }
      // A file replaced by a link (or a folder above it moved) after it was chosen is not the file the user chose.
      const real = realOrNull(grant.file);
      if (grant.real !== null && real !== null && real !== grant.real) {
        throw refuse(field, `${grant.file} has been replaced since it was chosen. Choose it again.`);
      }
      return grant.file;
    },
  };
}

/** A file name in a folder the engine owns (exports, incoming): one plain name, no folders, no `..`, no control characters. */
export function isPlainFileName(name: string): boolean {
  const control = [...name].some((char) => char.charCodeAt(0) < 0x20);
  return name.length > 0 && name.length <= 200 && name !== '.' && name !== '..' && !control && !/[/\\]/.test(name) && path.basename(name) === name;
}

/**
 * `file` when it is a regular file (not a link) whose real path lies inside `root`'s real path, else null. What
 * the browser mode takes from `incoming/` and serves from `exports/` passes this, so no link leads out of them.
 */
export function realFileInside(root: string, file: string): string | null {
  const realRoot = realOrNull(root);
  const real = realOrNull(file);
  if (realRoot === null || real === null || !real.startsWith(realRoot + path.sep)) return null;
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? real : null;
}
