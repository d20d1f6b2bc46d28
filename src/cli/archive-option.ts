import { AppError } from '../shared/errors';
import { archiveOptionSchema, type ArchiveOption } from '../shared/security-schemas';

/** `--archive` on the export commands: the passphrase comes from the environment, never from the command line (shell history). */
export const ARCHIVE_FLAG_HELP = 'pack the export into an AES-256 zip (FILE.csv becomes FILE.zip); the passphrase is read from LOCALYST_ARCHIVE_PASSPHRASE';

/**
 * The file to grant and the input's archive field: with `--archive`, `--out x.csv` becomes `x.zip` (the file the
 * engine writes, so the grant names exactly it) and the passphrase is LOCALYST_ARCHIVE_PASSPHRASE's.
 */
export function archiveTarget(out: string, archive: boolean | undefined): { out: string; input: { archive?: ArchiveOption } } {
  if (!archive) return { out, input: {} };
  const parsed = archiveOptionSchema.safeParse({ passphrase: process.env.LOCALYST_ARCHIVE_PASSPHRASE ?? '' });
  if (!parsed.success) {
    throw new AppError('bad-input', '--archive needs a passphrase of at least 8 characters in LOCALYST_ARCHIVE_PASSPHRASE.', { field: 'archive' });
  }
  const zip = /\.zip$/i.test(out) ? out : `${out.replace(/\.csv$/i, '')}.zip`;
  return { out: zip, input: { archive: parsed.data } };
}
