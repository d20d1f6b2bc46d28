import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext } from '../../../src/engine/kernel/context';
import { readAsOf } from '../../../src/engine/customers/customers-repo';
import { jobFunctions } from '../../../src/engine/jobs/registry';
import { loadTf } from '../../../src/engine/ml/backend';
import { memberIdsSql, validateRule } from '../../../src/engine/segments/compile';
import { runDiscovery, type Discovery } from '../../../src/engine/segments/discover';
import { readFeatureMatrix } from '../../../src/engine/segments/discover-features';
import { segmentInsightHandlers } from '../../../src/engine/segments/insight-handlers';
import { discoverInputSchema, discoverResultSchema, type DiscoverResult } from '../../../src/shared/segment-schemas';
import { recordingControl } from '../demo/helpers';
import { scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';

// Discovered segments on a demo shop (src/engine/demo/generate.ts): buyers differ by how recently and how often they
// buy, how much, category taste, returns and reviews, so clusters should be told apart on those.
let ws: TestWorkspace;
let found: Discovery;
let control: ReturnType<typeof recordingControl>;

beforeAll(async () => {
  ws = await testWorkspace({ customers: 3000, seed: 11 });
  control = recordingControl();
  found = await runDiscovery(ws.db, { seed: 1 }, control);
}, 120_000);
afterAll(() => ws.dispose());

/** Customer ids of the cluster shown at `index` (clusters are listed largest first). */
function membersOf(result: Discovery, index: number): Set<number> {
  const order = result.fit.sizes.map((size, c) => [size, c] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const label = order[index]?.[1];
  return new Set([...result.customerIds].filter((_, i) => result.fit.labels[i] === label));
}

const withoutTime = (r: DiscoverResult): Omit<DiscoverResult, 'seconds'> => {
  const { seconds, ...rest } = r;
  void seconds;
  return rest;
};

describe('segments.discover on a demo shop', () => {
  it('clusters every buyer, with k chosen by the best silhouette over 2…8', () => {
    const r = found.result;
    // What crosses the contract is exactly what the job computed: it parses, and parsing drops or changes nothing.
    const parsed = discoverResultSchema.safeParse(r);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data).toEqual(r);
    const buyers = scalar(ws.db, 'SELECT count(*) FROM customer_metrics WHERE orders > 0');
    expect(r.customers).toBe(buyers);
    expect(r.clusters.reduce((s, c) => s + c.size, 0)).toBe(buyers);
    expect(r.silhouetteSample).toBe(Math.min(5000, buyers));
    expect(r.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = r.silhouettes.reduce((a, b) => (b.score > a.score ? b : a));
    expect(r.k).toBe(best.k);
    expect(r.clusters).toHaveLength(r.k);
    // Listed largest first, shares of the buyers.
    for (let i = 1; i < r.clusters.length; i++) expect(r.clusters[i - 1]?.size).toBeGreaterThanOrEqual(r.clusters[i]?.size ?? 0);
    for (const c of r.clusters) expect(c.share).toBeCloseTo(c.size / buyers, 10);
    expect(r.backend).toMatch(/wasm|cpu|tensorflow/);
    // Progress went forward through the stages and cancellation was checked often.
    const fractions = control.updates.map((u) => u.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(control.updates.map((u) => u.stage)).toEqual(expect.arrayContaining(['Features', 'Clustering', 'Comparing', 'Describing']));
    expect(control.checks).toBeGreaterThan(100);
  });

  it('standardises log-transformed money and counts', () => {
    const m = readFeatureMatrix(ws.db);
    const d = m.features.length;
    const n = m.customerIds.length;
    for (let j = 0; j < d; j++) {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const z = m.z[i * d + j] as number;
        sum += z;
        sq += z * z;
      }
      expect(sum / n).toBeCloseTo(0, 3);
      expect(Math.sqrt(sq / n)).toBeCloseTo(1, 3);
    }
    const f = m.features.findIndex((x) => x.name === 'revenue');
    expect(m.features[f]?.log).toBe(true);
    const id = m.customerIds[10] as number;
    const revenue = scalar(ws.db, 'SELECT revenue FROM customer_metrics WHERE customer_id = ?', id);
    expect(m.z[10 * d + f]).toBeCloseTo((Math.log1p(revenue) - (m.means[f] as number)) / (m.sds[f] as number), 4);
    expect(m.features.filter((x) => x.category !== undefined)).toHaveLength(4);
    expect(m.features.map((x) => x.name)).toEqual(expect.arrayContaining(['recency_days', 'orders', 'avg_order_value', 'tenure_days', 'returns', 'campaign_engagement', 'review_stars']));
  });

  it('names and describes each cluster by what sets it apart', () => {
    const phrase: Record<string, RegExp> = {
      recency_days: /last order [\d,]+ days ago/,
      tenure_days: /first order [\d,]+ days ago/,
      orders: /[\d.]+ orders \(average/,
      revenue: /€[\d,]+ spent/,
      avg_order_value: /per order/,
      returns: /returns \(average/,
      campaign_engagement: /campaigns/,
      review_stars: /stars/,
    };
    const word: Record<string, [RegExp, RegExp | null]> = {
      recency_days: [/lapsed/i, /recently active|new/i],
      tenure_days: [/long-standing/i, /new/i],
      orders: [/frequent/i, /one-off/i],
      revenue: [/high-value/i, /low-value/i],
      avg_order_value: [/big-basket/i, /small-basket/i],
      returns: [/return-prone/i, null],
      campaign_engagement: [/email-engaged/i, /email-unresponsive/i],
      review_stars: [/happy/i, /unhappy/i],
    };
    for (const c of found.result.clusters) {
      const top = [...c.centre].sort((a, b) => Math.abs(b.z) - Math.abs(a.z))[0];
      if (!top) throw new Error('no centre');
      const category = /^Share of spend on (.+)$/.exec(top.label)?.[1];
      if (category) {
        expect(c.description).toContain(category);
        if (top.z > 0.5) expect(c.name).toContain(`${category} buyers`);
      } else {
        expect(c.description).toMatch(phrase[top.feature] as RegExp);
        const expected = (word[top.feature] as [RegExp, RegExp | null])[top.z > 0 ? 0 : 1];
        if (expected && Math.abs(top.z) >= 0.5) expect(c.name).toMatch(expected);
      }
      expect(c.description).toMatch(new RegExp(`^${c.size.toLocaleString('en-GB')} customers`));
      expect(c.name.split(/,\s*|\s+(?=\S+ buyers$)/).length).toBeLessThanOrEqual(3);
    }
    // One cluster is the lapsed one: last order long ago, named so.
    const lapsed = found.result.clusters.filter((c) => (c.centre.find((x) => x.feature === 'recency_days')?.z ?? 0) > 1);
    expect(lapsed.length).toBeGreaterThan(0);
    for (const c of lapsed) expect(c.name).toMatch(/lapsed/i);
    expect(new Set(found.result.clusters.map((c) => c.name)).size).toBe(found.result.clusters.length);
  });

  it('turns each cluster into a valid rule that mostly matches its members, and counts its matches', () => {
    const asOf = readAsOf(ws.db);
    found.result.clusters.forEach((c, index) => {
      validateRule(c.rule);
      const conditions = 'all' in c.rule ? c.rule.all : [];
      expect(conditions.length).toBeGreaterThanOrEqual(1);
      expect(conditions.length).toBeLessThanOrEqual(5); // up to four chosen, plus "orders ≥ 1" when none excludes non-buyers
      const { sql, params } = memberIdsSql(c.rule, asOf === null ? { asOf: null } : { asOf });
      const matched = ws.db.prepare(sql).pluck().all(...params) as number[];
      expect(c.ruleMatches).toBe(matched.length);
      const members = membersOf(found, index);
      expect(members.size).toBe(c.size);
      const hits = matched.filter((id) => members.has(id)).length;
      expect(hits / matched.length).toBeGreaterThan(0.6); // precision: most matches are members
      expect(hits / c.size).toBeGreaterThan(0.6); // recall: most members match
    });
  });

  it('is deterministic by seed, frees its tensors, and honours a fixed k', async () => {
    const { tf } = await loadTf();
    const before = tf.memory().numTensors;
    const again = await runDiscovery(ws.db, { seed: 1 }, recordingControl());
    expect(tf.memory().numTensors).toBe(before);
    expect(withoutTime(again.result)).toEqual(withoutTime(found.result));
    const four = await runDiscovery(ws.db, { k: 4, seed: 2 }, recordingControl());
    expect(four.result.k).toBe(4);
    expect(four.result.silhouettes.map((s) => s.k)).toEqual([4]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when cancelled, at any point, leaving no tensors behind', async () => {
    const { tf } = await loadTf();
    const before = tf.memory().numTensors;
    for (const after of [1, 20, 200]) {
      await expect(runDiscovery(ws.db, { seed: 1 }, recordingControl(after))).rejects.toMatchObject({ code: 'cancelled' });
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('is a job started by its channel', async () => {
    expect(jobFunctions['segments.discover']).toBeTypeOf('function');
    const result = await jobFunctions['segments.discover'](ws.db, { k: 2, seed: 3 }, recordingControl());
    expect(result.k).toBe(2);
    const started: unknown[] = [];
    const ctx = { jobs: { start: (...args: unknown[]) => (started.push(args), { id: 'job-1' }) } } as unknown as EngineContext;
    const input = discoverInputSchema.parse({});
    expect(segmentInsightHandlers['segments.discover'](input, ctx)).toEqual({ jobId: 'job-1' });
    expect(started).toEqual([['segments.discover', expect.stringContaining('silhouette'), { seed: 1 }]]);
  });
});

describe('too few customers', () => {
  it('says what is needed', async () => {
    const small = await testWorkspace({ customers: 8, seed: 1 });
    try {
      await expect(runDiscovery(small.db, { seed: 1 }, recordingControl())).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/at least 20 customers with orders/) });
    } finally {
      small.dispose();
    }
  });
});
