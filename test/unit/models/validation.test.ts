import { describe, expect, it } from 'vitest';
import { bgNbdModel, fitBgNbd } from '../../../src/engine/models/clv/bg-nbd';
import { fitParetoNbd, paretoNbdModel } from '../../../src/engine/models/clv/pareto-nbd';
import { calibrationHoldout, summariseTransactions } from '../../../src/engine/models/clv/summary';
import { conditionalExpectations, trackingCurve } from '../../../src/engine/models/clv/validation';
import { readCdnowSampleTransactions } from './cdnow';

// The CDNOW design of Fader, Hardie & Lee (2005): calibrate on weeks 1–39 of 1997, hold out weeks 40–78.
const split = { calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', unit: 'weeks' as const };
const transactions = readCdnowSampleTransactions();
const summary = summariseTransactions(transactions, { calibrationEnd: split.calibrationEnd, unit: 'weeks' });
const bg = bgNbdModel(fitBgNbd(summary));

describe('tracking chart data (cumulative repeat purchases, week by week)', () => {
  const rows = trackingCurve(bg, transactions, split);

  it('has 78 weekly rows, 39 of them in the holdout, ending on the observation end', () => {
    expect(rows).toHaveLength(78);
    expect(rows.filter((r) => r.holdout)).toHaveLength(39);
    expect(rows[38]).toMatchObject({ period: 39, periodEnd: '1997-09-30', holdout: false, conditionalExpected: null });
    expect(rows[77]).toMatchObject({ period: 78, periodEnd: '1998-06-30', holdout: true });
  });

  it('counts actual repeat purchases exactly: at the calibration end they equal Σx of the summary', () => {
    expect(rows[38]?.actual).toBe(summary.reduce((s, r) => s + r.x, 0));
    const holdout = calibrationHoldout(transactions, split);
    expect(rows[77]!.actual - rows[38]!.actual).toBe(holdout.reduce((s, r) => s + r.holdoutPurchases, 0));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.actual).toBeGreaterThanOrEqual(rows[i - 1]!.actual);
  });

  it('at the calibration end the model’s expectation is Σ E[X(T)] over customers', () => {
    const direct = summary.reduce((s, r) => s + bg.expectedPurchases(r.T), 0);
    expect(rows[38]!.expected).toBeCloseTo(direct, 6);
  });

  it('tracks the actual cumulative curve: within 6 % at the end of calibration and of the holdout', () => {
    for (const i of [38, 77]) expect(Math.abs(rows[i]!.expected / rows[i]!.actual - 1)).toBeLessThan(0.06);
    expect(Math.abs(rows[77]!.conditionalExpected! / rows[77]!.actual - 1)).toBeLessThan(0.06);
  });
});

describe('conditional expectations chart data (holdout purchases by calibration frequency)', () => {
  const holdout = calibrationHoldout(transactions, split);

  it.each([
    ['BG/NBD', bg],
    ['Pareto/NBD', paretoNbdModel(fitParetoNbd(summary))],
  ] as const)('%s: buckets 0..6 and 7+, sizes adding up to the cohort, predictions rising with frequency', (_name, model) => {
    const rows = conditionalExpectations(model, holdout);
    expect(rows.map((r) => r.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(rows[0]?.customers).toBe(1411);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.predicted).toBeGreaterThan(rows[i - 1]!.predicted);
    // The heavy buyers are predicted within 25 % and the one-time buyers within 0.1 purchases: what the paper shows.
    expect(Math.abs(rows[7]!.predicted / rows[7]!.actual - 1)).toBeLessThan(0.25);
    expect(Math.abs(rows[0]!.predicted - rows[0]!.actual)).toBeLessThan(0.1);
  });

  it('actual means are plain averages of the holdout counts', () => {
    const rows = conditionalExpectations(bg, holdout, { maxFrequency: 3 });
    const threePlus = holdout.filter((h) => h.x >= 3);
    expect(rows[3]).toMatchObject({ frequency: '3+', customers: threePlus.length });
    expect(rows[3]!.actual).toBeCloseTo(threePlus.reduce((s, h) => s + h.holdoutPurchases, 0) / threePlus.length, 12);
  });
});
