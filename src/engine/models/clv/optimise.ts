/**
 * Deterministic minimisers for the lifetime-value likelihoods. The models' parameters are all positive, so the
 * callers optimise over their logarithms (any real vector is then a valid parameter set) and the objective may
 * return Infinity, or NaN, for places it cannot evaluate: both are treated as "worse than anything finite".
 */

export type Objective = (x: readonly number[]) => number;

export type OptimiseOptions = {
  /** Nelder-Mead iterations per run (default 400 per dimension). */
  maxIterations?: number;
  /** Extra Nelder-Mead runs from the best point so far, on a fresh simplex (default 6). */
  restarts?: number;
  /** Relative change in the objective below which a run has converged (default 1e-12). */
  tolerance?: number;
  /** First simplex edge, in the units of x (default 0.5: a factor of about 1.65 on a log-parameter). */
  initialStep?: number;
};

export type OptimiseResult = {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
};

/** Nelder-Mead with restarts, then a BFGS polish with numeric gradients: the minimiser the fits use. */
export function minimise(f: Objective, x0: readonly number[], options: OptimiseOptions = {}): OptimiseResult {
  const safe = guard(f);
  const restarts = options.restarts ?? 6;
  const tolerance = options.tolerance ?? 1e-12;
  let best = nelderMead(safe, x0, options);
  let iterations = best.iterations;
  let evaluations = best.evaluations;
  // A simplex can collapse on a slope and stop short of the minimum; a fresh one around the best point either
  // moves on or confirms it. Two confirmations in a row are convergence.
  let quietRuns = 0;
  let step = (options.initialStep ?? 0.5) / 2;
  for (let i = 0; i < restarts && quietRuns < 2; i++) {
    const next = nelderMead(safe, best.x, { ...options, initialStep: step });
    iterations += next.iterations;
    evaluations += next.evaluations;
    const gain = best.value - next.value;
    quietRuns = gain <= tolerance * Math.max(1, Math.abs(best.value)) ? quietRuns + 1 : 0;
    if (next.value < best.value) best = next;
    step = Math.max(step / 2, 1e-3);
  }
  const polished = bfgs(safe, best.x, { maxIterations: 200 });
  iterations += polished.iterations;
  evaluations += polished.evaluations;
  const useBfgs = Number.isFinite(polished.value) && polished.value <= best.value;
  const final = useBfgs ? polished : best;
  return {
    x: final.x,
    value: final.value,
    iterations,
    evaluations,
    converged: Number.isFinite(final.value) && (polished.converged || quietRuns >= 2),
  };
}

/** Turns NaN (and −Infinity, which no likelihood should reach) into +Infinity so comparisons stay total. */
function guard(f: Objective): Objective {
  return (x) => {
    const v = f(x);
    return Number.isNaN(v) || v === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : v;
  };
}

/** Nelder-Mead simplex search (standard coefficients 1, 2, ½, ½), deterministic. */
export function nelderMead(f: Objective, x0: readonly number[], options: OptimiseOptions = {}): OptimiseResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 400 * n;
  const tolerance = options.tolerance ?? 1e-12;
  const step = options.initialStep ?? 0.5;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    return f(x);
  };
  let simplex: Array<{ x: number[]; v: number }> = [{ x: [...x0], v: evaluate([...x0]) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] = (x[i] as number) + step;
    simplex.push({ x, v: evaluate(x) });
  }
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((p, q) => p.v - q.v);
    const bestV = (simplex[0] as { v: number }).v;
    const worst = simplex[n] as { x: number[]; v: number };
    const spread = Math.abs(worst.v - bestV);
    if (Number.isFinite(bestV) && spread <= tolerance * Math.max(1, Math.abs(bestV)) && simplexSize(simplex) < 1e-9) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + ((simplex[i] as { x: number[] }).x[j] as number) / n;
    const along = (t: number): number[] => centroid.map((c, j) => c + t * ((worst.x[j] as number) - c));
    const reflected = along(-1);
    const vr = evaluate(reflected);
    const secondWorst = (simplex[n - 1] as { v: number }).v;
    if (vr < bestV) {
      const expanded = along(-2);
      const ve = evaluate(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < secondWorst) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? along(-0.5) : along(0.5);
      const vc = evaluate(contracted);
      if (vc < Math.min(vr, worst.v)) {
        simplex[n] = { x: contracted, v: vc };
      } else {
        const x1 = (simplex[0] as { x: number[] }).x;
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = p.x.map((xj, j) => (x1[j] as number) + 0.5 * (xj - (x1[j] as number)));
          return { x, v: evaluate(x) };
        });
      }
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  const best = simplex[0] as { x: number[]; v: number };
  return { x: best.x, value: best.v, iterations, evaluations, converged };
}

function simplexSize(simplex: Array<{ x: number[] }>): number {
  const first = (simplex[0] as { x: number[] }).x;
  let size = 0;
  for (const p of simplex) for (let j = 0; j < first.length; j++) size = Math.max(size, Math.abs((p.x[j] as number) - (first[j] as number)));
  return size;
}

/** Central-difference gradient; the step scales with |x| so it stays meaningful on any log-parameter. */
export function numericGradient(f: Objective, x: readonly number[]): number[] {
  return x.map((xi, i) => {
    const h = 1e-5 * Math.max(1, Math.abs(xi));
    const up = [...x];
    const down = [...x];
    up[i] = xi + h;
    down[i] = xi - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** BFGS with numeric gradients and a backtracking (Armijo) line search; converges on a small gradient. */
export function bfgs(f: Objective, x0: readonly number[], options: { maxIterations?: number; gradientTolerance?: number } = {}): OptimiseResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    return f(x);
  };
  const gradient = (x: readonly number[]): number[] => {
    evaluations += 2 * n;
    return numericGradient(f, x);
  };
  let x = [...x0];
  let fx = evaluate(x);
  if (!Number.isFinite(fx)) return { x, value: fx, iterations: 0, evaluations, converged: false };
  let g = gradient(x);
  // The objective is a sum over customers; a gradient this small is below the noise of the central differences.
  const gradientTolerance = options.gradientTolerance ?? 1e-6 * Math.max(1, Math.abs(fx));
  let h = identity(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(g) <= gradientTolerance) return { x, value: fx, iterations, evaluations, converged: true };
    let direction = h.map((row) => -dot(row, g));
    if (dot(direction, g) >= 0) {
      // Not a descent direction (the curvature estimate went bad): start again from steepest descent.
      h = identity(n);
      direction = g.map((gi) => -gi);
    }
    let t = 1;
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    const slope = dot(direction, g);
    for (let k = 0; k < 40 && !accepted; k++) {
      xNew = x.map((xi, i) => xi + t * (direction[i] as number));
      fNew = evaluate(xNew);
      accepted = Number.isFinite(fNew) && fNew <= fx + 1e-4 * t * slope;
      t /= 2;
    }
    // No step along a descent direction lowers f enough: we are at the resolution of the numeric gradient.
    if (!accepted) break;
    const gNew = gradient(xNew);
    const s = xNew.map((xi, i) => xi - (x[i] as number));
    const y = gNew.map((gi, i) => gi - (g[i] as number));
    const sy = dot(s, y);
    if (sy > 1e-12) h = bfgsUpdate(h, s, y, sy);
    const improvement = fx - fNew;
    x = xNew;
    fx = fNew;
    g = gNew;
    if (improvement <= 1e-15 * Math.max(1, Math.abs(fx))) break;
  }
  return { x, value: fx, iterations, evaluations, converged: maxAbs(g) <= gradientTolerance };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function dot(u: readonly number[], v: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] as number) * (v[i] as number);
  return s;
}

function maxAbs(v: readonly number[]): number {
  return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs): the inverse-Hessian update. */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  const out = identity(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const hij = (h[i] as number[])[j] as number;
      (out[i] as number[])[j] =
        hij -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number);
    }
  }
  return out;
}
