import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CustomerColumn, ExportResult } from '../../shared/customer-schemas';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open-workspace';
import { writeAudit } from '../db/audit-repo';
import type { ExportJobInput, JobControl } from '../kernel/jobs';
import { PRIVATE_FILE_MODE } from '../kernel/private-files';
import { countView, figuresComplete, RAW_SELECT, toCustomerRow, type RawCustomer } from './customers-repo';
import { csvLine } from './csv';
import { allRowsSql, choosePlan } from './view-sql';

// What the export job receives, declared with the other job inputs in the kernel (a job's input crosses to its worker as plain data).
export type { ExportJobInput };

const CHUNK_CHARS = 1 << 20;
const CHECK_EVERY = 1_000;

/** Where the rows come from: their number (for progress) and the rows themselves, read in one transaction. */
export type CustomerRowSource = { countingMessage: string; read(): { total: number; rows: Iterable<RawCustomer> } };

/** Who to name in the audit log when identities are revealed, and the example file name in error messages. */
export type CustomerCsvOptions = { file: string; columns: CustomerColumn[]; reveal: boolean; auditAction: string; auditSubject: string | null; exampleName: string };

/**
 * Writes customer rows as UTF-8 CSV with the explorer's columns, masked unless `reveal`, formula-safe cells. Rows
 * stream from SQLite into a hidden temporary file beside the target, which is renamed into place only when complete,
 * so a cancel or a failure leaves no half file. Revealed exports are written to the audit log.
 */
export function writeCustomerCsv(db: Db, options: CustomerCsvOptions, source: CustomerRowSource, control: JobControl): ExportResult {
  const temp = path.join(path.dirname(options.file), `.${path.basename(options.file)}.${randomBytes(4).toString('hex')}.part`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE);
    const open = fd;
    // One read transaction: the count and every row come from the same snapshot, even if an import commits meanwhile.
    const rows = db.transaction(() => writeRows(options, source, open, control))();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    control.checkCancelled();
    if (options.reveal) writeAudit(db, options.auditAction, options.auditSubject, { rows, revealed: true, columns: options.columns });
    fs.renameSync(temp, options.file);
    control.progress({ fraction: 1, stage: 'Done', message: `${rows.toLocaleString('en')} customers exported`, rowsDone: rows });
    return { file: options.file, fileName: path.basename(options.file), rows };
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw asExportError(error, options.file, options.exampleName);
  }
}

/** The explorer's view (the same filters, search and order as `customers.page`, without paging) as CSV. */
export function exportCustomers(db: Db, input: ExportJobInput, control: JobControl): ExportResult {
  return writeCustomerCsv(
    db,
    { file: input.file, columns: input.columns, reveal: input.reveal, auditAction: 'customers.exported', auditSubject: null, exampleName: 'customers.csv' },
    {
      countingMessage: 'Counting the customers in this view',
      read: () => {
        const { complete, customers } = figuresComplete(db);
        const total = countView(db, input.view, !complete);
        const q = allRowsSql(input.view, RAW_SELECT, choosePlan(input.view, total, customers, total));
        return { total, rows: db.prepare(q.sql).iterate(...q.params) as IterableIterator<RawCustomer> };
      },
    },
    control,
  );
}

function writeRows(options: CustomerCsvOptions, source: CustomerRowSource, fd: number, control: JobControl): number {
  control.progress({ fraction: 0, stage: 'Counting', message: source.countingMessage });
  const { total, rows: raws } = source.read();
  let chunk = csvLine(options.columns);
  let rows = 0;
  for (const raw of raws) {
    const row = toCustomerRow(raw, options.reveal);
    chunk += csvLine(options.columns.map((column) => row[column]));
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
function asExportError(error: unknown, file: string, exampleName: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('not-found', `The folder of ${file} does not exist. Choose an existing folder.`, { file, field: 'file' });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('workspace-unwritable', `Localyst cannot write ${file} (${code}). Choose a folder you can write to.`, { file, field: 'file' });
  }
  if (code === 'EISDIR') return new AppError('bad-input', `${file} is a folder. Give a file name such as ${exampleName}.`, { file, field: 'file' });
  return error;
}
