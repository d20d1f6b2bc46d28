/**
 * Plain (not log-space) reference formulas for the likelihood tests, written independently of the engine's code:
 * its own Γ (Stirling's series after shifting the argument up), ordinary products and powers.
 */

/** Γ(x) for x > 0: Γ(x) = Γ(x + N)/(x(x+1)…(x+N−1)) with Stirling's series (six terms, ~1e-15) at x + N ≥ 30. */
export function gammaDirect(x: number): number {
  let shift = 1;
  let y = x;
  while (y < 30) {
    shift *= y;
    y += 1;
  }
  const series = 1 + 1 / (12 * y) + 1 / (288 * y * y) - 139 / (51840 * y ** 3) - 571 / (2488320 * y ** 4) + 163879 / (209018880 * y ** 5);
  return (Math.sqrt((2 * Math.PI) / y) * Math.pow(y / Math.E, y) * series) / shift;
}

export const betaDirect = (a: number, b: number): number => (gammaDirect(a) * gammaDirect(b)) / gammaDirect(a + b);

/** FHL 2005 eq. 6, term by term. */
export function bgNbdLikelihoodDirect(r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number): number {
  const common = (gammaDirect(r + x) * Math.pow(alpha, r)) / gammaDirect(r);
  const alive = (betaDirect(a, b + x) / betaDirect(a, b)) * (common / Math.pow(alpha + T, r + x));
  const dropped = x > 0 ? (betaDirect(a + 1, b + x - 1) / betaDirect(a, b)) * (common / Math.pow(alpha + tx, r + x)) : 0;
  return alive + dropped;
}

/** ₂F₁ by its series, for the small |z| the direct Pareto/NBD reference uses. */
function seriesDirect(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 2000 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return sum;
}

/** The Pareto/NBD likelihood (Fader & Hardie 2005 MATLAB note, eq. 22), term by term. */
export function paretoNbdLikelihoodDirect(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const m = Math.max(alpha, beta);
  const b2 = alpha >= beta ? s + 1 : r + x;
  const rsx = r + s + x;
  const gap = Math.abs(alpha - beta);
  const a0 = seriesDirect(rsx, b2, rsx + 1, gap / (m + tx)) / Math.pow(m + tx, rsx) - seriesDirect(rsx, b2, rsx + 1, gap / (m + T)) / Math.pow(m + T, rsx);
  const lead = (gammaDirect(r + x) * Math.pow(alpha, r) * Math.pow(beta, s)) / gammaDirect(r);
  return lead * (1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + (s / rsx) * a0);
}

/** The Gamma-Gamma density of a customer's mean spend m̄ given x (Fader & Hardie 2013 note, eq. 4). */
export function gammaGammaDensityDirect(p: number, q: number, v: number, x: number, m: number): number {
  return ((gammaDirect(p * x + q) / (gammaDirect(p * x) * gammaDirect(q))) * Math.pow(v, q) * Math.pow(m, p * x - 1) * Math.pow(x, p * x)) / Math.pow(v + m * x, p * x + q);
}
