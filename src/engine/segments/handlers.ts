import path from 'node:path';
import { opsForKind, type SegmentField } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { readAsOf } from '../customers/customers-repo';
import type { HandlerMap } from '../kernel/handler-types';
import type { AfterJobs } from '../kernel/jobs';
import { archivePath, planExport } from '../kernel/export-archive';
import { checkExportTarget, newExportPath, refuseWhileJobRuns } from '../kernel/exports';
import { readSettings } from '../workspace/settings';
import { countRule } from './count';
import { FIELD_SQL } from './fields';
import { countRuleLive } from './live-index';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segments-repo';
import { startSizesAfterImport } from './sizes';
import { whyRule } from './why';

const PICKER_LIMIT = 1_000;

/** The fields a rule can test (kind, label, unit, operators) and the values the pickers offer. */
function fieldOptions(db: Db) {
  const distinct = (sql: string): string[] => db.prepare(sql).pluck().all(PICKER_LIMIT) as string[];
  return {
    fields: (Object.keys(FIELD_SQL) as SegmentField[]).map((field) => {
      const spec = FIELD_SQL[field];
      return { field, kind: spec.kind, label: spec.label, unit: spec.unit, ops: [...opsForKind[spec.kind]] };
    }),
    countries: distinct("SELECT country FROM customers WHERE country IS NOT NULL AND country <> '' GROUP BY country COLLATE NOCASE ORDER BY country COLLATE NOCASE LIMIT ?"),
    categories: distinct("SELECT category FROM products WHERE category IS NOT NULL AND category <> '' GROUP BY category COLLATE NOCASE ORDER BY category COLLATE NOCASE LIMIT ?"),
    rfmSegments: distinct('SELECT rfm_segment FROM customer_metrics WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment COLLATE NOCASE ORDER BY rfm_segment COLLATE NOCASE LIMIT ?'),
    campaigns: db.prepare('SELECT external_id AS id, name FROM campaigns ORDER BY sent_at DESC, id DESC LIMIT ?').all(PICKER_LIMIT) as Array<{ id: string; name: string }>,
    themes: distinct('SELECT phrase FROM review_themes ORDER BY mentions DESC, phrase LIMIT ?'),
    currency: readSettings(db).currency,
  };
}

export const segmentsHandlers = {
  'segments.fields': (_input, ctx) => fieldOptions(ctx.workspace().db),
  'segments.count': (input, ctx) => {
    const db = ctx.workspace().db;
    return countRuleLive(db, input.rule, (asOf) => countRule(db, input.rule, asOf), () => readAsOf(db));
  },
  'segments.why': (input, ctx) => {
    const db = ctx.workspace().db;
    return whyRule(db, input.rule, input.customerId, { asOf: readAsOf(db) }, readSettings(db).currency);
  },
  'segments.list': (_input, ctx) => ({ segments: listSegments(ctx.workspace().db) }),
  'segments.get': (input, ctx) => getSegment(ctx.workspace().db, input.id),
  'segments.create': (input, ctx) => createSegment(ctx.workspace().db, input),
  'segments.update': (input, ctx) => updateSegment(ctx.workspace().db, input),
  'segments.delete': (input, ctx) => ({ deleted: deleteSegment(ctx.workspace().db, input.id) }),
  'segments.export': (input, ctx) => {
    refuseWhileJobRuns(ctx.jobs, 'Start the export', { reading: true });
    const segment = getSegment(ctx.workspace().db, input.id);
    const dir = ctx.workspace().dir;
    const chosen = input.file ? ctx.files.resolve(input.file, 'write', 'file') : newExportPath(dir, `segment-${input.id}`, input.archive ? '.zip' : '.csv');
    const file = input.archive ? archivePath(chosen) : chosen;
    checkExportTarget(file, 'segment.csv');
    const planned = planExport(dir, file, input.archive, '.csv');
    const job = ctx.jobs.start('segments.export', `Export segment ${segment.name} to ${path.basename(file)}`, {
      segmentId: input.id,
      columns: input.columns,
      reveal: input.reveal,
      file: planned.write,
      ...(planned.archive ? { archive: planned.archive } : {}),
    });
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;

/** An import that changed data records every segment's size in its history. */
export const segmentsAfterJobs: AfterJobs = { 'import.run': startSizesAfterImport };
