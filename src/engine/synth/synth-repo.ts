import { AppError } from '../../shared/errors';
import { synthModelReportSchema, type SynthMethod, type SynthModelReport, type SynthModelSummary, type SynthRole, type SynthSource } from '../../shared/synth-schemas';
import type { Db } from '../db/open-workspace';
import type { CopulaArtefact } from './copula';
import type { ColumnMeta, RowHashes } from './columns';
import type { GanArtefact } from './gan';

/**
 * The synth_models table (migration 011): one row per trained synthesizer, its report as JSON and what sampling
 * needs as a JSON blob. No real row is stored: fitted parameters, aggregate figures and salted row hashes only.
 */

/** Everything a sample or workspace job needs from a trained model. */
export type StoredArtefact = {
  version: 1;
  method: SynthMethod;
  source: SynthSource;
  /** The learned columns as the synthesizer sees them, with how to write their values. */
  columns: ColumnMeta[];
  /** Columns not learned (ids, personal data, free text), in the source's order, for `fill`. */
  omitted: Array<{ name: string; role: SynthRole }>;
  /** Every column in the source's order (learned and not), so a filled sample keeps the source's column order. */
  order: string[];
  model: GanArtefact | CopulaArtefact;
  trainingRows: RowHashes;
};

export type NewSynthModel = { report: Omit<SynthModelReport, 'id' | 'createdAt'>; source: string; artefact: StoredArtefact };

/** Stores models in one transaction (all or none); returns their ids in order. */
export function insertSynthModels(db: Db, models: readonly NewSynthModel[], now = new Date()): number[] {
  const insert = db.prepare(
    'INSERT INTO synth_models (method, source, seed, backend, report_json, artefact, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return db.transaction(() =>
    models.map((m) => {
      const createdAt = now.toISOString();
      const info = insert.run(m.report.method, m.source, m.report.seed, m.report.backend, JSON.stringify({ ...m.report, createdAt }), Buffer.from(JSON.stringify(m.artefact)), createdAt);
      return Number(info.lastInsertRowid);
    }),
  )();
}

type Row = { id: number; report_json: string; created_at: string };

function parseReport(row: Row): SynthModelReport {
  const parsed = synthModelReportSchema.safeParse({ ...(JSON.parse(row.report_json) as object), id: row.id, createdAt: row.created_at });
  if (!parsed.success) throw new AppError('internal', `Synthetic-twin model ${row.id} has a report this version cannot read.`);
  return parsed.data;
}

const summaryOf = (r: SynthModelReport): SynthModelSummary => ({
  id: r.id,
  method: r.method,
  source: r.source,
  createdAt: r.createdAt,
  rows: r.rows,
  columns: r.columns,
  quality: r.quality,
  verdict: r.verdict,
  seed: r.seed,
  backend: r.backend,
  seconds: r.seconds,
});

/** Every model, newest first. */
export function listSynthModels(db: Db): SynthModelSummary[] {
  const rows = db.prepare('SELECT id, report_json, created_at FROM synth_models ORDER BY id DESC').all() as Row[];
  return rows.map((r) => summaryOf(parseReport(r)));
}

export function getSynthModel(db: Db, id: number): SynthModelReport {
  const row = db.prepare('SELECT id, report_json, created_at FROM synth_models WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new AppError('not-found', `There is no synthetic-twin model ${id}. Train one first, or pick one from the list.`, { field: 'id' });
  return parseReport(row);
}

/** The model's id: the one asked for (it must exist), else the last trained. */
export function resolveSynthModelId(db: Db, id: number | undefined): number {
  if (id !== undefined) {
    if (!db.prepare('SELECT 1 FROM synth_models WHERE id = ?').get(id)) {
      throw new AppError('not-found', `There is no synthetic-twin model ${id}. Train one first, or pick one from the list.`, { field: 'modelId' });
    }
    return id;
  }
  const last = db.prepare('SELECT id FROM synth_models ORDER BY id DESC LIMIT 1').get() as { id: number } | undefined;
  if (!last) throw new AppError('not-found', 'No synthetic twin has been trained in this workspace yet. Train one first.', { field: 'modelId' });
  return last.id;
}

export function readSynthArtefact(db: Db, id: number): { report: SynthModelReport; artefact: StoredArtefact } {
  const row = db.prepare('SELECT id, report_json, created_at, artefact FROM synth_models WHERE id = ?').get(id) as (Row & { artefact: Buffer }) | undefined;
  if (!row) throw new AppError('not-found', `There is no synthetic-twin model ${id}.`, { field: 'modelId' });
  const artefact = JSON.parse(row.artefact.toString('utf8')) as StoredArtefact;
  if (artefact.version !== 1) throw new AppError('internal', `Synthetic-twin model ${id} was saved by a newer Localyst.`);
  return { report: parseReport(row), artefact };
}

export function deleteSynthModel(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM synth_models WHERE id = ?').run(id).changes > 0;
}
