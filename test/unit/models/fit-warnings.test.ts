import { describe, expect, it } from 'vitest';
import { fitWarnings } from '../../../src/engine/models/clv-fit';
import type { ClvFit } from '../../../src/shared/clv-schemas';

const sound: ClvFit = {
  model: 'bgnbd',
  unit: 'weeks',
  calibrationEnd: '1997-09-30',
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  logLikelihood: -9582.4,
  converged: true,
  iterations: 80,
  customers: 2357,
  repeatCustomers: 946,
  spend: null,
  spendNote: null,
  correlation: null,
  fittedOn: null,
  warnings: [],
};

describe('warnings on a lifetime-value fit', () => {
  it('has none for the published CDNOW fit', () => {
    expect(fitWarnings(sound)).toEqual([]);
  });

  it('flags no convergence, few repeat buyers, runaway parameters and spend that depends on frequency', () => {
    expect(fitWarnings({ ...sound, converged: false, iterations: 2000 })).toEqual([expect.stringMatching(/without converging/)]);
    expect(fitWarnings({ ...sound, repeatCustomers: 40 })).toEqual([expect.stringMatching(/Only 40 of 2357 customers bought more than once/)]);
    expect(fitWarnings({ ...sound, params: { r: 3e5, alpha: 2e6, a: 0.8, b: 2.4 } })).toEqual([expect.stringMatching(/almost no difference between customers/)]);
    expect(fitWarnings({ ...sound, params: { r: 0.24, alpha: 4.4, a: 1e-6, b: 3e6 } })).toEqual([expect.stringMatching(/almost nobody leaves/)]);
    expect(fitWarnings({ ...sound, model: 'pareto', params: { r: 0.55, alpha: 10.6, s: 1e-7, beta: 11.7 } })).toEqual([expect.stringMatching(/almost nobody leaves/)]);
    const correlation = { correlation: 0.6, customers: 900, verdict: 'dependent' as const, message: 'Spend rises with frequency (ρ = 0.60).' };
    expect(fitWarnings({ ...sound, correlation })).toEqual([expect.stringMatching(/ρ = 0.60\).*CLV may be biased/)]);
  });
});
