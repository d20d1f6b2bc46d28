import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { opsForKind, type SegmentField } from '../../shared/segment-schemas';
import type { Db } from '../db/open-workspace';
import { readAsOf } from '../customers/customers-repo';
import { localDay } from '../customers/handlers';
import type { HandlerMap } from '../router';
import { readSettings } from '../workspace/settings';
import { countRule } from './count';
import { FIELD_SQL } from './fields';
import { countRuleLive } from './live-index';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segments-repo';
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
    currency: readSettings(db).currency,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `<workspace>/exports/segment-<id>-YYYYMMDD-HHMMSS.csv` in local time, numbered when that name is taken. */
function defaultSegmentFile(workspaceDir: string, id: number, now = new Date()): string {
  const dir = path.join(workspaceDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = `${localDay(now).replace(/-/g, '')}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  for (let i = 1; ; i++) {
    const file = path.join(dir, `segment-${id}-${stamp}${i === 1 ? '' : `-${i}`}.csv`);
    if (!fs.existsSync(file)) return file;
  }
}

/** Refuses a target the export could not write, before a job starts. */
function checkExportTarget(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new AppError('not-found', `The folder ${dir} does not exist. Choose an existing folder for the export.`, { file, field: 'file' });
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new AppError('bad-input', `${file} is a folder. Give a file name such as segment.csv.`, { file, field: 'file' });
  }
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
    if (ctx.jobs.activeCount > 0) throw new AppError('conflict', 'A job is running in this workspace. Start the export when it has finished, or cancel it.');
    const segment = getSegment(ctx.workspace().db, input.id);
    const file = input.file ? path.resolve(input.file) : defaultSegmentFile(ctx.workspace().dir, input.id);
    checkExportTarget(file);
    const job = ctx.jobs.start('segments.export', `Export segment ${segment.name} to ${path.basename(file)}`, {
      segmentId: input.id,
      columns: input.columns,
      reveal: input.reveal,
      file,
    });
    return { jobId: job.id };
  },
} satisfies Partial<HandlerMap>;
