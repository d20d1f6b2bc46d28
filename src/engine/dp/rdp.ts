import { randomFillSync } from 'node:crypto';
import { AppError } from '../../shared/errors';

/**
 * Differential privacy by Rényi DP accounting, for the two places that train with noise:
 * - DP-FedAvg (McMahan et al. 2018): each office clips its update to an L2 norm and adds Gaussian noise, so the sum
 *   carries noise of standard deviation σ = z · clip whatever one office sent. Every office takes part in every round
 *   (sampling rate 1), so each round is one Gaussian mechanism with sensitivity `clip`, whose Rényi DP is α / (2 z²)
 *   at every order α (Mironov 2017, Prop. 7).
 * - DP-SGD (Abadi et al. 2016) on the synthetic twin's critic: each step sees a Poisson sample of the rows (each row
 *   with probability q), so each step is the sampled Gaussian mechanism, whose Rényi DP at an integer order α is
 *   log A_α / (α − 1) with A_α = Σₖ C(α,k) (1−q)^(α−k) q^k exp((k² − k) / (2z²)) (Mironov, Talwar & Zhang 2019, §3.3).
 * Steps compose by adding their Rényi DP. The (ε, δ) bound is the conversion of Balle et al. 2020 (Thm 21, as in
 * Opacus), minimised over the orders.
 */

/** Orders of Rényi DP tried: Opacus's defaults and a few larger ones for strong noise. */
export const RDP_ORDERS: number[] = [
  ...Array.from({ length: 99 }, (_, x) => 1 + (x + 1) / 10),
  ...Array.from({ length: 52 }, (_, x) => 12 + x),
  64, 80, 96, 128, 192, 256, 512, 1024,
];

/** The integer orders among them: the sampled Gaussian's sum above is exact only at integer orders. */
const INTEGER_ORDERS = RDP_ORDERS.filter((alpha) => Number.isInteger(alpha));

/** Rényi DP of `rounds` Gaussian mechanisms with noise multiplier z at order α. */
export const gaussianRdp = (z: number, rounds: number, alpha: number): number => (rounds * alpha) / (2 * z * z);

/** Rényi DP of `steps` sampled Gaussian mechanisms (sampling rate q, noise multiplier z) at an integer order α. */
export function sampledGaussianRdp(q: number, z: number, steps: number, alpha: number): number {
  if (q >= 1) return gaussianRdp(z, steps, alpha);
  if (q <= 0) return 0;
  if (!Number.isInteger(alpha) || alpha < 2) throw new Error(`The sampled Gaussian's Rényi DP is computed at integer orders of at least 2, not ${alpha}.`);
  // log A_α as a log-sum-exp of its α + 1 terms (the terms overflow for large α and small z).
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  const terms: number[] = [];
  let logBinomial = 0; // log C(α, 0)
  for (let k = 0; k <= alpha; k++) {
    if (k > 0) logBinomial += Math.log(alpha - k + 1) - Math.log(k);
    terms.push(logBinomial + k * logQ + (alpha - k) * log1mQ + (k * k - k) / (2 * z * z));
  }
  const top = Math.max(...terms);
  const logA = top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
  return (steps * logA) / (alpha - 1);
}

/**
 * ε after `steps` mechanisms with noise multiplier z at the given δ, and the order that gives it; q is the sampling
 * rate (1: every record in every step). `orders` is for comparing with published figures.
 */
export function epsilonFor(z: number, steps: number, delta: number, q = 1, orders: number[] = q < 1 ? INTEGER_ORDERS : RDP_ORDERS): { epsilon: number; order: number } {
  if (steps === 0) return { epsilon: 0, order: Number.NaN };
  let best = { epsilon: Number.POSITIVE_INFINITY, order: Number.NaN };
  for (const alpha of orders) {
    const rdp = q < 1 ? sampledGaussianRdp(q, z, steps, alpha) : gaussianRdp(z, steps, alpha);
    const epsilon = rdp + Math.log((alpha - 1) / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
    if (epsilon < best.epsilon) best = { epsilon, order: alpha };
  }
  return { epsilon: Math.max(0, best.epsilon), order: best.order };
}

/** The smallest noise multiplier whose ε after `steps` steps (sampling rate q) is at most the budget (bisection). */
export function noiseMultiplierFor(epsilon: number, steps: number, delta: number, q = 1): number {
  let low = 1e-3;
  let high = 1e5;
  if (epsilonFor(high, steps, delta, q).epsilon > epsilon) {
    throw new AppError('bad-input', `A budget of ε = ${epsilon} over ${steps} ${q < 1 ? 'steps' : 'rounds'} needs more noise than is useful. Allow a larger ε or train for fewer ${q < 1 ? 'epochs' : 'rounds'}.`, { field: 'epsilon' });
  }
  for (let i = 0; i < 200 && high / low > 1 + 1e-9; i++) {
    const mid = Math.sqrt(low * high);
    if (epsilonFor(mid, steps, delta, q).epsilon > epsilon) low = mid;
    else high = mid;
  }
  return high;
}

/** Clips a vector to an L2 norm in place; returns the norm it had. */
export function clipL2(values: Float32Array, bound: number): number {
  let ss = 0;
  for (const v of values) ss += v * v;
  const norm = Math.sqrt(ss);
  if (norm > bound) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * (bound / norm);
  return norm;
}

/** Adds N(0, std²) noise from the operating system's cryptographic generator (seeded noise would not be private). */
export function addGaussianNoise(values: Float32Array, std: number): void {
  if (std <= 0) return;
  // One 32-bit uniform per value (two per Box–Muller pair), straight into a typed array.
  const bits = randomFillSync(new Uint32Array(values.length + 1));
  const uniform = (k: number): number => ((bits[k] as number) + 1) / 4294967297; // in (0, 1)
  for (let i = 0; i < values.length; i += 2) {
    // Box–Muller: two independent normals from two uniforms.
    const r = Math.sqrt(-2 * Math.log(uniform(i)));
    const t = 2 * Math.PI * uniform(i + 1);
    values[i] = (values[i] as number) + std * r * Math.cos(t);
    if (i + 1 < values.length) values[i + 1] = (values[i + 1] as number) + std * r * Math.sin(t);
  }
}
