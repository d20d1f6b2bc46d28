/**
 * A variational Bayesian Gaussian mixture in one dimension with a Dirichlet-process (stick-breaking) prior on the
 * weights: the model behind the GAN's mode-specific normalisation of a numeric column. The updates are the standard
 * mean-field ones (Bishop ch. 10; Blei & Jordan 2006 for the stick-breaking weights), with scikit-learn's
 * BayesianGaussianMixture defaults for the priors: mean prior = the data mean, mean precision prior 1, degrees of
 * freedom prior 1, scale prior = the data variance. Components whose weight ends below `weightThreshold` are dropped.
 */
export type VgmOptions = {
  components: number;
  /** Concentration of the Dirichlet process: small values let the fit switch most components off. */
  concentration: number;
  weightThreshold: number;
  maxIterations: number;
  /** At most this many values are fitted (an evenly spread, seeded subsample). */
  maxValues: number;
  seed: number;
};

export const defaultVgmOptions: VgmOptions = {
  components: 10,
  concentration: 0.001,
  weightThreshold: 0.005,
  maxIterations: 100,
  maxValues: 8000,
  seed: 1,
};

/** The kept modes: weights (summing to 1), means and standard deviations. */
export type Vgm = { weights: number[]; means: number[]; stds: number[] };

const REG = 1e-6;
const TOL = 1e-4;

/** Fits the mixture to the finite values given (NaN and infinities are skipped). */
export function fitVgm(values: ArrayLike<number>, options: Partial<VgmOptions> = {}): Vgm {
  const o = { ...defaultVgmOptions, ...options };
  const all: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) all.push(v);
  }
  if (all.length === 0) return { weights: [1], means: [0], stds: [1] };
  const x = subsample(all, o.maxValues, o.seed);
  const n = x.length;
  let mean0 = 0;
  for (const v of x) mean0 += v;
  mean0 /= n;
  let var0 = 0;
  for (const v of x) var0 += (v - mean0) ** 2;
  var0 /= n;
  const scale = Math.sqrt(var0);
  // A constant column (or nearly so): one mode. The standard deviation only scales the encoded value, which is 0.
  if (!(scale > 1e-9 * Math.max(1, Math.abs(mean0)))) return { weights: [1], means: [mean0], stds: [1] };
  // Fit on standardised values (numerically kinder for wide scales such as sums of money), mapped back at the end.
  const z = Float64Array.from(x, (v) => (v - mean0) / scale);
  const K = Math.max(1, Math.min(o.components, distinctCount(z)));
  const resp = initialResponsibilities(z, K);

  const beta0 = 1;
  const m0 = 0;
  const nu0 = 1;
  const w0 = 1; // scale prior: the (standardised) data variance
  const alpha = o.concentration;
  const nk = new Float64Array(K);
  const xbar = new Float64Array(K);
  const sk = new Float64Array(K);
  const beta = new Float64Array(K);
  const m = new Float64Array(K);
  const nu = new Float64Array(K);
  const cov = new Float64Array(K);
  const a = new Float64Array(K);
  const b = new Float64Array(K);
  const logRho = new Float64Array(K);
  let previous = -Infinity;

  const mStep = (): void => {
    nk.fill(0);
    xbar.fill(0);
    sk.fill(0);
    for (let i = 0; i < n; i++) {
      const v = z[i] as number;
      for (let k = 0; k < K; k++) {
        const r = resp[i * K + k] as number;
        nk[k] = (nk[k] as number) + r;
        xbar[k] = (xbar[k] as number) + r * v;
      }
    }
    for (let k = 0; k < K; k++) {
      nk[k] = (nk[k] as number) + 10 * Number.EPSILON;
      xbar[k] = (xbar[k] as number) / (nk[k] as number);
    }
    for (let i = 0; i < n; i++) {
      const v = z[i] as number;
      for (let k = 0; k < K; k++) sk[k] = (sk[k] as number) + (resp[i * K + k] as number) * (v - (xbar[k] as number)) ** 2;
    }
    let tail = 0;
    for (let k = K - 1; k >= 0; k--) {
      a[k] = 1 + (nk[k] as number);
      b[k] = alpha + tail;
      tail += nk[k] as number;
    }
    for (let k = 0; k < K; k++) {
      const nK = nk[k] as number;
      const s = (sk[k] as number) / nK + REG;
      beta[k] = beta0 + nK;
      m[k] = (beta0 * m0 + nK * (xbar[k] as number)) / (beta[k] as number);
      nu[k] = nu0 + nK;
      const diff = (xbar[k] as number) - m0;
      cov[k] = (w0 + nK * s + ((nK * beta0) / (beta[k] as number)) * diff * diff) / (nu[k] as number);
    }
  };

  const eStep = (): number => {
    // Expected log weights under the stick-breaking posterior.
    let stick = 0;
    const logW = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const dSum = digamma((a[k] as number) + (b[k] as number));
      logW[k] = digamma(a[k] as number) - dSum + stick;
      stick += digamma(b[k] as number) - dSum;
    }
    const constK = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const c = cov[k] as number;
      const logLambda = Math.LN2 + digamma(0.5 * (nu[k] as number));
      constK[k] = -0.5 * Math.log(2 * Math.PI) - 0.5 * Math.log(c) - 0.5 * Math.log(nu[k] as number) + 0.5 * (logLambda - 1 / (beta[k] as number)) + (logW[k] as number);
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = z[i] as number;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const d = v - (m[k] as number);
        const lr = (constK[k] as number) - (0.5 * d * d) / (cov[k] as number);
        logRho[k] = lr;
        if (lr > max) max = lr;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp((logRho[k] as number) - max);
      const norm = max + Math.log(sum);
      total += norm;
      for (let k = 0; k < K; k++) resp[i * K + k] = Math.exp((logRho[k] as number) - norm);
    }
    return total / n;
  };

  mStep();
  for (let iteration = 0; iteration < o.maxIterations; iteration++) {
    const bound = eStep();
    mStep();
    if (Math.abs(bound - previous) < TOL) break;
    previous = bound;
  }

  // Posterior mean weights of the stick-breaking process.
  const weights: number[] = [];
  let remaining = 1;
  for (let k = 0; k < K; k++) {
    const ak = a[k] as number;
    const bk = b[k] as number;
    weights.push((remaining * ak) / (ak + bk));
    remaining *= bk / (ak + bk);
  }
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const kept: Vgm = { weights: [], means: [], stds: [] };
  for (let k = 0; k < K; k++) {
    const w = (weights[k] as number) / weightSum;
    if (w < o.weightThreshold) continue;
    kept.weights.push(w);
    kept.means.push(mean0 + scale * (m[k] as number));
    kept.stds.push(scale * Math.sqrt(cov[k] as number));
  }
  if (kept.weights.length === 0) return { weights: [1], means: [mean0], stds: [scale] };
  const keptSum = kept.weights.reduce((s, w) => s + w, 0);
  kept.weights = kept.weights.map((w) => w / keptSum);
  return kept;
}

/**
 * The posterior responsibilities of the kept modes for one value (the mixture's own weights times the Gaussian
 * densities, normalised): what the encoder samples a value's mode from.
 */
export function vgmResponsibilities(vgm: Vgm, value: number, out: Float64Array = new Float64Array(vgm.weights.length)): Float64Array {
  const K = vgm.weights.length;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const s = vgm.stds[k] as number;
    const d = (value - (vgm.means[k] as number)) / s;
    const l = Math.log(vgm.weights[k] as number) - Math.log(s) - 0.5 * d * d;
    out[k] = l;
    if (l > max) max = l;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp((out[k] as number) - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) out[k] = (out[k] as number) / sum;
  return out;
}

/** ψ(x) for x > 0: recurrence up to 6, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let v = x;
  while (v < 6) {
    result -= 1 / v;
    v += 1;
  }
  const f = 1 / (v * v);
  return result + Math.log(v) - 0.5 / v - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

function subsample(values: number[], max: number, seed: number): number[] {
  if (values.length <= max) return values;
  const random = mulberry32(seed);
  // A partial Fisher–Yates shuffle: `max` values drawn without replacement.
  const copy = values.slice();
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    const t = copy[i] as number;
    copy[i] = copy[j] as number;
    copy[j] = t;
  }
  return copy.slice(0, max);
}

function distinctCount(values: Float64Array): number {
  const seen = new Set<number>();
  for (const v of values) {
    seen.add(v);
    if (seen.size > 64) break;
  }
  return seen.size;
}

/** Hard k-means responsibilities started from quantiles: deterministic, as scikit-learn starts from k-means. */
function initialResponsibilities(z: Float64Array, K: number): Float64Array {
  const n = z.length;
  const sorted = Float64Array.from(z).sort();
  const centres = new Float64Array(K);
  for (let k = 0; k < K; k++) centres[k] = sorted[Math.min(n - 1, Math.floor(((k + 0.5) / K) * n))] as number;
  const label = new Int32Array(n);
  for (let iteration = 0; iteration < 20; iteration++) {
    const sums = new Float64Array(K);
    const counts = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      const v = z[i] as number;
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < K; k++) {
        const d = Math.abs(v - (centres[k] as number));
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      label[i] = best;
      sums[best] = (sums[best] as number) + v;
      counts[best] = (counts[best] as number) + 1;
    }
    let moved = false;
    for (let k = 0; k < K; k++) {
      if ((counts[k] as number) === 0) continue;
      const c = (sums[k] as number) / (counts[k] as number);
      if (c !== centres[k]) moved = true;
      centres[k] = c;
    }
    if (!moved) break;
  }
  const resp = new Float64Array(n * K);
  for (let i = 0; i < n; i++) resp[i * K + (label[i] as number)] = 1;
  return resp;
}

/** mulberry32: the engine's small seeded generator. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
