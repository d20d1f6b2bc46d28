import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-workspace';
import { copyDatabase, removeCopy } from '../db/convert';
import type { JobControl } from '../kernel/jobs';

/** What the worker built beside the workspace; the engine swaps it in (engine.ts) once the worker has exited. */
export type ConvertedFiles = { direction: 'encrypt' | 'decrypt'; seconds: number; bytes: number; rows: number; backups: number };
export type ConvertJobInput = { direction: 'encrypt' | 'decrypt'; fromKey?: Uint8Array; toKey?: Uint8Array };

export const CONVERT_SUFFIX = { encrypt: '.encrypting', decrypt: '.decrypting' } as const;

/** The workspace's backup files (`backups/*.sqlite`). */
export function backupFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(dir, 'backups'))
      .filter((name) => name.endsWith('.sqlite'))
      .sort()
      .map((name) => path.join(dir, 'backups', name));
  } catch {
    return [];
  }
}

/**
 * Builds the converted database and backups beside the originals (`workspace.sqlite.encrypting`, …), reading the
 * workspace under its write lock so no change lands meanwhile. Nothing the workspace uses is touched: a crash or a
 * cancel leaves it as it was, and the partial copies are removed (zeroed first when plain).
 */
export function convertWorkspace(db: Db, input: ConvertJobInput, control: JobControl): ConvertedFiles {
  const started = performance.now();
  const dbFile = db.name;
  const dir = path.dirname(dbFile);
  const suffix = CONVERT_SUFFIX[input.direction];
  const fromKey = input.fromKey ?? null;
  const toKey = input.toKey ?? null;
  if ((input.direction === 'encrypt') !== (toKey !== null)) throw new Error('convertWorkspace: a key is missing for this direction.');
  // The writer's lock for the whole copy: an import started now waits (and is refused after its busy timeout).
  db.exec('BEGIN IMMEDIATE');
  const made: string[] = [];
  try {
    const backups = backupFiles(dir);
    control.progress({ fraction: 0.01, stage: input.direction === 'encrypt' ? 'Encrypting' : 'Decrypting', message: 'Copying the workspace' });
    const main = copyDatabase({ from: { file: dbFile, key: fromKey }, to: { file: `${dbFile}${suffix}`, key: toKey }, control, span: [0.01, 0.85], label: input.direction === 'encrypt' ? 'Encrypting' : 'Decrypting' });
    made.push(`${dbFile}${suffix}`);
    let bytes = main.bytes;
    backups.forEach((file, i) => {
      const span: [number, number] = [0.85 + (0.14 * i) / backups.length, 0.85 + (0.14 * (i + 1)) / backups.length];
      // Backups were written with the workspace's key (or none), like the workspace itself.
      const copy = copyDatabase({ from: { file, key: fromKey }, to: { file: `${file}${suffix}`, key: toKey }, control, span, label: 'Backups' });
      made.push(`${file}${suffix}`);
      bytes += copy.bytes;
    });
    control.checkCancelled();
    control.progress({ fraction: 0.99, stage: 'Swapping', message: 'Putting the converted files in place' });
    return { direction: input.direction, seconds: (performance.now() - started) / 1000, bytes, rows: main.rows, backups: backups.length };
  } catch (error) {
    for (const file of made) removeCopy(file, toKey === null);
    throw error;
  } finally {
    db.exec('ROLLBACK');
  }
}
