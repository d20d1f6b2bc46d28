import { AppError } from '../../shared/errors';
import { modelCardSchema, type ModelCard, type ModelKind, type ModelSummary } from '../../shared/model-schemas';
import type { Db } from '../db/open-workspace';

/**
 * Model versions in model_artifacts. The card (everything the model lab shows) is kept as JSON in metrics_json,
 * the fitted artefact (encoder, weights, calibration, or lifetime-value parameters) in `weights` as JSON bytes.
 * A purchase model's stored kind is `purchase:<category>`, so versions and the active flag are per category.
 */

type Row = {
  id: number;
  kind: string;
  version: number;
  active: number;
  backend: string;
  metrics_json: string;
  created_at: string;
  scored: number | null;
};

export const storedKind = (kind: ModelKind, category: string | null): string => (kind === 'purchase' ? `purchase:${category ?? ''}` : kind);

export type NewModel = Omit<ModelCard, 'id' | 'version' | 'active' | 'createdAt' | 'scored'>;

/** Stores a new version (not yet active) and returns its id and version. */
export function insertModel(db: Db, card: NewModel, artefact: unknown): { id: number; version: number } {
  const kind = storedKind(card.kind, card.category);
  const version = ((db.prepare('SELECT max(version) FROM model_artifacts WHERE kind = ?').pluck().get(kind) as number | null) ?? 0) + 1;
  const createdAt = new Date().toISOString();
  const info = db
    .prepare(
      `INSERT INTO model_artifacts (kind, version, active, backend, features_json, normalisation_json, metrics_json, data_window_json, weights, created_at)
       VALUES (@kind, @version, 0, @backend, @features, NULL, @metrics, @window, @weights, @createdAt)`,
    )
    .run({
      kind,
      version,
      backend: card.backend,
      features: JSON.stringify(card.features),
      metrics: JSON.stringify(card),
      window: JSON.stringify(card.dataWindow),
      weights: Buffer.from(JSON.stringify(artefact)),
      createdAt,
    });
  return { id: Number(info.lastInsertRowid), version };
}

function toCard(row: Row): ModelCard {
  const stored = JSON.parse(row.metrics_json) as NewModel;
  return modelCardSchema.parse({
    ...stored,
    id: row.id,
    version: row.version,
    active: row.active === 1,
    createdAt: row.created_at,
    scored: row.scored,
  });
}

const SELECT = 'SELECT id, kind, version, active, backend, metrics_json, created_at, scored FROM model_artifacts';
/** The model lab lists recommendation versions on their own card (recommend/read-repo.ts reads them), not among these. */
const CARDS_ONLY = "kind <> 'recommend'";

export function readModelCard(db: Db, id: number): ModelCard {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not-found', `There is no model ${id}.`, { field: 'id' });
  return toCard(row);
}

export function readModelArtefact<T>(db: Db, id: number): T {
  const weights = db.prepare('SELECT weights FROM model_artifacts WHERE id = ?').pluck().get(id) as Buffer | undefined;
  if (!weights) throw new AppError('not-found', `There is no model ${id}.`, { field: 'id' });
  return JSON.parse(weights.toString('utf8')) as T;
}

/** Every version, newest first. */
export function listModels(db: Db): ModelSummary[] {
  const rows = db.prepare(`${SELECT} WHERE ${CARDS_ONLY} ORDER BY created_at DESC, id DESC`).all() as Row[];
  return rows.map((row) => {
    const card = toCard(row);
    return {
      id: card.id,
      kind: card.kind,
      category: card.category,
      version: card.version,
      active: card.active,
      backend: card.backend,
      createdAt: card.createdAt,
      rows: card.rows,
      headline: card.headline,
      warnings: card.warnings,
    };
  });
}

/** The active version of a kind (and category), if any. */
export function activeModelId(db: Db, kind: ModelKind, category: string | null = null): number | null {
  return (db.prepare('SELECT id FROM model_artifacts WHERE kind = ? AND active = 1').pluck().get(storedKind(kind, category)) as number | undefined) ?? null;
}

/** The active purchase-propensity versions, one per category, oldest first: id and category ('' for any). */
export function activePurchaseModels(db: Db): Array<{ id: number; category: string }> {
  return (db.prepare("SELECT id, kind FROM model_artifacts WHERE active = 1 AND kind LIKE 'purchase:%' ORDER BY id").all() as Array<{ id: number; kind: string }>).map(
    (m) => ({ id: m.id, category: m.kind.slice('purchase:'.length) }),
  );
}

/** The active versions of every kind (for retraining after an import). */
export function activeModels(db: Db): ModelCard[] {
  return (db.prepare(`${SELECT} WHERE active = 1 ORDER BY id`).all() as Row[]).map(toCard);
}

/** Makes `id` the one active version of its kind; call inside the transaction that writes its scores. */
export function markActive(db: Db, id: number, scored: number): void {
  const kind = db.prepare('SELECT kind FROM model_artifacts WHERE id = ?').pluck().get(id) as string | undefined;
  if (kind === undefined) throw new AppError('not-found', `There is no model ${id}.`, { field: 'id' });
  db.prepare('UPDATE model_artifacts SET active = (id = @id), scored = CASE WHEN id = @id THEN @scored ELSE scored END WHERE kind = @kind').run({ id, kind, scored });
}
