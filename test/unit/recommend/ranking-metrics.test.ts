import { describe, expect, it } from 'vitest';
import { evaluate, makeSplit, sampledScores } from '../../../src/engine/recommend/evaluate';
import type { Fitted } from '../../../src/engine/recommend/algorithms';
import { indexOf, PurchasesBuilder } from '../../../src/engine/recommend/interactions';
import { rankingScores, topK } from '../../../src/engine/recommend/ranking-metrics';

describe('ranking metrics at 10', () => {
  it('match hand-computed hit rate, recall and NDCG', () => {
    // Targets {3, 7, 42}; ranked list hits 3 at position 2 and 7 at position 5 (1-based).
    const ranked = [1, 3, 5, 6, 7, 8, 9, 10, 11, 12];
    const scores = rankingScores(ranked, new Set([3, 7, 42]));
    expect(scores.hitRate10).toBe(1);
    expect(scores.recall10).toBeCloseTo(2 / 3, 12);
    // DCG = 1/log2(3) + 1/log2(6) = 0.63093 + 0.38685; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.13093.
    expect(scores.ndcg10).toBeCloseTo((0.6309297536 + 0.3868528072) / 2.1309297536, 9);
  });

  it('divides recall by min(10, targets) and scores a miss as zero', () => {
    const many = new Set(Array.from({ length: 20 }, (_, i) => i));
    expect(rankingScores([0, 1, 2, 3, 4, 100, 101, 102, 103, 104], many).recall10).toBe(0.5);
    expect(rankingScores([50, 51], new Set([1]))).toEqual({ hitRate10: 0, recall10: 0, ndcg10: 0 });
    expect(rankingScores([9, 1], new Set([1])).ndcg10).toBeCloseTo(1 / Math.log2(3), 12);
  });

  it('top-k keeps the best finite scores, lower index first on ties, and skips what it is told to', () => {
    const scores = [0.5, 2, Number.NEGATIVE_INFINITY, 2, 1, 0.7];
    expect(topK(scores, 3)).toEqual([1, 3, 4]);
    expect(topK(scores, 3, (i) => i === 3)).toEqual([1, 4, 5]);
    expect(topK(scores, 10)).toEqual([1, 3, 4, 5, 0]);
  });

  it('sampled: counts negatives scoring at least the target (ties against it)', () => {
    const scores = [0.9, 0.1, 0.5, 0.5, 0.2];
    expect(sampledScores(scores, 2, [1, 3, 4])).toEqual({ hitRate10: 1, recall10: 1, ndcg10: 1 / Math.log2(3) });
    const negatives = Array.from({ length: 10 }, () => 0);
    expect(sampledScores([1, 0.5], 1, negatives).hitRate10).toBe(0);
  });
});

describe('the time-split protocol', () => {
  // Customers 1..3, products 10..14; cutoff day 100.
  const build = () => {
    const b = new PurchasesBuilder();
    b.push(1, 10, 1, 10, 1, false);
    b.push(1, 11, 1, 10, 1, false);
    b.push(2, 10, 2, 20, 1, false);
    b.push(2, 12, 3, 30, 2, false);
    b.push(2, 12, 4, 40, 2, true); // returned in full: not liked, but not new either
    b.push(3, 10, 5, 50, 1, false);
    b.push(1, 12, 6, 110, 1, false); // after the cutoff: new to customer 1
    b.push(1, 10, 6, 110, 1, false); // bought before: not a target
    b.push(2, 13, 7, 120, 1, false);
    b.push(2, 14, 8, 105, 1, false);
    b.push(2, 14, 9, 115, 1, true); // returned after the cutoff: not a target
    return b.build();
  };

  it('targets are kept products new to the customer; popularity is ranked on the same customers', () => {
    const p = build();
    const split = makeSplit(p, indexOf(p.customer), indexOf(p.product), 100, 200, 180);
    const items = indexOf(p.product);
    const targetsOf = (customer: number): number[] => {
      const u = split.users.of.get(customer) as number;
      return Array.from(split.targets.indices.subarray(split.targets.indptr[u], split.targets.indptr[u + 1])).map((i) => items.ids[i] as number);
    };
    expect(targetsOf(1)).toEqual([12]);
    expect(targetsOf(2)).toEqual([13]);
    expect(targetsOf(3)).toEqual([]);
    // Popularity before the cutoff: 10 (3 buyers), 11 (1), 12 (0: returned); 13 and 14 never bought.
    expect(Array.from(split.popularity)).toEqual([3, 1, 0, 0, 0]);
    // A model that knows product 13 is the thing to buy: customer 2 hits at rank 1; customer 1's target 12 at rank 2
    // of its candidates [13, 12, 14] (11 and 10 were bought before).
    const oracle: Fitted = {
      candidate: { algorithm: 'ease', config: { regularization: 1, maxItems: 5, minBuyers: 1 } },
      score: (_m, _u, out) => out.set([0, 0, 0.5, 1, 0.1]),
      similar: () => [],
      artefact: () => ({ algorithm: 'ease', config: { regularization: 1, maxItems: 5, minBuyers: 1 }, items: [], weights: '' }),
    };
    const result = evaluate(split, oracle, 1);
    expect(result.tested).toBe(2);
    expect(result.model.hitRate10).toBe(1);
    expect(result.model.ndcg10).toBeCloseTo((1 / Math.log2(3) + 1) / 2, 12);
    // Popularity ranks (customer 1) 12, 13, 14 with zero buyers, ties by index: 12 first → NDCG 1;
    // (customer 2) candidates 11, 13, 14 (10 and 12 bought before): 11 first, then 13 → 1/log2(3).
    expect(result.popularity.ndcg10).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 12);
  });
});
