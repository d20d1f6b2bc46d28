import type { ExportResult } from '../../shared/customer-schemas';
import type { Db } from '../db/open-workspace';
import { writeCustomerCsv } from '../customers/export';
import { RAW_SELECT, readAsOf, type RawCustomer } from '../customers/customers-repo';
import type { SegmentExportJobInput, JobControl } from '../kernel/jobs';
import { compileRule, SEGMENT_FROM } from './compile';
import { segmentRule } from './segments-repo';

// What the segments.export job receives, declared with the other job inputs in the kernel (a job's input crosses to its worker as plain data).
export type { SegmentExportJobInput };

/**
 * Writes a segment's members (dynamic: evaluated now; static: the snapshot) exactly as the customers export writes
 * rows: the same columns, masking unless `reveal`, formula-safe cells, a temporary file renamed into place only when
 * complete, and revealed exports in the audit log.
 */
export function exportSegment(db: Db, input: SegmentExportJobInput, control: JobControl): ExportResult {
  return writeCustomerCsv(
    db,
    { file: input.file, columns: input.columns, reveal: input.reveal, auditAction: 'segments.exported', auditSubject: String(input.segmentId), exampleName: 'segment.csv' },
    {
      countingMessage: 'Counting the members of this segment',
      read: () => {
        const { where, params } = compileRule(segmentRule(db, { id: input.segmentId }), { asOf: readAsOf(db) });
        const total = db.prepare(`SELECT count(*) FROM ${SEGMENT_FROM} WHERE ${where}`).pluck().get(...params) as number;
        const rows = db.prepare(`SELECT ${RAW_SELECT} FROM ${SEGMENT_FROM} WHERE ${where} ORDER BY c.id`).iterate(...params) as IterableIterator<RawCustomer>;
        return { total, rows };
      },
    },
    control,
  );
}
