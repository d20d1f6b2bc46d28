import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';

/**
 * Differential privacy, DP-FedAvg style (McMahan et al. 2018): each office clips its update to an L2 norm and adds
 * Gaussian noise, so the sum carries noise of standard deviation σ = z · clip whatever one office sent. Every office
 * takes part in every round (no sampling), so each round is one Gaussian mechanism with sensitivity `clip`, whose
 * Rényi DP is α / (2 z²) at every order α (Mironov 2017, Prop. 7); T rounds compose to T · α / (2 z²).
 * The (ε, δ) bound is the conversion of Balle et al. 2020 (Thm 21, as in Opacus), minimised over the orders.
 */

/** Orders of Rényi DP tried: Opacus's defaults and a few larger ones for strong noise. */
export const RDP_ORDERS: number[] = [
  ...Array.from({ length: 99 }, (_, x) => 1 + (x + 1) / 10),
  ...Array.from({ length: 52 }, (_, x) => 12 + x),
  64, 80, 96, 128, 192, 256, 512, 1024,
];

/** Rényi DP of `rounds` Gaussian mechanisms with noise multiplier z at order α. */
export const gaussianRdp = (z: number, rounds: number, alpha: number): number => (rounds * alpha) / (2 * z * z);

/** ε of `rounds` rounds with noise multiplier z at the given δ, and the order that gives it. */
export function epsilonFor(z: number, rounds: number, delta: number): { epsilon: number; order: number } {
  if (rounds === 0) return { epsilon: 0, order: Number.NaN };
  let best = { epsilon: Number.POSITIVE_INFINITY, order: Number.NaN };
  for (const alpha of RDP_ORDERS) {
    const rdp = gaussianRdp(z, rounds, alpha);
    const epsilon = rdp + Math.log((alpha - 1) / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
    if (epsilon < best.epsilon) best = { epsilon, order: alpha };
  }
  return { epsilon: Math.max(0, best.epsilon), order: best.order };
}

/** The smallest noise multiplier whose ε after `rounds` rounds is at most the budget (bisection). */
export function noiseMultiplierFor(epsilon: number, rounds: number, delta: number): number {
  let low = 1e-3;
  let high = 1e5;
  if (epsilonFor(high, rounds, delta).epsilon > epsilon) {
    throw new AppError('bad-input', `A budget of ε = ${epsilon} over ${rounds} rounds needs more noise than is useful. Allow a larger ε or fewer rounds.`, { field: 'epsilon' });
  }
  for (let i = 0; i < 200 && high / low > 1 + 1e-9; i++) {
    const mid = Math.sqrt(low * high);
    if (epsilonFor(mid, rounds, delta).epsilon > epsilon) low = mid;
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
  const bytes = randomBytes(8 * values.length + 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const uniform = (k: number): number => (view.getUint32(4 * k) + 1) / 4294967297; // in (0, 1)
  for (let i = 0; i < values.length; i += 2) {
    // Box–Muller: two independent normals from two uniforms.
    const r = Math.sqrt(-2 * Math.log(uniform(i)));
    const t = 2 * Math.PI * uniform(i + 1);
    values[i] = (values[i] as number) + std * r * Math.cos(t);
    if (i + 1 < values.length) values[i + 1] = (values[i + 1] as number) + std * r * Math.sin(t);
  }
}
