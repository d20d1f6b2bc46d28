/**
 * What the validation charts and the CLV calculation need from a fitted purchase-count model (BG/NBD or
 * Pareto/NBD), so they work with either. Times are in the unit the model was fitted in.
 */
export type TransactionModel = {
  name: 'bgnbd' | 'pareto';
  /** E[X(t)]: expected repeat purchases in (0, t] of a customer who made a first purchase at 0. */
  expectedPurchases(t: number): number;
  /** P(alive | x, t_x, T). */
  probabilityAlive(x: number, tx: number, T: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with that history. */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number;
  /** Median time from the end of the data to the next purchase of a customer who is still alive (BG/NBD only). */
  medianNextPurchase?(x: number, tx: number, T: number): number;
};
