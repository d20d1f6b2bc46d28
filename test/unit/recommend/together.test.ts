import { FPGrowth } from 'node-fpgrowth';
import { describe, expect, it } from 'vitest';
import { bundleRules } from '../../../src/engine/recommend/together';

// Han, Kamber & Pei, Data Mining: Concepts and Techniques (3rd ed.), table 6.1: nine transactions of items I1..I5.
const HAN = [
  [1, 2, 5],
  [2, 4],
  [2, 3],
  [1, 2, 4],
  [1, 3],
  [2, 3],
  [1, 3],
  [1, 2, 3, 5],
  [1, 2, 3],
];

describe('bought-together rules', () => {
  const { rules, baskets } = bundleRules(HAN, { minBaskets: 2, perProduct: 10, minLift: 0, maxItems: 100 });
  const rule = (x: number, y: number) => rules.find((r) => r.product === x && r.other === y);

  it('finds the frequent pairs of the textbook example with their support counts (min. support count 2)', () => {
    expect(baskets).toBe(9);
    const pairs = new Map<string, number>();
    for (const r of rules) if (r.product < r.other) pairs.set(`I${r.product},I${r.other}`, r.baskets);
    // The book's L2: {I1,I2}:4, {I1,I3}:4, {I1,I5}:2, {I2,I3}:4, {I2,I4}:2, {I2,I5}:2.
    expect(Object.fromEntries(pairs)).toEqual({ 'I1,I2': 4, 'I1,I3': 4, 'I1,I5': 2, 'I2,I3': 4, 'I2,I4': 2, 'I2,I5': 2 });
  });

  it('computes support, confidence and lift by hand', () => {
    // I5 ⇒ I1: both in 2 of 9 baskets, I5 in 2, I1 in 6: confidence 1, lift 1 / (6/9) = 1.5.
    expect(rule(5, 1)).toEqual({ product: 5, other: 1, support: 2 / 9, confidence: 1, lift: 1.5, baskets: 2 });
    // I1 ⇒ I2: 4 of 9; confidence 4/6; lift (4/6)/(7/9) = 6/7.
    expect(rule(1, 2)?.confidence).toBeCloseTo(4 / 6, 12);
    expect(rule(1, 2)?.lift).toBeCloseTo(6 / 7, 12);
    expect(rule(3, 5)).toBeUndefined();
  });

  it('agrees with node-fpgrowth on every frequent pair', async () => {
    const itemsets = await new FPGrowth<number>(2 / 9).exec(HAN);
    const fromPackage = itemsets
      .filter((s) => s.items.length === 2)
      .map((s) => `${Math.min(...s.items)},${Math.max(...s.items)}:${s.support}`)
      .sort();
    const ours = rules.filter((r) => r.product < r.other).map((r) => `${r.product},${r.other}:${r.baskets}`).sort();
    expect(ours).toEqual(fromPackage);
  });

  it('keeps only rules above the lift floor, best confidence first, at most perProduct per product', () => {
    const strict = bundleRules(HAN, { minBaskets: 2, perProduct: 1, minLift: 1.01, maxItems: 100 }).rules;
    expect(strict.every((r) => r.lift >= 1.01)).toBe(true);
    expect(new Set(strict.map((r) => r.product)).size).toBe(strict.length);
    expect(strict.find((r) => r.product === 5)).toMatchObject({ other: 1, confidence: 1 });
  });
});
