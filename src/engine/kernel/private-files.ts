import fs from 'node:fs';

/**
 * A workspace holds personal data: its folders are readable by their owner only (0700) and its files too (0600),
 * whatever the umask. Windows ignores these modes; there the user profile's own permissions apply.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes a folder (and missing parents) readable by the owner only. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Narrows an existing file or folder to the owner; a file that is gone is left alone. */
export function narrowToOwner(file: string, mode: number = PRIVATE_FILE_MODE): void {
  try {
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
