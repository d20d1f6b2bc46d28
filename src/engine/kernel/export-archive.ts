import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { configure, ZipWriter } from '@zip.js/zip.js';
import { AppError } from '../../shared/errors';
import type { ArchiveJob, JobControl } from './jobs';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files';

/**
 * The encrypted export archive (issue 15): an export the user asked to protect is written in plain to a private
 * staging folder inside `<workspace>/exports/`, packed into a WinZip AES-256 zip (7-Zip, WinZip and Keka open it;
 * Info-ZIP's unzip and macOS' Archive Utility do not) at the place the user chose, and the plain staging copy is overwritten
 * with zeros and deleted, whatever happens (done, failed, cancelled).
 */

// zip.js would start Web Workers, which Node does not have; the packing runs in the export's own worker thread.
configure({ useWebWorkers: false });

export type { ArchiveJob };

const STAGING_PREFIX = '.plain-';

/** The zip file an archived export writes in place of `target` (`customers.csv` → `customers.zip`, a folder → `folder.zip`). */
export function archivePath(target: string): string {
  const trimmed = target.replace(/[\\/]+$/, '');
  const extension = path.extname(trimmed);
  if (extension.toLowerCase() === '.zip') return trimmed;
  return `${extension === '.csv' ? trimmed.slice(0, -extension.length) : trimmed}.zip`;
}

/**
 * Plans an archived export: a fresh private staging folder in `<workspaceDir>/exports/` and, inside it, the plain
 * file (or folder when `plainExtension` is '') the export writes before it is packed to `zip`. Leftover staging
 * folders of an export that was killed are shredded first (no export runs while another starts: refuseWhileJobRuns).
 */
export function stageArchive(workspaceDir: string, zip: string, passphrase: string, plainExtension: '.csv' | ''): { write: string; archive: ArchiveJob } {
  const exportsDir = path.join(workspaceDir, 'exports');
  makePrivateDir(exportsDir);
  sweepStaging(exportsDir);
  const staging = path.join(exportsDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
  makePrivateDir(staging);
  return { write: path.join(staging, `${path.basename(zip, '.zip')}${plainExtension}`), archive: { passphrase, zip, staging } };
}

/** Shreds staging folders left by an export that did not end (the engine was killed while it packed). */
export function sweepStaging(exportsDir: string): void {
  if (!fs.existsSync(exportsDir)) return;
  for (const name of fs.readdirSync(exportsDir)) if (name.startsWith(STAGING_PREFIX)) shred(path.join(exportsDir, name));
}

/**
 * Overwrites every file under `target` with zeros, flushes, then deletes it all. On SSDs and copy-on-write file
 * systems the old blocks may survive the overwrite; the staging copy lives inside the workspace's own private
 * folder for the seconds the export takes, which is the most this can promise.
 */
export function shred(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(target)) shred(path.join(target, name));
    fs.rmdirSync(target);
    return;
  }
  if (stat.isFile() && stat.size > 0) {
    const zeros = Buffer.alloc(Math.min(stat.size, 1 << 20));
    const fd = fs.openSync(target, 'r+');
    try {
      for (let at = 0; at < stat.size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, stat.size - at), at);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  fs.unlinkSync(target);
}

/** Every file under `dir`, as paths relative to it with forward slashes (a zip's entry names). */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), relative) : [relative];
  });
}

/**
 * Packs the staging folder's contents into `archive.zip` with WinZip AES-256 (each entry encrypted with the
 * passphrase), written beside the target as a hidden part file renamed into place when complete. Returns its size.
 */
export async function packArchive(archive: ArchiveJob, control: JobControl): Promise<number> {
  const names = filesUnder(archive.staging);
  const temp = path.join(path.dirname(archive.zip), `.${path.basename(archive.zip)}.${randomBytes(4).toString('hex')}.part`);
  const out = fs.createWriteStream(temp, { flags: 'wx', mode: PRIVATE_FILE_MODE });
  const writer = new ZipWriter(Writable.toWeb(out) as WritableStream<Uint8Array>);
  let closed = false;
  try {
    for (const [index, name] of names.entries()) {
      control.checkCancelled();
      control.progress({ fraction: 0.99, stage: 'Encrypting', message: `Packing ${name} into the encrypted archive (${index + 1} of ${names.length})` });
      const source = Readable.toWeb(fs.createReadStream(path.join(archive.staging, name))) as ReadableStream<Uint8Array>;
      await writer.add(name, source, { password: archive.passphrase, encryptionStrength: 3, zipCrypto: false });
    }
    await writer.close();
    closed = true;
    control.checkCancelled();
    fs.renameSync(temp, archive.zip);
    return fs.statSync(archive.zip).size;
  } catch (error) {
    if (!closed) await writer.close().catch(() => undefined);
    fs.rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOSPC') {
      throw new AppError('workspace-unwritable', `Localyst cannot write ${archive.zip} (${code}). Choose a folder you can write to.`, { file: archive.zip, field: 'file' });
    }
    throw error;
  }
}

/**
 * Wraps an export job: without `archive` it runs as before; with it, the job writes into the staging folder, the
 * result is packed into the zip, `relabel` points the result at the zip, and the staging folder is shredded in
 * every case (done, failed, cancelled).
 */
export function archived<I extends { archive?: ArchiveJob | undefined }, R, D>(
  run: (db: D, input: I, control: JobControl) => R | Promise<R>,
  relabel: (result: R, zip: string) => R,
): (db: D, input: I, control: JobControl) => Promise<R> {
  return async (db, input, control) => {
    const { archive } = input;
    if (!archive) return run(db, input, control);
    try {
      const result = await run(db, input, control);
      await packArchive(archive, control);
      control.progress({ fraction: 1, stage: 'Done', message: `Encrypted archive ${path.basename(archive.zip)} written` });
      return relabel(result, archive.zip);
    } finally {
      shred(archive.staging);
    }
  };
}

/**
 * Where an export job writes: `target` itself for a plain export; for an archived one (`option` given) `target`
 * must already be the zip's path (archivePath), and the job writes into a fresh staging folder packed into it.
 */
export function planExport(workspaceDir: string, target: string, option: { passphrase: string } | undefined, plainExtension: '.csv' | ''): { write: string; archive?: ArchiveJob } {
  return option ? stageArchive(workspaceDir, target, option.passphrase, plainExtension) : { write: target };
}
