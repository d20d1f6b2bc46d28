import { expm1OverV, gammaSign, logGamma, logGammaDifferenceQuotient } from './special';

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1.
 *
 * - −½ ≤ z ≤ ½: the defining power series, summed until a bound on the whole remaining tail (not just the last
 *   term) is below machine precision.
 * - z < −½: Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)) maps it into (⅓, 1).
 * - ½ < z < 1: the series converges ever more slowly as z → 1, so we use the 1 − z connection formula
 *   (Abramowitz & Stegun 15.3.6), whose two series in w = 1 − z converge at least like 2^(−n). That formula is 0/0
 *   when c − a − b is an integer, which a likelihood optimiser walks through, and loses digits near one; there
 *   (|c − a − b − m| ≤ 0.1) we use the limit form of the same formula (A&S 15.3.10–15.3.12 for ε = 0), written so
 *   that every 1/ε is cancelled analytically and no difference of nearly equal numbers is ever formed. For large
 *   parameters both pieces of the connection formula can be huge and cancel; each method reports a condition
 *   number and the best-conditioned of the connection formula, the plain series (when it can finish) and, for
 *   c = a + 1 (the Pareto/NBD's shape), the incomplete-beta continued fraction wins. If even the best would lose
 *   more than eight digits the answer is NaN, not a wrong number.
 * - z = 1: Gauss's theorem when c − a − b > 0.
 *
 * Returns NaN outside the domain (z > 1 unless the series terminates, z = 1 with c − a − b ≤ 0, c a non-positive
 * integer) or if no method converges within its term budget: callers (the likelihoods) treat NaN as "not this
 * parameter value".
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if ([a, b, c, z].some((v) => !Number.isFinite(v))) return Number.NaN;
  if (isNonPositiveInteger(c) && !polynomialBefore(a, b, c)) return Number.NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z).value;
  if (z > 1) return Number.NaN;
  if (z === 1) return gaussAtOne(a, b, c);
  if (z < -SERIES_LIMIT) {
    const w = z / (z - 1);
    // Either Pfaff form is exact; prefer one whose series terminates.
    if (isNonPositiveInteger(c - a)) return Math.pow(1 - z, -b) * hyp2f1(c - a, b, c, w);
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w);
  }
  if (z <= SERIES_LIMIT) return series(a, b, c, z).value;
  return nearOne(a, b, c, z);
}

/** The defining series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, with the number of terms used and whether it met the tolerance. */
export function hyp2f1Series(a: number, b: number, c: number, z: number): { value: number; terms: number; converged: boolean } {
  const out = series(a, b, c, z);
  return { value: out.value, terms: out.terms, converged: Number.isFinite(out.value) };
}

type Estimate = { value: number; kappa: number; terms: number };

const SERIES_LIMIT = 0.5;
const EPS = 1e-16;
const MAX_TERMS = 200_000;
// Within this distance of an integer, c − a − b goes to the limit form of the connection formula.
const NEAR_INTEGER = 0.1;
// A condition number at or below this loses at most three digits: good enough not to try the alternatives.
const GOOD_KAPPA = 1e3;
// Above this, fewer than eight digits would be right: better to say NaN than to hand back a wrong number.
const WORST_KAPPA = 1e8;
const MAX_FRACTION_TERMS = 20_000;
const NAN_ESTIMATE: Estimate = { value: Number.NaN, kappa: Number.POSITIVE_INFINITY, terms: 0 };

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

/** With c a non-positive integer the series is still defined if a or b terminates it first. */
function polynomialBefore(a: number, b: number, c: number): boolean {
  return (isNonPositiveInteger(a) && a > c) || (isNonPositiveInteger(b) && b > c);
}

/** Sign and log-magnitude of a product of gammas over a product of gammas; NaN sign marks a pole upstairs. */
function gammaRatio(upstairs: number[], downstairs: number[]): { sign: number; log: number } {
  let sign = 1;
  let log = 0;
  for (const x of downstairs) {
    if (isNonPositiveInteger(x)) return { sign: 0, log: Number.NEGATIVE_INFINITY };
    sign *= gammaSign(x);
    log -= logGamma(x);
  }
  for (const x of upstairs) {
    if (isNonPositiveInteger(x)) return { sign: Number.NaN, log: Number.POSITIVE_INFINITY };
    sign *= gammaSign(x);
    log += logGamma(x);
  }
  return { sign, log };
}

function series(a: number, b: number, c: number, z: number, maxTerms = MAX_TERMS): Estimate {
  let term = 1;
  let sum = 1;
  let absSum = 1;
  // Past this index every ratio |t(n+1)/t(n)| is monotone in n, so max(current ratio, |z|) bounds the whole tail.
  const settled = Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) + 2;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    absSum += Math.abs(term);
    if (!Number.isFinite(sum)) return NAN_ESTIMATE;
    if (term === 0) return { value: sum, kappa: absSum / Math.abs(sum), terms: n + 1 };
    if (n < settled) continue;
    const rho = Math.max(Math.abs(((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2))), Math.abs(z));
    if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= EPS * Math.abs(sum)) {
      return { value: sum, kappa: absSum / Math.abs(sum), terms: n + 1 };
    }
  }
  return NAN_ESTIMATE;
}

function gaussAtOne(a: number, b: number, c: number): number {
  const d = c - a - b;
  if (d <= 0) return Number.NaN;
  const g = gammaRatio([c, d], [c - a, c - b]);
  return g.sign === 0 ? 0 : g.sign * Math.exp(g.log);
}

function nearOne(a: number, b: number, c: number, z: number): number {
  const connected = connection(a, b, c, z);
  if (connected.kappa <= GOOD_KAPPA) return connected.value;
  // Too much cancellation between the two halves of the connection formula (large parameters): try the methods
  // that cannot cancel, where they apply, and keep whichever lost the fewest digits.
  const candidates: Estimate[] = [connected];
  if (isUnitGap(c, a)) candidates.push(continuedFraction(a, b, z));
  else if (isUnitGap(c, b)) candidates.push(continuedFraction(b, a, z));
  // The plain series needs about 37/(1 − z) terms once past the parameters; skip it when that is out of budget.
  if (Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) + 37 / (1 - z) < MAX_TERMS) candidates.push(series(a, b, c, z));
  const best = candidates.reduce((p, q) => (q.kappa < p.kappa ? q : p));
  return best.kappa <= WORST_KAPPA ? best.value : Number.NaN;
}

/** c = a + 1 to rounding: the shape of the Pareto/NBD's ₂F₁. */
function isUnitGap(c: number, a: number): boolean {
  return Math.abs(c - a - 1) <= 4 * Number.EPSILON * Math.max(1, Math.abs(c));
}

/**
 * ₂F₁(a, b; a + 1; z) = (1 − z)^(1−b) ₂F₁(a + 1 − b, 1; a + 1; z) (Euler), and the second factor is the continued
 * fraction of the incomplete beta function B_z(a, 1 − b) (A&S 26.5.8, 26.5.23; modified Lentz). All its partial
 * numerators are O(1) however large a is, so it keeps its accuracy where the connection formula's halves cancel
 * (a in the millions, a·(1 − z) of order one: a Pareto/NBD fit wandering towards no heterogeneity in dropout).
 */
function continuedFraction(a: number, b: number, z: number): Estimate {
  const p = a;
  const q = 1 - b;
  const tiny = 1e-300;
  const clamp = (v: number): number => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / clamp(1 - ((p + q) * z) / (p + 1));
  let h = d;
  for (let m = 1; m <= MAX_FRACTION_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (q - m) * z) / ((p - 1 + m2) * (p + m2));
    d = 1 / clamp(1 + aa * d);
    c = clamp(1 + aa / c);
    h *= d * c;
    aa = (-(p + m) * (p + q + m) * z) / ((p + m2) * (p + 1 + m2));
    d = 1 / clamp(1 + aa * d);
    c = clamp(1 + aa / c);
    const step = d * c;
    h *= step;
    // Each level contributes a relative rounding error; m levels lose at most ~m ulps, so κ ≈ m.
    if (Math.abs(step - 1) <= EPS) {
      const value = Math.pow(1 - z, q) * h;
      return Number.isFinite(value) ? { value, kappa: m, terms: m } : NAN_ESTIMATE;
    }
  }
  return NAN_ESTIMATE;
}

/** A&S 15.3.6, or its limit form when c − a − b is within NEAR_INTEGER of an integer. */
function connection(a: number, b: number, c: number, z: number): Estimate {
  const d = c - a - b;
  const m = Math.round(d);
  const w = 1 - z;
  if (Math.abs(d - m) > NEAR_INTEGER) return generalConnection(a, b, c, d, w);
  // The limit form below is written for m ≥ 0; Euler's transformation flips the sign of c − a − b.
  if (m < 0) {
    const flipped = integerConnection(c - a, c - b, c, -m, -(d - m), w);
    const factor = Math.pow(w, d);
    return { value: factor * flipped.value, kappa: flipped.kappa, terms: flipped.terms };
  }
  return integerConnection(a, b, c, m, d - m, w);
}

function generalConnection(a: number, b: number, c: number, d: number, w: number): Estimate {
  const g1 = gammaRatio([c, d], [c - a, c - b]);
  const g2 = gammaRatio([c, -d], [a, b]);
  const s1 = g1.sign === 0 ? { value: 0, kappa: 1, terms: 0 } : series(a, b, 1 - d, w);
  const s2 = g2.sign === 0 ? { value: 0, kappa: 1, terms: 0 } : series(c - a, c - b, 1 + d, w);
  const t1 = g1.sign === 0 ? 0 : g1.sign * Math.exp(g1.log) * s1.value;
  const t2 = g2.sign === 0 ? 0 : g2.sign * Math.exp(g2.log + d * Math.log(w)) * s2.value;
  const value = t1 + t2;
  if (!Number.isFinite(value) || value === 0) return NAN_ESTIMATE;
  const kappa = (Math.abs(t1) * s1.kappa + Math.abs(t2) * s2.kappa) / Math.abs(value);
  return { value, kappa, terms: s1.terms + s2.terms };
}

/**
 * The connection formula with c − a − b = m + ε, m ≥ 0, |ε| ≤ NEAR_INTEGER:
 *   F = Γ(c)Γ(m+ε)/(Γ(a+m+ε)Γ(b+m+ε)) Σ_{n<m} (a)ₙ(b)ₙ/((1−m−ε)ₙ n!) wⁿ
 *     + (−1)^m Γ(c)/(Γ(a)Γ(b)Γ(1+m+ε)) w^(m+ε) · πε/sin(πε) · Σ_k V_k R_k e₁(εR_k) w^k,
 * where V_k = (a+m+ε)_k(b+m+ε)_k/((1+m+ε)_k k!), e₁(v) = (e^v − 1)/v and
 *   R_k = −Q(a+m+k, ε) − Q(b+m+k, ε) + Q(1+m+k, ε) + Q(1+k, −ε) − ln w,  Q(x, ε) = [ln Γ(x+ε) − ln Γ(x)]/ε.
 * At ε = 0, Q = ψ and this is A&S 15.3.11 term by term; for ε ≠ 0 it is 15.3.6 regrouped so the two 1/sin(πε)
 * poles cancel inside R_k instead of between two huge numbers.
 */
function integerConnection(a: number, b: number, c: number, m: number, eps: number, w: number): Estimate {
  const logW = Math.log(w);
  // Finite part: the first m terms of the first series, which carry no singularity.
  let finite = 0;
  let finiteAbs = 0;
  if (m > 0) {
    const g = gammaRatio([c, m + eps], [a + m + eps, b + m + eps]);
    if (Number.isNaN(g.sign)) return NAN_ESTIMATE;
    if (g.sign !== 0) {
      let term = 1;
      let sum = 1;
      let abs = 1;
      for (let n = 0; n < m - 1; n++) {
        term *= ((a + n) * (b + n) * w) / ((1 - m - eps + n) * (n + 1));
        sum += term;
        abs += Math.abs(term);
      }
      finite = g.sign * Math.exp(g.log) * sum;
      finiteAbs = Math.exp(g.log) * abs;
    }
  }
  // Singular part, scaled as exp(prefixLog) · Σ.
  const pre = gammaRatio([c], [a, b, 1 + m + eps]);
  if (Number.isNaN(pre.sign)) return NAN_ESTIMATE;
  let singular = 0;
  let singularAbs = 0;
  let terms = 0;
  if (pre.sign !== 0) {
    const qa = logGammaDifferenceQuotient(a + m, eps);
    const qb = logGammaDifferenceQuotient(b + m, eps);
    const q1m = logGammaDifferenceQuotient(1 + m, eps);
    const q1 = logGammaDifferenceQuotient(1, -eps);
    if ([qa, qb, q1m, q1].some(Number.isNaN)) return NAN_ESTIMATE;
    const summed = singularSum(a, b, m, eps, w, logW, [qa, qb, q1m, q1]);
    if (summed === null) return NAN_ESTIMATE;
    const piEpsOverSin = eps === 0 ? 1 : (Math.PI * eps) / Math.sin(Math.PI * eps);
    const scale = Math.exp(pre.log + (m + eps) * logW) * piEpsOverSin;
    const sign = pre.sign * (m % 2 === 0 ? 1 : -1);
    singular = sign * scale * summed.value;
    singularAbs = scale * summed.abs;
    terms = summed.terms;
  }
  const value = finite + singular;
  if (!Number.isFinite(value) || value === 0) return NAN_ESTIMATE;
  return { value, kappa: (finiteAbs + singularAbs) / Math.abs(value), terms: terms + m };
}

/** Σ_k V_k R_k e₁(εR_k) w^k with R_k updated by Q(x + 1, ε) = Q(x, ε) + ln(1 + ε/x)/ε. */
function singularSum(
  a: number,
  b: number,
  m: number,
  eps: number,
  w: number,
  logW: number,
  start: [number, number, number, number],
): { value: number; abs: number; terms: number } | null {
  let [qa, qb, q1m, q1] = start;
  let v = 1;
  let sum = 0;
  let abs = 0;
  let smallRun = 0;
  const settled = Math.abs(a) + Math.abs(b) + m + 4;
  for (let k = 0; k < MAX_TERMS; k++) {
    const r = -qa - qb + q1m + q1 - logW;
    const term = v * r * expm1OverV(eps * r);
    sum += term;
    abs += Math.abs(term);
    if (!Number.isFinite(sum)) return null;
    // v = 0 means every later term is 0 too (it underflowed): no need to walk to `settled` for huge parameters.
    if (v === 0) return { value: sum, abs, terms: k + 1 };
    smallRun = Math.abs(term) <= EPS * Math.abs(sum) ? smallRun + 1 : 0;
    if (smallRun >= 3 && k > settled) return { value: sum, abs, terms: k + 1 };
    const xa = a + m + k;
    const xb = b + m + k;
    const x1m = 1 + m + k;
    const x1 = 1 + k;
    if ((xa + eps) / xa <= 0 || (xb + eps) / xb <= 0) return null;
    qa += quotientStep(xa, eps);
    qb += quotientStep(xb, eps);
    q1m += quotientStep(x1m, eps);
    q1 += quotientStep(x1, -eps);
    v *= ((xa + eps) * (xb + eps) * w) / ((x1m + eps) * x1);
  }
  return null;
}

/** ln(1 + ε/x)/ε, with its limit 1/x at ε = 0. */
function quotientStep(x: number, eps: number): number {
  const u = eps / x;
  return (Math.abs(u) < 1e-8 ? 1 - u / 2 : Math.log1p(u) / u) / x;
}
