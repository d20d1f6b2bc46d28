/**
 * "Bought together": association rules X → Y between two products, from baskets (one order = one basket), with
 * support (share of baskets holding both), confidence (share of X's baskets that also hold Y), lift (confidence over
 * Y's own share) and the basket count. The table they feed holds one product on each side, so counting pairs is the
 * exact answer: FP-growth would also mine the larger itemsets, which nothing here could store. Products in fewer
 * than `minBaskets` baskets cannot be in a pair that frequent and are dropped first (the Apriori property).
 */
export type Rule = { product: number; other: number; support: number; confidence: number; lift: number; baskets: number };

export type RuleOptions = { minBaskets: number; perProduct: number; minLift: number; maxItems: number };

/** Rules from baskets of product ids (duplicates inside a basket count once). */
export function bundleRules(baskets: Iterable<readonly number[]>, options: RuleOptions): { rules: Rule[]; baskets: number } {
  const list: number[][] = [];
  const itemCount = new Map<number, number>();
  for (const basket of baskets) {
    const distinct = [...new Set(basket)];
    list.push(distinct);
    for (const item of distinct) itemCount.set(item, (itemCount.get(item) ?? 0) + 1);
  }
  const total = list.length;
  const frequent = [...itemCount.entries()]
    .filter(([, n]) => n >= options.minBaskets)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, options.maxItems)
    .map(([item]) => item);
  const n = frequent.length;
  const local = new Map(frequent.map((item, i) => [item, i]));
  const pairs = new Int32Array(n * n);
  const members: number[] = [];
  for (const basket of list) {
    members.length = 0;
    for (const item of basket) {
      const i = local.get(item);
      if (i !== undefined) members.push(i);
    }
    for (let a = 0; a < members.length; a++) {
      const row = (members[a] as number) * n;
      for (let b = 0; b < members.length; b++) {
        if (a === b) continue;
        const at = row + (members[b] as number);
        pairs[at] = (pairs[at] as number) + 1;
      }
    }
  }
  const rules: Rule[] = [];
  for (let x = 0; x < n; x++) {
    const countX = itemCount.get(frequent[x] as number) as number;
    const mine: Rule[] = [];
    for (let y = 0; y < n; y++) {
      const both = pairs[x * n + y] as number;
      if (x === y || both < options.minBaskets) continue;
      const countY = itemCount.get(frequent[y] as number) as number;
      const confidence = both / countX;
      const lift = confidence / (countY / total);
      if (lift < options.minLift) continue;
      mine.push({ product: frequent[x] as number, other: frequent[y] as number, support: both / total, confidence, lift, baskets: both });
    }
    mine.sort((a, b) => b.confidence - a.confidence || b.lift - a.lift || a.other - b.other);
    rules.push(...mine.slice(0, options.perProduct));
  }
  return { rules, baskets: total };
}
