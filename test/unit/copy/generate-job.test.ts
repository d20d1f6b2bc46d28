import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudienceInsight, GenerateResult } from '../../../src/shared/copy-schemas';
import { createRng } from '../../../src/engine/kernel/random';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';

let shop: DemoEngine;
let product: string;
beforeAll(async () => {
  shop = await demoEngine({ customers: 400, seed: 5 });
  product = (await shop.value<AudienceInsight>('copy.audience', {})).topProducts[0] as string;
});
afterAll(() => shop.close());

const brief = (extra: Record<string, unknown> = {}) => ({
  channel: 'email',
  goal: 'promotion',
  tone: 'friendly',
  product: { name: product, benefits: ['Wrapped by hand'] },
  offer: { discountPercent: 15, code: 'WINTER15' },
  brand: { name: 'Hearth & Wick', bannedWords: ['cheap'] },
  ...extra,
});

async function generate(input: Record<string, unknown>): Promise<GenerateResult> {
  const done = shop.nextDone<GenerateResult>('copy.generate');
  await shop.value('copy.generate', input);
  return done;
}

describe('copy.generate through the engine', () => {
  it('writes ranked variants for a segment, with the audience it read and the response model status', async () => {
    const segment = await shop.value<{ id: number }>('segments.create', { name: 'Repeat buyers', rule: { field: 'orders', op: '>=', value: 2 } });
    const result = await generate({ brief: brief({ audience: { segmentId: segment.id } }), variants: 4, seed: 3 });
    expect(result.variants).toHaveLength(4);
    for (const v of result.variants) expect(v.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result.candidates).toBe(50);
    expect(result.engine.kind).toBe('builtin');
    expect(result.audience).toMatchObject({ segmentId: segment.id, segmentName: 'Repeat buyers' });
    expect(result.audience!.customers).toBeGreaterThan(0);
    // The demo's past campaigns and A/B arms with copy are enough to learn from: 21 pieces of copy with 20 or more
    // recipients at 400 customers (two small SMS sends fall short).
    expect(result.responseModel).toMatchObject({ status: 'trained', campaigns: 21, needed: 8, target: 'clicked' });
    // Same brief and seed through the job: the same variants.
    const again = await generate({ brief: brief({ audience: { segmentId: segment.id } }), variants: 4, seed: 3 });
    expect(again.variants).toEqual(result.variants);
  });

  it("quotes customers' own praise of the product when its reviews have any", async () => {
    const insight = await shop.value<AudienceInsight>('copy.audience', { product });
    const result = await generate({ brief: brief(), variants: 8, candidates: 120, seed: 1 });
    const texts = result.variants.map((v) => JSON.stringify(v.fields));
    expect(insight.phrasesAbout).toBe('product');
    expect(insight.praise.length).toBeGreaterThan(0);
    expect(texts.some((t) => insight.praise.some((p) => t.includes(p)))).toBe(true);
    expect(result.variants.some((v) => v.angle.startsWith("customers' own words"))).toBe(true);
  });

  it('does not quote praise of other products next to a product nobody reviewed', async () => {
    const result = await generate({ brief: brief({ product: { name: 'Gift card', benefits: ['Never expires'] } }), variants: 8, candidates: 120, seed: 1 });
    expect(result.audience?.phrasesAbout).toBe('customers');
    expect(result.variants.some((v) => v.angle.startsWith("customers' own words"))).toBe(false);
  });

  it('refuses the language model engine when no model is chosen, with what to do', async () => {
    const failed = new Promise<{ code: string; message: string }>((resolve) => {
      const off = shop.engine.onEvent((event, payload) => {
        const p = payload as { kind: string; error?: { code: string; message: string } };
        if (event === 'job.failed' && p.kind === 'copy.generate') {
          off();
          resolve(p.error!);
        }
      });
    });
    await shop.value('copy.generate', { brief: brief(), engine: 'llm' });
    expect(await failed).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/Pick a GGUF model file in Settings/) });
  });

  it('ranks with the response model once campaign results with subject lines are imported, and says why', async () => {
    // Twelve past emails to 200 customers each, as an email tool exports them; questions were clicked twice as often.
    const db = new Database(path.join(shop.root, 'ws', 'workspace.sqlite'), { readonly: true });
    const customers = db.prepare('SELECT external_id FROM customers ORDER BY id LIMIT 200').pluck().all() as string[];
    db.close();
    const rng = createRng(9);
    const rows = ['Campaign,Subject line,Sent,Customer ID,Clicked'];
    for (let i = 0; i < 12; i++) {
      const question = i % 2 === 0;
      const subject = question ? `Ready for something new, round ${i}?` : `New arrivals in the shop, round ${i}`;
      for (const c of customers) rows.push(`T-${i},"${subject}",2026-01-0${1 + (i % 9)},${c},${rng() < (question ? 0.12 : 0.05) ? 'yes' : 'no'}`);
    }
    const file = path.join(shop.root, 'campaign-results.csv');
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const imported = shop.nextDone<{ inserted: number }>('import.run');
    await shop.value('import.start', {
      file: chosen(shop.engine, file),
      kind: 'campaign_results',
      mapping: { Campaign: 'campaignId', 'Subject line': 'subject', Sent: 'sentDate', 'Customer ID': 'customerId', Clicked: 'clicked' },
      onError: 'reject',
    });
    await imported;
    const result = await generate({ brief: brief(), variants: 5, seed: 2 });
    expect(result.responseModel).toMatchObject({ status: 'trained', target: 'clicked', campaigns: 12 + 21 }); // and the demo's 21
    expect(result.responseModel.detail).toMatch(/leave-one-out error/);
    for (const v of result.variants) expect(v.reasons.some((r) => r.startsWith('Response model'))).toBe(true);
  });
});

describe('language model threads', () => {
  it('uses one thread for a small model or a two-core machine, else all cores but one (at most eight)', async () => {
    const { llmThreads } = await import('../../../src/engine/copy/generate-job');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-threads-'));
    const small = path.join(dir, 'small.gguf');
    const large = path.join(dir, 'large.gguf');
    fs.writeFileSync(small, Buffer.alloc(1024));
    fs.closeSync(fs.openSync(large, 'w'));
    fs.truncateSync(large, 200 * 2 ** 20); // sparse: no disk used
    expect(llmThreads(small, 16)).toBe(1);
    expect(llmThreads(large, 2)).toBe(1);
    expect(llmThreads(large, 4)).toBe(3);
    expect(llmThreads(large, 32)).toBe(8);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
