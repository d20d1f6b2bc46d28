import { describe, expect, it } from 'vitest';
import { addGaussianNoise, clipL2, epsilonFor, gaussianRdp, noiseMultiplierFor, sampledGaussianRdp } from '../../../src/engine/dp/rdp';

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * The exact δ(ε) of T Gaussian mechanisms with noise multiplier z: together one Gaussian mechanism with
 * μ = √T / z (Dong, Roth & Su 2019, Cor. 2), whose privacy profile is Balle & Wang 2018, Thm 8:
 * δ(ε) = Φ(−ε/μ + μ/2) − e^ε Φ(−ε/μ − μ/2).
 */
const exactDelta = (z: number, rounds: number, epsilon: number): number => {
  const mu = Math.sqrt(rounds) / z;
  return phi(-epsilon / mu + mu / 2) - Math.exp(epsilon) * phi(-epsilon / mu - mu / 2);
};

/** The exact ε at δ, by bisection on the decreasing δ(ε). */
function exactEpsilon(z: number, rounds: number, delta: number): number {
  let low = 0;
  let high = 200;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (exactDelta(z, rounds, mid) > delta) low = mid;
    else high = mid;
  }
  return high;
}

describe('the RDP accountant of the Gaussian mechanism', () => {
  it('matches the closed form of the classical conversion ε = T/(2z²) + 2·√(T·ln(1/δ)/(2z²)) from above, and is never looser', () => {
    // Mironov 2017: RDP α/(2z²) per round; ε(α) = T·α/(2z²) + ln(1/δ)/(α−1), minimised at α* = 1 + √(2z² ln(1/δ)/T).
    for (const [z, rounds] of [[1, 1], [2, 20], [5, 100], [0.8, 10]] as const) {
      const a = rounds / (2 * z * z);
      const classical = a + 2 * Math.sqrt(a * Math.log(1e5));
      const ours = epsilonFor(z, rounds, 1e-5).epsilon;
      // The Balle et al. 2020 conversion subtracts ln(α)/(α−1) − ln((α−1)/α) ≥ 0: tighter, by a little.
      expect(ours).toBeLessThanOrEqual(classical + 1e-9);
      expect(ours).toBeGreaterThan(classical * 0.8);
    }
    // A hand-computed case: z = 1, T = 1, δ = 1e-5: classical bound 0.5 + 2·√(0.5·11.5129) = 5.2985.
    expect(0.5 + 2 * Math.sqrt(0.5 * Math.log(1e5))).toBeCloseTo(5.2985, 4);
    expect(epsilonFor(1, 1, 1e-5).epsilon).toBeGreaterThan(4.2);
    expect(epsilonFor(1, 1, 1e-5).epsilon).toBeLessThan(5.2985);
  });

  it('is a valid bound (at least the exact ε of the composed Gaussian mechanism) and within 35 % of it', () => {
    for (const [z, rounds, delta] of [[1, 1, 1e-5], [2, 20, 1e-5], [4, 50, 1e-6], [10, 200, 1e-5], [0.7, 5, 1e-3]] as const) {
      const exact = exactEpsilon(z, rounds, delta);
      const ours = epsilonFor(z, rounds, delta).epsilon;
      expect(ours).toBeGreaterThanOrEqual(exact);
      expect(ours).toBeLessThan(exact * 1.35);
      // The profile at our ε is within δ: the guarantee the report states holds.
      expect(exactDelta(z, rounds, ours)).toBeLessThanOrEqual(delta);
    }
  });

  it('solves the noise for a budget: the ε of the solved noise is the budget, and more rounds need more noise', () => {
    const z = noiseMultiplierFor(8, 20, 1e-5);
    expect(epsilonFor(z, 20, 1e-5).epsilon).toBeCloseTo(8, 3);
    expect(noiseMultiplierFor(8, 40, 1e-5)).toBeGreaterThan(z);
    expect(noiseMultiplierFor(2, 20, 1e-5)).toBeGreaterThan(z);
    expect(epsilonFor(z, 0, 1e-5).epsilon).toBe(0);
  });

  it('clips to an L2 norm and draws noise of the asked spread', () => {
    const v = Float32Array.from([3, 4]);
    expect(clipL2(v, 1)).toBeCloseTo(5, 6);
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    const noise = new Float32Array(200_000);
    addGaussianNoise(noise, 2);
    const mean = noise.reduce((s, x) => s + x, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((s, x) => s + (x - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeCloseTo(2, 1);
  });
});

describe('the RDP accountant of DP-SGD (the sampled Gaussian mechanism)', () => {
  it("matches Opacus's published example: sampling rate 1 %, noise 1.0, 300 steps, δ = 1e-5, orders 2, 5, 10, 20, 100 give ε = 2.39 at order 5", () => {
    // opacus.ai/api/compute_dp_sgd_privacy.html: "epsilon = 2.39 … The optimal alpha is 5.0".
    const { epsilon, order } = epsilonFor(1.0, 300, 1e-5, 0.01, [2, 5, 10, 20, 100]);
    expect(epsilon).toBeCloseTo(2.39, 2);
    expect(order).toBe(5);
  });

  it('is the Gaussian mechanism at sampling rate 1, and subsampling only ever lowers ε', () => {
    for (const alpha of [2, 7, 32]) expect(sampledGaussianRdp(1, 1.3, 10, alpha)).toBeCloseTo(gaussianRdp(1.3, 10, alpha), 9);
    // At order 2 the sum has a closed form: log(1 + q²(e^{1/z²} − 1)) per step.
    const q = 0.05;
    const z = 0.9;
    expect(sampledGaussianRdp(q, z, 1, 2)).toBeCloseTo(Math.log(1 + q * q * (Math.exp(1 / (z * z)) - 1)), 12);
    expect(() => sampledGaussianRdp(q, z, 1, 2.5)).toThrow(/integer orders/);
    const sampled = epsilonFor(1.1, 1000, 1e-5, 0.004).epsilon;
    expect(sampled).toBeLessThan(epsilonFor(1.1, 1000, 1e-5).epsilon);
    expect(sampled).toBeGreaterThan(0);
  });

  it('solves the noise for a budget over the steps of a training', () => {
    const z = noiseMultiplierFor(3, 7600, 1e-5, 200 / 22561);
    expect(epsilonFor(z, 7600, 1e-5, 200 / 22561).epsilon).toBeCloseTo(3, 3);
    expect(noiseMultiplierFor(1, 7600, 1e-5, 200 / 22561)).toBeGreaterThan(z);
    expect(noiseMultiplierFor(3, 15200, 1e-5, 200 / 22561)).toBeGreaterThan(z);
  });
});
