import { AppError } from '../../../shared/errors';

/** One customer's calibration-period summary: repeat purchases x, recency t_x and age T, in one time unit. */
export type RfmRow = { x: number; tx: number; T: number };

/** Identical (x, t_x, T) triples with how many customers share them: likelihoods are evaluated once per triple. */
export type WeightedRfm = { x: number; tx: number; T: number; weight: number };

/** The least data a transaction-model fit accepts; below it the likelihood is too flat to mean anything. */
export const MIN_CUSTOMERS = 20;
export const MIN_REPEAT_CUSTOMERS = 10;

/** Checks a summary is fit to estimate `model` from, and groups identical rows; throws bad-input in plain words. */
export function prepareFitData(rows: readonly RfmRow[], model: string): WeightedRfm[] {
  rows.forEach(checkRow);
  if (rows.length < MIN_CUSTOMERS) {
    throw new AppError('bad-input', `${model} needs purchases from at least ${MIN_CUSTOMERS} customers; ${countPhrase(rows.length)}.`, {
      field: 'customers',
      needed: MIN_CUSTOMERS,
      found: rows.length,
    });
  }
  if (rows.every((r) => r.T === 0)) {
    throw new AppError(
      'bad-input',
      `${model} needs more than one day of purchase history; every customer here first bought on the calibration end date. Move the calibration end later or import more history.`,
      { field: 'T' },
    );
  }
  const repeat = rows.filter((r) => r.x > 0).length;
  if (repeat < MIN_REPEAT_CUSTOMERS) {
    throw new AppError(
      'bad-input',
      `${model} needs repeat purchases from at least ${MIN_REPEAT_CUSTOMERS} customers; ${countPhrase(repeat)}. ` +
        'Import more order history, or move the calibration end later.',
      { field: 'repeatCustomers', needed: MIN_REPEAT_CUSTOMERS, found: repeat },
    );
  }
  return groupRows(rows);
}

/** "there are none" / "there is only 1" / "there are only 7". */
export function countPhrase(n: number): string {
  if (n === 0) return 'there are none';
  return n === 1 ? 'there is only 1' : `there are only ${n}`;
}

/** Groups identical (x, t_x, T) rows; keeps first-seen order so sums are deterministic. */
export function groupRows(rows: readonly RfmRow[]): WeightedRfm[] {
  const groups = new Map<string, WeightedRfm>();
  for (const r of rows) {
    const key = `${r.x}|${r.tx}|${r.T}`;
    const g = groups.get(key);
    if (g) g.weight++;
    else groups.set(key, { x: r.x, tx: r.tx, T: r.T, weight: 1 });
  }
  return [...groups.values()];
}

/** One row's (x, t_x, T) must be a possible purchase history: 0 ≤ t_x ≤ T, t_x > 0 exactly when x > 0. */
export function checkRow(r: RfmRow, index: number): void {
  const where = { row: index + 1 };
  if (!Number.isInteger(r.x) || r.x < 0) throw new AppError('bad-input', `Row ${index + 1}: the number of repeat purchases must be a whole number ≥ 0 (got ${r.x}).`, { ...where, field: 'x' });
  if (!Number.isFinite(r.T) || r.T < 0) throw new AppError('bad-input', `Row ${index + 1}: the customer's age T must be a number ≥ 0 (got ${r.T}).`, { ...where, field: 'T' });
  if (!Number.isFinite(r.tx) || r.tx < 0 || r.tx > r.T) {
    throw new AppError('bad-input', `Row ${index + 1}: recency t_x must lie between 0 and the age T (got t_x ${r.tx}, T ${r.T}).`, { ...where, field: 't_x' });
  }
  if (r.x === 0 && r.tx !== 0) throw new AppError('bad-input', `Row ${index + 1}: a customer without repeat purchases has recency 0 (got ${r.tx}).`, { ...where, field: 't_x' });
  if (r.x > 0 && r.tx === 0) throw new AppError('bad-input', `Row ${index + 1}: a customer with repeat purchases must have a recency after the first purchase (got 0).`, { ...where, field: 't_x' });
}
