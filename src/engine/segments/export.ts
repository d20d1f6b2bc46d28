import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CustomerColumn, ExportResult } from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import { writeAudit } from '../db/audit-repo';
import type { Db } from '../db/open-workspace';
import { csvLine } from '../customers/csv';
import { RAW_SELECT, readAsOf, toCustomerRow, type RawCustomer } from '../customers/customers-repo';
import type { JobControl } from '../jobs/types';
import { compileRule, SEGMENT_FROM } from './compile';
import { segmentRule } from './segments-repo';

/** What the segments.export job receives: the handler has already chosen the absolute target file. */
export type SegmentExportJobInput = { segmentId: number; columns: CustomerColumn[]; reveal: boolean; file: string };

const CHUNK_CHARS = 1 << 20;
const CHECK_EVERY = 1_000;

/**
 * Writes a segment's members (dynamic: evaluated now; static: the snapshot) as the customers export writes rows:
 * the same columns, masking unless `reveal`, formula-safe cells, a temporary file renamed into place only when
 * complete, and revealed exports in the audit log.
 */
export function exportSegment(db: Db, input: SegmentExportJobInput, control: JobControl): ExportResult {
  const temp = path.join(path.dirname(input.file), `.${path.basename(input.file)}.${randomBytes(4).toString('hex')}.part`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx');
    const open = fd;
    // One read transaction: the count and every row come from the same snapshot, even if an import commits meanwhile.
    const rows = db.transaction(() => writeRows(db, input, open, control))();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    control.checkCancelled();
    if (input.reveal) writeAudit(db, 'segments.exported', String(input.segmentId), { rows, revealed: true, columns: input.columns });
    fs.renameSync(temp, input.file);
    control.progress({ fraction: 1, stage: 'Done', message: `${rows.toLocaleString('en')} customers exported`, rowsDone: rows });
    return { file: input.file, fileName: path.basename(input.file), rows };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw asExportError(error, input.file);
  }
}

function writeRows(db: Db, input: SegmentExportJobInput, fd: number, control: JobControl): number {
  control.progress({ fraction: 0, stage: 'Counting', message: 'Counting the members of this segment' });
  const { where, params } = compileRule(segmentRule(db, { id: input.segmentId }), { asOf: readAsOf(db) });
  const total = db.prepare(`SELECT count(*) FROM ${SEGMENT_FROM} WHERE ${where}`).pluck().get(...params) as number;
  let chunk = csvLine(input.columns);
  let rows = 0;
  const select = db.prepare(`SELECT ${RAW_SELECT} FROM ${SEGMENT_FROM} WHERE ${where} ORDER BY c.id`);
  for (const raw of select.iterate(...params) as IterableIterator<RawCustomer>) {
    const row = toCustomerRow(raw, input.reveal);
    chunk += csvLine(input.columns.map((column) => row[column]));
    rows += 1;
    if (chunk.length >= CHUNK_CHARS) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
    if (rows % CHECK_EVERY === 0) {
      control.checkCancelled();
      control.progress({
        fraction: total > 0 ? Math.min(0.99, rows / total) : 0,
        stage: 'Writing',
        message: `${rows.toLocaleString('en')} of ${total.toLocaleString('en')} customers`,
        rowsDone: rows,
      });
    }
  }
  fs.writeSync(fd, chunk);
  return rows;
}

/** File-system failures in words a user can act on; everything else passes through. */
function asExportError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('not-found', `The folder of ${file} does not exist. Choose an existing folder.`, { file, field: 'file' });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('workspace-unwritable', `Localyst cannot write ${file} (${code}). Choose a folder you can write to.`, { file, field: 'file' });
  }
  if (code === 'EISDIR') return new AppError('bad-input', `${file} is a folder. Give a file name such as segment.csv.`, { file, field: 'file' });
  return error;
}
