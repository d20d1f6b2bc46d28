import { describe, expect, it } from 'vitest';
import { applyCalibration, fitPlatt, sigmoid } from '../../../src/engine/ml/calibration';
import { createRng } from '../../../src/engine/ml/folds';
import { logLoss } from '../../../src/engine/ml/metrics';

/** Scores s ~ N(0, 2²) with outcomes drawn from σ(a·s + b). */
function sample(n: number, a: number, b: number, seed: number): { s: Float32Array; y: Uint8Array } {
  const rng = createRng(seed);
  const s = new Float32Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    s[i] = 2 * z;
    y[i] = rng() < sigmoid(a * (s[i] as number) + b) ? 1 : 0;
  }
  return { s, y };
}

describe('Platt scaling', () => {
  it('recovers the slope and intercept that generated the outcomes', () => {
    const { s, y } = sample(20_000, 0.5, -1, 5);
    const c = fitPlatt(s, y);
    expect(c.method).toBe('platt');
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(c.b).toBeCloseTo(-1, 1);
  });

  it('leaves well-calibrated scores nearly alone, and fixes over-confident ones (lower log loss)', () => {
    const fair = sample(20_000, 1, 0, 6);
    const c = fitPlatt(fair.s, fair.y);
    expect(Math.abs(c.a - 1)).toBeLessThan(0.06);
    expect(Math.abs(c.b)).toBeLessThan(0.06);
    // Scores three times too sharp: σ(3s) is over-confident; the calibration brings the slope back to ≈ 1/3.
    const sharp = Float32Array.from(fair.s, (v) => 3 * v);
    const fixed = fitPlatt(sharp, fair.y);
    expect(fixed.a).toBeCloseTo(1 / 3, 1);
    const raw = Float32Array.from(sharp, (v) => sigmoid(v));
    expect(logLoss(fair.y, applyCalibration(fixed, sharp))).toBeLessThan(logLoss(fair.y, raw) - 0.05);
  });

  it('stays finite on perfectly separated scores (Platt’s smoothed targets)', () => {
    const c = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(c.a) && Number.isFinite(c.b)).toBe(true);
    expect(c.a).toBeGreaterThan(0);
    const p = applyCalibration(c, [-3, 3]);
    // Targets are 1/(3+2) and (3+1)/(3+2): the probabilities stay away from 0 and 1.
    expect(p[0]).toBeGreaterThan(0.01);
    expect(p[1]).toBeLessThan(0.99);
  });
});
