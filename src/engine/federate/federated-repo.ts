import { AppError } from '../../shared/errors';
import {
  agreedEncodingSchema,
  federatedEvaluationSchema,
  federationSpecSchema,
  type AgreedEncoding,
  type FederatedModel,
  type FederatedModelSummary,
  type FederationSpec,
} from '../../shared/federate-schemas';
import type { Db } from '../db/open-workspace';
import { z } from 'zod';

/**
 * The federated_models table (migration 012): what a finished federation leaves in this workspace. Names and row
 * counts of the participants only; no other office's row (none ever reached this office).
 */

export type NewFederatedModel = {
  role: 'coordinator' | 'office';
  spec: FederationSpec;
  encoding: AgreedEncoding;
  weights: Float32Array;
  rounds: number;
  epsilon: number | null;
  participants: Array<{ name: string; rows: number | null }>;
  evaluation: z.infer<typeof federatedEvaluationSchema>;
  history: Array<{ round: number; trainLoss: number | null }>;
};

/** Stores a federated model; returns its id. */
export function insertFederatedModel(db: Db, model: NewFederatedModel, now = new Date()): number {
  const weights = Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength);
  const info = db
    .prepare(
      `INSERT INTO federated_models (federation_id, name, role, spec_json, encoding_json, weights, rounds, secure, epsilon, participants_json, evaluation_json, history_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      model.spec.id,
      model.spec.name,
      model.role,
      JSON.stringify(model.spec),
      JSON.stringify(model.encoding),
      weights,
      model.rounds,
      model.spec.secure ? 1 : 0,
      model.epsilon,
      JSON.stringify(model.participants),
      JSON.stringify(model.evaluation),
      JSON.stringify(model.history),
      now.toISOString(),
    );
  return Number(info.lastInsertRowid);
}

type Row = {
  id: number;
  federation_id: string;
  name: string;
  role: 'coordinator' | 'office';
  spec_json: string;
  encoding_json: string;
  rounds: number;
  secure: number;
  epsilon: number | null;
  participants_json: string;
  evaluation_json: string;
  history_json: string;
  created_at: string;
};

const participantsSchema = z.array(z.object({ name: z.string(), rows: z.number().int().nullable() }));
const historySchema = z.array(z.object({ round: z.number().int(), trainLoss: z.number().nullable() }));

function parseRow(row: Row): FederatedModel {
  try {
    const spec = federationSpecSchema.parse(JSON.parse(row.spec_json));
    const source = spec.source.kind === 'customers' ? spec.source : null;
    return {
      id: row.id,
      federationId: row.federation_id,
      name: row.name,
      role: row.role,
      label: source?.label ?? 'churn',
      category: source?.category ?? null,
      horizonDays: source?.horizonDays ?? 0,
      rounds: row.rounds,
      secure: row.secure === 1,
      epsilon: row.epsilon,
      participants: participantsSchema.parse(JSON.parse(row.participants_json)),
      evaluation: federatedEvaluationSchema.parse(JSON.parse(row.evaluation_json)),
      createdAt: row.created_at,
      spec,
      encoding: agreedEncodingSchema.parse(JSON.parse(row.encoding_json)),
      history: historySchema.parse(JSON.parse(row.history_json)),
    };
  } catch {
    throw new AppError('internal', `Federated model ${row.id} was stored in a form this version cannot read.`);
  }
}

const COLUMNS = 'id, federation_id, name, role, spec_json, encoding_json, rounds, secure, epsilon, participants_json, evaluation_json, history_json, created_at';

/** Every federated model, newest first, without spec details. */
export function listFederatedModels(db: Db): FederatedModelSummary[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM federated_models ORDER BY created_at DESC, id DESC`).all() as Row[];
  return rows.map((row) => {
    const { spec, encoding, history, ...summary } = parseRow(row);
    void spec;
    void encoding;
    void history;
    return summary;
  });
}

export function getFederatedModel(db: Db, id: number): FederatedModel {
  const row = db.prepare(`SELECT ${COLUMNS} FROM federated_models WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not-found', `There is no federated model ${id}.`, { field: 'id' });
  return parseRow(row);
}

/** The stored weights of a federated model. */
export function readFederatedWeights(db: Db, id: number): Float32Array {
  const blob = db.prepare('SELECT weights FROM federated_models WHERE id = ?').pluck().get(id) as Buffer | undefined;
  if (!blob) throw new AppError('not-found', `There is no federated model ${id}.`, { field: 'id' });
  return new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
}

export function deleteFederatedModel(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM federated_models WHERE id = ?').run(id).changes > 0;
}

/** This workspace's product categories (what a purchase federation can predict), most sold first. */
export function productCategories(db: Db, limit = 200): string[] {
  return db
    .prepare("SELECT p.category FROM products p JOIN order_lines l ON l.product_id = p.id WHERE p.category IS NOT NULL AND p.category != '' GROUP BY p.category ORDER BY count(*) DESC, p.category LIMIT ?")
    .pluck()
    .all(limit) as string[];
}

/** Customers with at least one sale order: those an office brings to a customer federation. */
export function customersWithOrders(db: Db): number {
  return db.prepare("SELECT count(DISTINCT customer_id) FROM orders WHERE kind = 'sale' AND customer_id IS NOT NULL").pluck().get() as number;
}
