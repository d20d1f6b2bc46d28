import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ImportReport, ImportRequest, PiiKind, RowError } from '../../shared/import-schemas';
import { importJobSchema } from '../../shared/import-schemas';
import { NAME_SQL } from '../customers/columns';
import { refreshCustomerMetrics } from '../customers/metrics';
import type { Db } from '../db/open-workspace';
import type { JobControl } from '../kernel/jobs';
import { createConverter, missingRequiredFields } from './convert';
import { dateFormatIds } from './dates';
import { detectMappedDateFormat, sniff } from './inspect';
import { KIND_FIELDS } from './kinds';
import { READ_LIMITS, type ReadLimits } from './limits';
import { saveMapping } from './mappings-repo';
import { createPseudonymiser, pseudonymSecret } from './pseudonyms';
import { convertInThread, convertInWorker, type ConvertedSource } from './convert-stream';
import { statInput, type ReadProgress } from './source';
import { createWriter } from './writers';

const MAX_REPORTED_ERRORS = 100;

/**
 * Imports one file as one transaction: all of it, or (with onError 'skip') all of its good rows, or nothing.
 * A cancel, a crash or a rejected file leaves the workspace exactly as it was. Importing the same file again
 * changes nothing and says so.
 */
export async function runImport(
  db: Db,
  rawRequest: ImportRequest,
  control: JobControl,
  limits: ReadLimits = READ_LIMITS,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const request = importJobSchema.parse(rawRequest);
  const file = path.resolve(request.file);
  const size = statInput(file).size;
  control.progress({ fraction: 0, stage: 'Reading', message: `Checking ${path.basename(file)}` });
  const sniffed = await sniff(file, request.overrides, limits);
  const mapping = checkMapping(db, request, sniffed.headers);
  const dateFormat = request.overrides.dateFormat ?? detectMappedDateFormat(request.kind, sniffed.headers, sniffed.samples, mapping);
  if (request.overrides.dateFormat && !dateFormatIds.includes(request.overrides.dateFormat)) {
    throw new AppError('bad-input', `Unknown date format "${request.overrides.dateFormat}". Choose one of: ${dateFormatIds.join(', ')}.`, { field: 'dateFormat' });
  }
  const detected = { ...sniffed.detected, dateFormat };
  const pseudonymised = new Set<PiiKind>(request.pseudonymize);
  const progress: ReadProgress = { bytes: 0 };
  // A big file is read, parsed and typed in a worker thread while this one writes (values to pseudonymise are
  // typed here, where the workspace's key is). Started now, so it is reading while the file is hashed.
  const inWorker = options.readInWorker ?? (size >= BULK_BYTES && pseudonymised.size === 0);
  let source: ConvertedSource | null = inWorker
    ? convertInWorker({ file, detected, limits, kind: request.kind, headers: sniffed.headers, mapping }, progress)
    : null;
  const now = new Date().toISOString();

  let committed = false;
  let foreignKeys: unknown = null;
  try {
    const sha256 = await hashFile(file);
    const previous = db
      .prepare("SELECT id, created_at FROM imports WHERE file_sha256 = ? AND kind = ? AND status = 'done' ORDER BY id DESC LIMIT 1")
      .get(sha256, request.kind) as { id: number; created_at: string } | undefined;
    // Every id the writers store was just found or made in this transaction, so checking each reference again
    // (three look-ups per order line) is work without a purpose; the pragma is back as it was at the end.
    foreignKeys = db.pragma('foreign_keys', { simple: true });
    if (foreignKeys) db.pragma('foreign_keys = OFF');
    db.exec('BEGIN IMMEDIATE');
    const pseudonymise = pseudonymised.size > 0 ? createPseudonymiser(pseudonymSecret(db)) : refusePseudonym;
    source ??= convertInThread(file, detected, progress, limits, createConverter(request.kind, sniffed.headers, mapping, detected, pseudonymise, pseudonymised));
    const importId = Number(
      db
        .prepare(`INSERT INTO imports (kind, file_name, file_sha256, mapping_json, status, created_at) VALUES (?, ?, ?, ?, 'done', ?)`)
        .run(request.kind, path.basename(file), sha256, JSON.stringify(mapping), now).lastInsertRowid,
    );
    // Set aside when the first row is written, not before: a big file that changes nothing leaves them alone.
    let restoreIndexes: (() => void) | null = null;
    const beforeWrite = size >= BULK_BYTES ? (): void => void (restoreIndexes ??= suspendIndexes(db, BULK_INDEXES[request.kind])) : undefined;
    const customersBefore = maxCustomerId(db);
    const restoreSearch = size >= BULK_BYTES && ADDS_CUSTOMERS_ONLY.has(request.kind) ? suspendSearchTrigger(db, customersBefore) : null;
    const writer = createWriter(request.kind, { db, importId: () => importId, now, pseudonymised: pseudonymised.size > 0, mapped: new Set(Object.values(mapping)), campaignId: request.campaignId, beforeWrite });
    const errors: RowError[] = [];
    const errorCounts: Record<string, number> = {};
    let rows = 0;
    let rejected = 0;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      control.checkCancelled();
      for (const row of next.value.rows) {
        rows += 1;
        if (!Array.isArray(row)) {
          // With 'reject', validation goes on to the end for a complete report, but nothing more is written.
          if (rejected === 0 || request.onError === 'skip') writer.write(row);
          continue;
        }
        rejected += 1;
        for (const e of row) {
          errorCounts[e.code] = (errorCounts[e.code] ?? 0) + 1;
          if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
        }
      }
      control.progress({
        fraction: Math.min(0.95, (progress.bytes / Math.max(size, 1)) * 0.95),
        stage: request.dryRun ? 'Checking' : 'Importing',
        message: `${rows.toLocaleString('en')} rows read`,
        rowsDone: rows,
      });
    }
    control.checkCancelled();
    writer.finish();
    (restoreIndexes as (() => void) | null)?.();
    restoreSearch?.();
    const { inserted, updated, unchanged } = writer.counts;
    const skipped = request.onError === 'skip' ? rejected : 0;
    const outcome: ImportReport['outcome'] =
      request.onError === 'reject' && rejected > 0 ? 'rejected' : request.dryRun ? 'dry-run' : inserted + updated === 0 ? 'unchanged' : 'imported';
    const base = {
      kind: request.kind,
      file,
      rows,
      inserted,
      updated,
      unchanged,
      skipped,
      rejected,
      errors,
      errorCounts,
      detected: { ...detected, mapping },
      dryRun: request.dryRun,
      alreadyImported: previous !== undefined,
      outcome,
    };
    if (outcome !== 'imported') {
      db.exec('ROLLBACK');
      committed = true;
      return { ...base, importId: null, message: describe(base, previous), seconds: elapsed(started) };
    }
    db.prepare('UPDATE imports SET inserted = ?, updated = ?, unchanged = ?, skipped = ?, rejected = ?, rows_read = ? WHERE id = ?').run(
      inserted,
      updated,
      unchanged,
      skipped,
      rejected,
      rows,
      importId,
    );
    // Campaign results change no customer figure unless they brought customers not seen before; at a million
    // customers the refresh would be most of the import.
    if (request.kind !== 'campaign_results' || maxCustomerId(db) !== customersBefore) {
      control.progress({ fraction: 0.96, stage: 'Updating figures', message: 'Recomputing customer figures' });
      refreshCustomerMetrics(db);
    }
    if (request.saveMappingAs) saveMapping(db, request.saveMappingAs, request.kind, mapping, sniffed.headers);
    control.checkCancelled();
    db.exec('COMMIT');
    committed = true;
    return { ...base, importId, message: describe(base, previous), seconds: elapsed(started) };
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    if (foreignKeys) db.pragma('foreign_keys = ON');
    // Stops the reading worker when the import ends before the file does (a cancel, an error).
    await source?.stop();
  }
}

export type ImportOptions = {
  /** Read, parse and type the file in a worker thread (default: for files from BULK_BYTES on, unless pseudonymised). */
  readInWorker?: boolean;
};

/** Files from this size on are bulk loads: some secondary indexes are rebuilt once instead of updated per row. */
const BULK_BYTES = 4 * 1024 * 1024;

/**
 * Indexes whose keys arrive in random order during an import (a product id per line), which makes per-row upkeep
 * the most expensive part of a big load. Dropped and rebuilt inside the import's transaction, so a rollback
 * brings them back untouched.
 */
const BULK_INDEXES: Record<ImportRequest['kind'], string[]> = {
  orders: ['order_lines_product'],
  customers: [],
  products: [],
  reviews: [],
  campaign_results: [],
};

function suspendIndexes(db: Db, names: string[]): () => void {
  const definitions = names
    .map((name) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) as { sql: string } | undefined)
    .filter((row): row is { sql: string } => row !== undefined);
  for (const name of names) db.exec(`DROP INDEX IF EXISTS "${name.replace(/"/g, '')}"`);
  return () => {
    for (const { sql } of definitions) db.exec(sql);
  };
}

/** Kinds whose writers only ever add customers (found or made by the resolvers), never change or delete one. */
const ADDS_CUSTOMERS_ONLY = new Set<ImportRequest['kind']>(['orders', 'reviews', 'campaign_results']);

/**
 * The quick-search index's insert trigger, set aside during a big load that can only add customers: one full-text
 * insert per new customer costs about four times one statement that indexes them all (4,372 customers of the UCI
 * file: ~100 ms against ~25 ms). The customers added after `customersBefore` are indexed at the end instead, the
 * same entries the trigger would have made. Inside the import's transaction, so a rollback brings the trigger back untouched.
 */
function suspendSearchTrigger(db: Db, customersBefore: number): () => void {
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'customers_search_insert'").pluck().get() as string | undefined;
  if (trigger === undefined) return () => undefined;
  db.exec('DROP TRIGGER customers_search_insert');
  return () => {
    db.exec(trigger);
    db.prepare(
      `INSERT INTO customers_search (rowid, customer_id, name, email, city, country)
       SELECT c.id, c.external_id, ${NAME_SQL}, c.email, c.city, c.country FROM customers c WHERE c.id > ? ORDER BY c.id`,
    ).run(customersBefore);
  };
}

const refusePseudonym = (): string => {
  throw new Error('pseudonymisation was not requested');
};

const elapsed = (started: number): number => Math.round(performance.now() - started) / 1000;

function describe(
  r: { outcome: ImportReport['outcome']; inserted: number; updated: number; skipped: number; rejected: number; rows: number },
  previous: { id: number; created_at: string } | undefined,
): string {
  const fmt = (n: number): string => n.toLocaleString('en');
  switch (r.outcome) {
    case 'rejected':
      return `The file was not imported: ${fmt(r.rejected)} of ${fmt(r.rows)} rows have problems. Fix them, or import with "skip bad rows".`;
    case 'dry-run':
      return `Dry run: ${fmt(r.inserted)} new, ${fmt(r.updated)} updated, ${fmt(r.skipped)} skipped. Nothing was written.`;
    case 'unchanged':
      return previous
        ? `This file was already imported (import #${previous.id}). Nothing changed.`
        : 'Every row is already in the workspace. Nothing changed.';
    default:
      return `Imported ${fmt(r.inserted)} new and ${fmt(r.updated)} updated rows${r.skipped ? `, skipped ${fmt(r.skipped)} bad rows` : ''}.`;
  }
}

/** The mapping restricted to real columns; refuses unknown columns or fields and missing required fields. */
function checkMapping(db: Db, request: ImportRequest, headers: string[]): Record<string, string> {
  const fields = KIND_FIELDS[request.kind];
  const seen = new Map<string, string>();
  for (const [column, field] of Object.entries(request.mapping)) {
    if (!headers.includes(column)) {
      throw new AppError('bad-input', `The file has no column "${column}". Its columns are: ${headers.join(', ')}.`, { column, field: 'mapping' });
    }
    if (!(field in fields)) {
      throw new AppError('bad-input', `"${field}" is not a field of ${request.kind}. Choose one of: ${Object.keys(fields).join(', ')}.`, { column, field });
    }
    const other = seen.get(field);
    if (other) throw new AppError('bad-input', `Both "${other}" and "${column}" are mapped to ${field}. Map one column per field.`, { column, field });
    seen.set(field, column);
  }
  if (request.campaignId !== undefined) {
    if (request.kind !== 'campaign_results') {
      throw new AppError('bad-input', `Only campaign results can be attached to a campaign, not ${request.kind}.`, { field: 'campaignId' });
    }
    if (db.prepare('SELECT 1 FROM campaigns WHERE id = ?').get(request.campaignId) === undefined) {
      throw new AppError('not-found', `There is no campaign ${request.campaignId} to attach these results to.`, { field: 'campaignId' });
    }
  }
  // Attached to a campaign, the file needs no campaign column; one that is there is not read.
  const mapped = request.campaignId === undefined ? request.mapping : Object.fromEntries(Object.entries(request.mapping).filter(([, field]) => field !== 'campaignId' && field !== 'campaignName'));
  const missing = missingRequiredFields(request.kind, mapped).filter((f) => !(request.campaignId !== undefined && f === 'campaignId'));
  if (missing.length > 0) {
    throw new AppError('bad-input', `Map a column to ${missing.map((f) => fields[f]?.label ?? f).join(', ')}: ${request.kind} need it.`, { field: missing[0] });
  }
  return { ...mapped };
}

const maxCustomerId = (db: Db): number => (db.prepare('SELECT max(id) FROM customers').pluck().get() as number | null) ?? 0;

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
