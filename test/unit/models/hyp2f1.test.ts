import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1Series } from '../../../src/engine/models/clv/hyp2f1';
import { logGamma } from '../../../src/engine/models/clv/special';

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('hyp2f1: closed forms', () => {
  it('₂F₁(1, 1; 2; z) = −ln(1 − z)/z on both sides of 0 and right up to z = 1 (c − a − b = 0, the integer case)', () => {
    for (const z of [-50, -0.9, -0.5, 0.3, 0.5, 0.6, 0.9, 0.99, 0.999999, 1 - 1e-12]) {
      expect(relErr(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
    }
  });

  it('₂F₁(a, b; b; z) = (1 − z)^(−a), including integer a where c − a − b is a negative integer', () => {
    for (const [a, b, z] of [
      [2.5, 1.3, 0.97],
      [3, 1.3, 0.97],
      [0.7, 4.2, 0.9999],
      [2.5, 1.3, -7],
    ] as const) {
      expect(relErr(hyp2f1(a, b, b, z), Math.pow(1 - z, -a))).toBeLessThan(1e-13);
    }
  });

  it('₂F₁(½, ½; 3/2; z²) = arcsin(z)/z and ₂F₁(½, 1; 3/2; −z²) = arctan(z)/z', () => {
    for (const z of [0.3, 0.8, 0.99, 0.999999]) expect(relErr(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
    for (const z of [0.5, 3, 40]) expect(relErr(hyp2f1(0.5, 1, 1.5, -z * z), Math.atan(z) / z)).toBeLessThan(1e-13);
  });

  it("Gauss's theorem at z = 1, and a terminating series for a non-positive integer a", () => {
    // Γ(3)Γ(½)/(Γ(3/2)Γ(2)) = 4.
    expect(hyp2f1(1.5, 1, 3, 1)).toBeCloseTo(4, 13);
    expect(hyp2f1(2, 2, 3, 1)).toBeNaN(); // c − a − b ≤ 0: the series diverges at 1
    // 1 + (−3)(2)/5 z + (−3)(−2)(2)(3)/(5·6·2) z² + (−3)(−2)(−1)(2)(3)(4)/(5·6·7·6) z³
    const poly = (z: number): number => 1 - (6 / 5) * z + (36 / 60) * z * z - (144 / 1260) * z * z * z;
    for (const z of [0.9, 7, -3]) expect(relErr(hyp2f1(-3, 2, 5, z), poly(z))).toBeLessThan(1e-14);
  });

  it('is NaN outside its domain rather than a wrong number', () => {
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(Number.NaN, 1, 2, 0.5)).toBeNaN();
  });
});

describe('hyp2f1: reference values (mpmath.hyp2f1 at 40 digits)', () => {
  // [a, b, c, z, value]: the regions and parameter shapes the BG/NBD and Pareto/NBD formulas reach.
  const reference: Array<[number, number, number, number, number, string]> = [
    [0.5, 0.5, 1, 0.98, 2.135312763649669, 'complete elliptic integral, c − a − b = 0'],
    [3.159, 1.606, 4.159, 0.99999999, 367327.65406207705, 'Pareto/NBD shape, c − a − b = −s'],
    [0.243, 2.426, 2.219, 0.999, 11.096504288680494, 'BG/NBD shape'],
    [2.5, 3.5, 8.000000001, 0.95, 6.160073094273793, 'c − a − b = 2 + 1e-9'],
    [2.5, 3.5, 5.999999, 0.9999, 169.93479695499323, 'c − a − b = −1e-6'],
    [1.2, 0.8, 2.0, 0.999999, 13.017465259811908, 'c − a − b = 0 exactly'],
    [1.2, 0.8, 2.1000001, 0.93, 2.55404815136774, 'c − a − b just outside the near-integer band'],
    [1.2, 0.8, 2.0999999, 0.93, 2.5540485270721316, 'c − a − b just inside the near-integer band'],
    [12.8, 10.2, 13.8, 0.9999977, 1.036395723765532e+52, 'large a, b; c − a − b = −9.2'],
    [137.78, 3.21, 138.78, 0.81, 188.5251484139939, 'Pareto/NBD for a customer with x ≈ 135'],
    [102.5, 103.4, 104.2, 0.99, 2.545110433012484e+203, 'a value near the top of the double range'],
    [2.0, 3.0, 4.0, -1000, 2.9615444743211116e-06, 'large negative z (Pfaff)'],
    [1.159, 1.606, 2.159, 0.3, 1.3540120606242596, 'plain series'],
  ];
  it.each(reference)('₂F₁(%d, %d; %d; %d) = %d (%s)', (a, b, c, z, want) => {
    expect(relErr(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-12);
  });

  it('is continuous in c across an integer c − a − b (no 0/0 blow-up as an optimiser walks through it)', () => {
    const at = (eps: number): number => hyp2f1(1.3, 0.9, 4.2 + eps, 0.995);
    const centre = at(0);
    for (const eps of [1e-14, -1e-14, 1e-9, -1e-9, 1e-6, -1e-6]) expect(relErr(at(eps), centre)).toBeLessThan(Math.abs(eps) * 10 + 1e-13);
  });
});

describe('hyp2f1Series', () => {
  it('sums the defining series and reports convergence', () => {
    const out = hyp2f1Series(1, 1, 2, 0.5);
    expect(out.converged).toBe(true);
    expect(relErr(out.value, 2 * Math.log(2))).toBeLessThan(1e-15);
    expect(out.terms).toBeGreaterThan(40);
    expect(out.terms).toBeLessThan(60);
  });

  it("agrees with Gauss's theorem as z → 1 only slowly: why the connection formula is needed near 1", () => {
    const gauss = Math.exp(logGamma(3) + logGamma(0.5) - logGamma(1.5) - logGamma(2));
    expect(relErr(hyp2f1(1.5, 1, 3, 1 - 1e-10), gauss)).toBeLessThan(1e-4);
    expect(hyp2f1Series(1.5, 1, 3, 1 - 1e-10).converged).toBe(false);
  });
});
