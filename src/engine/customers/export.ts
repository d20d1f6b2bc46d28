import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CustomerColumn, CustomerView, ExportResult } from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { writeAudit } from '../db/audit-repo';
import type { JobControl } from '../jobs/types';
import { countView, figuresComplete, RAW_SELECT, toCustomerRow, type RawCustomer } from './customers-repo';
import { csvLine } from './csv';
import { allRowsSql, choosePlan } from './view-sql';

/** What the export job receives: the handler has already chosen the absolute target file. */
export type ExportJobInput = { view: CustomerView; columns: CustomerColumn[]; reveal: boolean; file: string };

const CHUNK_CHARS = 1 << 20;
const CHECK_EVERY = 1_000;

/**
 * Writes the explorer's view (the same filters, search and order as `customers.page`, without paging) as UTF-8 CSV.
 * Rows stream from SQLite into a hidden temporary file beside the target, which is renamed into place only when
 * complete, so a cancel or a failure leaves no half file. Revealed exports are written to the audit log first.
 */
export function exportCustomers(db: Db, input: ExportJobInput, control: JobControl): ExportResult {
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
    if (input.reveal) writeAudit(db, 'customers.exported', null, { rows, revealed: true, columns: input.columns });
    fs.renameSync(temp, input.file);
    control.progress({ fraction: 1, stage: 'Done', message: `${rows.toLocaleString('en')} customers exported`, rowsDone: rows });
    return { file: input.file, fileName: path.basename(input.file), rows };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw asExportError(error, input.file);
  }
}

function writeRows(db: Db, input: ExportJobInput, fd: number, control: JobControl): number {
  control.progress({ fraction: 0, stage: 'Counting', message: 'Counting the customers in this view' });
  const { complete, customers } = figuresComplete(db);
  const total = countView(db, input.view, !complete);
  const q = allRowsSql(input.view, RAW_SELECT, choosePlan(input.view, total, customers, total));
  let chunk = csvLine(input.columns);
  let rows = 0;
  for (const raw of db.prepare(q.sql).iterate(...q.params) as IterableIterator<RawCustomer>) {
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
  if (code === 'EISDIR') return new AppError('bad-input', `${file} is a folder. Give a file name such as customers.csv.`, { file, field: 'file' });
  return error;
}
