/**
 * Probability calibration: Platt scaling, p = σ(a·s + b) on a model's raw score s (its logit), fitted on
 * out-of-fold scores with Platt's smoothed targets, by Newton's method with a backtracking line search
 * (Lin, Lin & Weng 2007, "A note on Platt's probabilistic outputs for support vector machines").
 */

export type Calibration = { method: 'platt'; a: number; b: number };

/** The calibration that leaves scores as they are: p = σ(s). */
export const identityCalibration: Calibration = { method: 'platt', a: 1, b: 0 };

/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fits a and b on scores and 0/1 outcomes. */
export function fitPlatt(scores: ArrayLike<number>, y: ArrayLike<number>): Calibration {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  // Platt's targets keep a separable sample from pushing the slope to infinity.
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const target = (i: number): number => (y[i] === 1 ? hi : lo);
  const objective = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = a * (scores[i] as number) + b;
      const t = target(i);
      // −[t·log σ(z) + (1 − t)·log(1 − σ(z))] = softplus(z) − t·z
      f += softplus(z) - t * z;
    }
    return f;
  };
  let a = 0;
  let b = Math.log((positives + 1) / (negatives + 1));
  let f = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const s = scores[i] as number;
      const p = sigmoid(a * s + b);
      const d = p - target(i);
      const w = p * (1 - p);
      ga += d * s;
      gb += d;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    if (Math.abs(ga) < 1e-7 * n && Math.abs(gb) < 1e-7 * n) break;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    let step = 1;
    let improved = false;
    while (step >= 1e-10) {
      const fa = objective(a + step * da, b + step * db);
      if (fa < f + 1e-4 * step * (ga * da + gb * db)) {
        a += step * da;
        b += step * db;
        f = fa;
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { method: 'platt', a, b };
}

/** The calibrated log-odds of a raw score. */
export const calibratedLogit = (c: Calibration, score: number): number => c.a * score + c.b;

/** Calibrated probabilities of raw scores. */
export function applyCalibration(c: Calibration, scores: ArrayLike<number>): Float32Array {
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = sigmoid(calibratedLogit(c, scores[i] as number));
  return out;
}
