import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignSummary, UpliftResult } from '../../../src/shared/campaign-schemas';
import { MIN_HOLDOUT, qiniChance, upliftByDecile } from '../../../src/engine/campaigns/uplift';
import { demoEngine, type DemoEngine } from '../engine-helpers';

describe('uplift by decile and the Qini coefficient', () => {
  // Half the customers are persuadable (convert only when contacted), half convert either way or never.
  const rows = Array.from({ length: 2000 }, (_, i) => {
    const treated = i % 2 === 0;
    const persuadable = i % 4 < 2;
    const sure = i % 8 === 2 || i % 8 === 3;
    return { treated, converted: (persuadable && treated) || sure ? 1 : 0, persuadable };
  });
  const truth = rows.map((r) => (r.persuadable ? 1 : 0) + ((rows.indexOf(r) * 7919) % 1000) / 1e6);

  it('finds the persuadable in the top deciles when the ranking is right, and scores it above a reversed one', () => {
    const right = upliftByDecile(rows, truth);
    const wrong = upliftByDecile(rows, truth.map((x) => -x));
    expect(right.deciles[0]?.uplift).toBe(1);
    expect(right.deciles[9]?.uplift).toBeLessThanOrEqual(0);
    expect(right.qini).toBeGreaterThan(0);
    expect(wrong.qini).toBeLessThan(0);
    expect(right.deciles.reduce((s, d) => s + d.customers, 0)).toBe(2000);
  });

  it('tells a real ranking from chance with a permutation test', () => {
    const right = upliftByDecile(rows, truth);
    expect(qiniChance(rows, truth, right.qini ?? 0, 1)).toBeLessThan(0.01);
    // A ranking that knows nothing: most random rankings do as well.
    const noise = truth.map((_, i) => ((i * 2654435761) % 997) / 997);
    const blind = upliftByDecile(rows, noise);
    expect(qiniChance(rows, noise, blind.qini ?? 0, 1)).toBeGreaterThan(0.05);
  });

  it('gives no Qini without both groups', () => {
    expect(upliftByDecile(rows.filter((r) => r.treated), truth.slice(0, 1000)).qini).toBeNull();
  });
});

describe('the uplift job on a small demo shop', () => {
  let demo: DemoEngine;
  beforeAll(async () => {
    demo = await demoEngine({ customers: 2000, seed: 1 });
  }, 120_000);
  afterAll(async () => demo.close());

  it('says honestly that a small holdout is too small to learn from, and stores the answer with the campaign', async () => {
    const { campaigns } = await demo.value<{ campaigns: CampaignSummary[] }>('campaigns.list', {});
    const withHoldout = campaigns.find((c) => c.groups.some((g) => g.holdout) && c.recipients > 0);
    if (!withHoldout) throw new Error('the demo has past campaigns with a holdout');
    const holdout = withHoldout.groups.find((g) => g.holdout)?.size ?? 0;
    expect(holdout).toBeLessThan(MIN_HOLDOUT);
    const done = demo.nextDone<UpliftResult>('campaigns.uplift');
    await demo.value('campaigns.uplift', { id: withHoldout.id });
    const result = await done;
    expect(result.trained).toBe(false);
    expect(result.text).toMatch(/Too small to learn from/);
    expect(result.text).toMatch(new RegExp(`at least ${MIN_HOLDOUT}`));
    const detail = await demo.value<{ uplift: UpliftResult | null }>('campaigns.get', { id: withHoldout.id });
    expect(detail.uplift?.text).toBe(result.text);
  });

  it('refuses a campaign without a holdout in plain words', async () => {
    const { campaigns } = await demo.value<{ campaigns: CampaignSummary[] }>('campaigns.list', {});
    const plain = campaigns.find((c) => c.groups.length === 0);
    if (!plain) throw new Error('the demo has plain sends');
    const reply = await demo.engine.invoke('campaigns.uplift', { id: plain.id });
    expect(reply.ok ? null : reply.error).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/no holdout/) });
  });
});
