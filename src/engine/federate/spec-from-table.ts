import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { federationSpecSchema, type FederationSpec } from '../../shared/federate-schemas';
import { parseNumber } from '../ml/encoder';
import { columnIndex, type RawTable } from '../ml/table';

/**
 * The spec a coordinator proposes from its own copy of the table (`federate propose`): the target, and every other
 * column as a numeric or categorical feature, read from the column's values. Columns that look like ids or free
 * text (almost every value different) are left out: they cannot generalise across offices and would leak
 * vocabularies. Only column names and types go into the spec, never a value.
 */

export type ProposeOptions = {
  name: string;
  target: string;
  positive?: string;
  exclude?: string[];
  rounds?: number;
  secure?: boolean;
  dpEpsilon?: number;
  seed?: number;
};

export type ProposedSpec = { spec: FederationSpec; leftOut: Array<{ column: string; reason: string }> };

export function specFromTable(table: RawTable, options: ProposeOptions): ProposedSpec {
  const targetAt = columnIndex(table, options.target, 'target');
  for (const c of options.exclude ?? []) columnIndex(table, c, 'exclude');
  const targetValues = new Set(table.rows.map((r) => r[targetAt]).filter((v) => v !== null).map(String));
  if (options.positive !== undefined && !targetValues.has(options.positive)) {
    throw new AppError('bad-input', `No row has "${options.positive}" in ${options.target}.`, { column: options.target, field: 'positive' });
  }
  if (targetValues.size !== 2 && options.positive === undefined) {
    throw new AppError('bad-input', `${options.target} has ${targetValues.size} different values: say which one is the outcome (--positive).`, { column: options.target, field: 'positive' });
  }
  const features: FederationSpec['features'] = [];
  const leftOut: ProposedSpec['leftOut'] = [];
  table.columns.forEach((column, j) => {
    if (j === targetAt) return;
    if (options.exclude?.includes(column)) return leftOut.push({ column, reason: 'excluded' });
    const values = table.rows.map((r) => r[j] ?? null);
    const numbers = values.map(parseNumber);
    const present = numbers.filter((v) => v !== null).length;
    if (present === 0) return leftOut.push({ column, reason: 'empty' });
    if (numbers.every((v) => v !== undefined)) return features.push({ name: column, type: 'numeric' });
    const distinct = new Set(values.filter((v) => v !== null).map(String)).size;
    if (distinct > 50 && distinct > 0.5 * present) return leftOut.push({ column, reason: 'an id or free text (almost every value differs)' });
    return features.push({ name: column, type: 'categorical' });
  });
  if (features.length === 0) throw new AppError('bad-input', 'No column is left to learn from besides the target.', { field: 'features' });
  const spec = federationSpecSchema.parse({
    id: randomUUID(),
    name: options.name,
    source: { kind: 'file' },
    target: options.target,
    ...(options.positive !== undefined ? { positive: options.positive } : {}),
    features,
    model: {},
    ...(options.rounds !== undefined ? { rounds: options.rounds } : {}),
    ...(options.secure !== undefined ? { secure: options.secure } : {}),
    dp: options.dpEpsilon !== undefined ? { epsilon: options.dpEpsilon } : null,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  return { spec, leftOut };
}
