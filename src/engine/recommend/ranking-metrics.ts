/**
 * Ranking metrics at a cut-off K (hit rate, recall, NDCG), the top-K selection they are computed on, and their
 * averages. Recall is divided by min(K, number of targets), as in Liang et al. (2018) and Steck (2019), so a customer
 * with 30 new products after the cutoff can still reach 1.
 */

/** Indices of the `k` highest finite scores, best first; ties go to the lower index so results are reproducible. */
export function topK(scores: ArrayLike<number>, k: number, skip?: (index: number) => boolean): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!Number.isFinite(s) || skip?.(i)) continue;
    if (best.length === k && s <= (scores[best[k - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && (scores[best[at - 1] as number] as number) < s) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

export type RankingScores = { hitRate10: number; recall10: number; ndcg10: number };

/** Hit (0/1), recall and NDCG of one ranked list against a set of relevant items. */
export function rankingScores(ranked: readonly number[], relevant: ReadonlySet<number>, k = 10): RankingScores {
  if (relevant.size === 0) throw new Error('rankingScores needs at least one relevant item');
  let hits = 0;
  let dcg = 0;
  ranked.slice(0, k).forEach((item, position) => {
    if (relevant.has(item)) {
      hits++;
      dcg += 1 / Math.log2(position + 2);
    }
  });
  let ideal = 0;
  for (let position = 0; position < Math.min(k, relevant.size); position++) ideal += 1 / Math.log2(position + 2);
  return { hitRate10: hits > 0 ? 1 : 0, recall10: hits / Math.min(k, relevant.size), ndcg10: dcg / ideal };
}

/** Running mean of per-customer scores. */
export class MeanScores {
  private sum = { hitRate10: 0, recall10: 0, ndcg10: 0 };
  count = 0;
  add(scores: RankingScores): void {
    this.sum.hitRate10 += scores.hitRate10;
    this.sum.recall10 += scores.recall10;
    this.sum.ndcg10 += scores.ndcg10;
    this.count++;
  }
  mean(): RankingScores {
    const n = Math.max(1, this.count);
    return { hitRate10: this.sum.hitRate10 / n, recall10: this.sum.recall10 / n, ndcg10: this.sum.ndcg10 / n };
  }
}
