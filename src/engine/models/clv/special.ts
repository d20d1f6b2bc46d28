/**
 * Special functions the lifetime-value models need, written here so the maths is ours and tested against known
 * values (test/unit/models/special.test.ts). Everything works in log space where products of gammas would overflow.
 */

// Godfrey's Lanczos coefficients for g = 607/128, n = 15: about 1e-15 relative accuracy on the positive axis.
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746,
  -0.4919138160976202, 3.399464998481189e-05, 4.652362892704858e-05, -9.837447530487956e-05,
  0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639,
  8.441822398385275e-05, -2.6190838401581408e-05, 3.6899182659531625e-06,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln|Γ(x)| for real x (Infinity at the poles 0, −1, −2, …). */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0.5) {
    // Reflection keeps the Lanczos sum on the half-line where it is accurate.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The sign of Γ(x): +1, or −1 on the negative intervals (−1, 0), (−3, −2), … (NaN at the poles). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x) || Number.isNaN(x)) return Number.NaN;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === Number.NEGATIVE_INFINITY) return v;
  if (v === Number.NEGATIVE_INFINITY) return u;
  const hi = Math.max(u, v);
  return hi + Math.log1p(Math.exp(Math.min(u, v) - hi));
}

/** ln(e^u − e^v) for u ≥ v (−Infinity when they are equal, NaN when v > u). */
export function logSubExp(u: number, v: number): number {
  if (v > u) return Number.NaN;
  if (v === Number.NEGATIVE_INFINITY) return u;
  if (u === v) return Number.NEGATIVE_INFINITY;
  // log(-expm1(d)) is accurate both when e^d is tiny and when it is close to 1.
  return u + Math.log(-Math.expm1(v - u));
}

/** (1 − e^{k·L}) / k, with its limit −L at k = 0: used for the "(1 − q^k)/k" factors that go 0/0 when k → 0. */
export function oneMinusExpOverK(k: number, logQ: number): number {
  if (Math.abs(k * logQ) < 1e-8) return -logQ * (1 + (k * logQ) / 2);
  return -Math.expm1(k * logQ) / k;
}

/** 1/Γ(x) with its sign (0 at the poles). */
export function reciprocalGamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return 0;
  return gammaSign(x) * Math.exp(-logGamma(x));
}

/** log1p(u)/u, with its limit 1 at u = 0. */
function log1pOverU(u: number): number {
  return Math.abs(u) < 1e-8 ? 1 - u / 2 : Math.log1p(u) / u;
}

/** expm1(v)/v, with its limit 1 at v = 0. */
export function expm1OverV(v: number): number {
  return Math.abs(v) < 1e-8 ? 1 + v / 2 : Math.expm1(v) / v;
}

// B_2j / (2j(2j − 1)) for j = 1..7: Stirling's series, accurate to ~1e-17 once the argument is at least 10.
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/**
 * [ln Γ(x + ε) − ln Γ(x)] / ε, with its limit ψ(x) (digamma) at ε = 0, accurate even when ε is tiny: the
 * difference is never formed from two nearly equal logs. NaN when x and x + ε lie on opposite sides of a pole.
 */
export function logGammaDifferenceQuotient(x: number, eps: number): number {
  let shift = 0;
  let y = x;
  // Γ(y + 1 + ε)/Γ(y + 1) = Γ(y + ε)/Γ(y) · (1 + ε/y): walk up to where Stirling's series is accurate.
  while (y < 10) {
    if (y === 0 || (y + eps) / y <= 0) return Number.NaN;
    shift -= log1pOverU(eps / y) / y;
    y += 1;
  }
  const u = eps / y;
  const l1OverEps = log1pOverU(u) / y; // ln(1 + ε/y)/ε
  let value = (y - 0.5) * l1OverEps + Math.log(y + eps) - 1;
  let power = 1 / y; // y^(1 − 2j) for j = 1
  for (let j = 1; j <= STIRLING.length; j++) {
    const k = 1 - 2 * j;
    value += (STIRLING[j - 1] as number) * power * k * l1OverEps * expm1OverV(k * l1OverEps * eps);
    power /= y * y;
  }
  return value + shift;
}

/** ψ(x), the digamma function (the derivative of ln Γ), for x > 0 or any non-pole x via reflection. */
export function digamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return Number.NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  return logGammaDifferenceQuotient(x, 0);
}
