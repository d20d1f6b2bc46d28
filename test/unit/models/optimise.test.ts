import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { fitBgNbd } from '../../../src/engine/models/clv/bg-nbd';
import { bfgs, minimise, nelderMead } from '../../../src/engine/models/clv/optimise';
import { fitParetoNbd } from '../../../src/engine/models/clv/pareto-nbd';

const rosenbrock = (x: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
  return s;
};

describe('minimise (Nelder-Mead with restarts, then BFGS)', () => {
  it('finds the Rosenbrock minimum in 2 and 4 dimensions and says it converged', () => {
    for (const start of [
      [-1.2, 1],
      [-1, 2, -1, 2],
    ]) {
      const out = minimise(rosenbrock, start);
      expect(out.converged).toBe(true);
      for (const v of out.x) expect(v).toBeCloseTo(1, 5);
      expect(out.value).toBeLessThan(1e-10);
    }
  });

  it('is deterministic', () => {
    expect(minimise(rosenbrock, [-1.2, 1])).toEqual(minimise(rosenbrock, [-1.2, 1]));
  });

  it('treats NaN and Infinity as "worse than anything" instead of wandering into them', () => {
    // A bowl at (2, 3) that is undefined left of x = 1.
    const f = (x: readonly number[]): number => ((x[0] as number) < 1 ? Number.NaN : ((x[0] as number) - 2) ** 2 + ((x[1] as number) - 3) ** 2);
    const out = minimise(f, [1.5, 0]);
    expect(out.x[0]).toBeCloseTo(2, 6);
    expect(out.x[1]).toBeCloseTo(3, 6);
    expect(Number.isFinite(out.value)).toBe(true);
  });

  it('reports no convergence when stopped by its iteration limit', () => {
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 }).converged).toBe(false);
  });

  it('BFGS alone solves a quadratic to its gradient tolerance', () => {
    const out = bfgs((x) => 3 * ((x[0] as number) - 1) ** 2 + 0.5 * ((x[1] as number) + 2) ** 2 + (x[0] as number) * (x[1] as number), [0, 0]);
    expect(out.converged).toBe(true);
    // Minimum of 3(a−1)² + ½(b+2)² + ab: 6(a−1) + b = 0, (b+2) + a = 0 → a = 8/5, b = −18/5.
    expect(out.x[0]).toBeCloseTo(1.6, 6);
    expect(out.x[1]).toBeCloseTo(-3.6, 6);
  });
});

describe('fits on small random data sets: a finite answer or a clear error, never NaN', () => {
  const row = fc
    .record({ x: fc.integer({ min: 0, max: 12 }), T: fc.integer({ min: 1, max: 365 }), f: fc.double({ min: 0.01, max: 1, noNaN: true }) })
    .map(({ x, T, f }) => ({ x, tx: x === 0 ? 0 : Math.max(1, Math.round(f * T)), T }));

  it.each([
    ['BG/NBD', (rows: Array<{ x: number; tx: number; T: number }>) => fitBgNbd(rows)],
    ['Pareto/NBD', (rows: Array<{ x: number; tx: number; T: number }>) => fitParetoNbd(rows)],
  ] as const)('%s', (_name, fit) => {
    let fitted = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 15, maxLength: 80, size: 'max' }), (rows) => {
        try {
          const out = fit(rows) as unknown as Record<string, number>;
          for (const v of Object.values(out)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          fitted++;
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('bad-input');
        }
      }),
      { numRuns: 15, seed: 20240601 },
    );
    // The property must have exercised real fits, not only the refusals.
    expect(fitted).toBeGreaterThan(5);
  });
});
