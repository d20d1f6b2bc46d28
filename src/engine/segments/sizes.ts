import type { ImportReport } from '../../shared/import-schemas';
import type { Db } from '../db/open-workspace';
import { recordSegmentSizes } from './segments-repo';

/** After an import that changed data, every saved segment's size joins its history (`import #N`). */
export function recordSizesAfterImport(db: Db, result: unknown): void {
  const report = result as Partial<ImportReport> | undefined;
  if (report?.outcome !== 'imported') return;
  recordSegmentSizes(db, report.importId != null ? `import #${report.importId}` : 'import');
}
