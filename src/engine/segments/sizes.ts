import type { ImportReport } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import type { JobQueue } from '../kernel/jobs';
import { recordSegmentSizes } from './segments-repo';

/** The history entry's reason for an import that changed data (`import #N`), or null when it changed nothing. */
function importReason(result: unknown): string | null {
  const report = result as Partial<ImportReport> | undefined;
  if (report?.outcome !== 'imported') return null;
  return report.importId != null ? `import #${report.importId}` : 'import';
}

/** After an import that changed data, every saved segment's size joins its history (`import #N`). */
export function recordSizesAfterImport(db: Db, result: unknown): void {
  const reason = importReason(result);
  if (reason !== null) recordSegmentSizes(db, reason);
}

/**
 * The same as a background job: counting every saved segment can take seconds at a million customers (event rules),
 * which must not hold up the engine that answers the screens. Nothing starts when there are no segments.
 */
export function startSizesAfterImport(db: Db, jobs: JobQueue, result: unknown): void {
  const reason = importReason(result);
  if (reason === null) return;
  if (!db.prepare('SELECT 1 FROM segments LIMIT 1').get()) return;
  jobs.start('segments.sizes', 'Recording segment sizes after the import', { reason });
}
