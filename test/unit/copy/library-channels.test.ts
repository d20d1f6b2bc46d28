import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudienceInsight, CopyFields, LibraryItem } from '../../../src/shared/copy-schemas';
import { demoEngine, type DemoEngine } from '../engine-helpers';

type Preview = { previews: Array<{ customerId: number; externalId: string; fields: CopyFields; fallbacks: string[] }>; unknownTokens: string[] };
type Listed = { items: LibraryItem[]; campaigns: Array<{ name: string; items: number; starred: number; lastSavedAt: string }> };

const brief = {
  channel: 'email',
  goal: 'win_back',
  tone: 'friendly',
  product: { name: 'Amber & Oak candle', price: 49, currency: 'EUR' },
  offer: { discountPercent: 20, code: 'SAVE20' },
};
const fields: CopyFields = {
  channel: 'email',
  subject: '{{firstName|Hello}}, we kept a candle for you',
  preheader: 'Take 20% off with SAVE20.',
  body: 'Hi {{firstName}}, your {{lastProduct|last order}} misses a friend in {{city}}. Take 20% off with SAVE20.\n\nUnsubscribe any time.',
};
const variant = { id: 'v-1', channel: 'email', framework: 'PAS', angle: 'nostalgia', fields, score: 64, reasons: [], checks: [], readingGrade: 6, engine: 'builtin' };

let shop: DemoEngine;
let nameless: number;
beforeAll(async () => {
  shop = await demoEngine({ customers: 300, seed: 12 });
  // Every demo customer has a name and orders: add one without either, as imports often have.
  const db = new Database(path.join(shop.root, 'ws', 'workspace.sqlite'));
  nameless = Number(db.prepare("INSERT INTO customers (external_id, email, created_at) VALUES ('NO-NAME', 'x@example.com', '2024-01-01')").run().lastInsertRowid);
  db.close();
});
afterAll(() => shop.close());

const errorOf = async (channel: string, input: unknown): Promise<{ code: string; message: string }> => {
  const reply = await shop.engine.invoke(channel, input);
  if (reply.ok) throw new Error(`${channel} succeeded`);
  return reply.error;
};

describe('copy.preview', () => {
  it('renders the copy for named customers, then one without a first name so the fallback shows', async () => {
    const result = await shop.value<Preview>('copy.preview', { fields, count: 3 });
    expect(result.unknownTokens).toEqual([]);
    expect(result.previews).toHaveLength(3);
    const [first, second, last] = result.previews as [Preview['previews'][0], Preview['previews'][0], Preview['previews'][0]];
    for (const p of [first, second]) {
      expect(p.fallbacks).toEqual([]);
      expect(p.fields.channel === 'email' && p.fields.subject).toMatch(/^\p{Lu}\p{L}+, we kept a candle for you$/u);
      expect(JSON.stringify(p.fields)).not.toContain('{{');
    }
    expect(last.customerId).toBe(nameless);
    expect(last.externalId).toBe('NO-NAME');
    expect(last.fallbacks).toEqual(['firstName', 'lastProduct', 'city']);
    expect(last.fields).toMatchObject({ subject: 'Hello, we kept a candle for you' });
    expect(last.fields.channel === 'email' && last.fields.body.split('\n')[0]).toBe('Hi, your last order misses a friend in. Take 20% off with SAVE20.');
    // The same customers every time.
    expect((await shop.value<Preview>('copy.preview', { fields, count: 3 })).previews.map((p) => p.customerId)).toEqual(result.previews.map((p) => p.customerId));
  });

  it('renders for chosen customers, lists unknown tokens, and refuses customers that do not exist', async () => {
    const sms: CopyFields = { channel: 'sms', text: 'Hi {{frstName}}, {{firstName}} from {{country}}. Reply STOP to opt out' };
    const result = await shop.value<Preview>('copy.preview', { fields: sms, customerIds: [1, nameless] });
    expect(result.unknownTokens).toEqual(['frstName']);
    expect(result.previews.map((p) => p.customerId)).toEqual([1, nameless]);
    expect(result.previews[0]?.fields).toMatchObject({ channel: 'sms', text: expect.stringMatching(/^Hi \{\{frstName\}\}, \p{Lu}\p{L}+ from [A-Z]/u) });
    expect(result.previews[1]?.fields).toMatchObject({ text: 'Hi {{frstName}}, from. Reply STOP to opt out' });
    const error = await errorOf('copy.preview', { fields: sms, customerIds: [1, 99_999] });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('99999');
  });

  it("previews on a segment's members", async () => {
    const segment = await shop.value<{ id: number }>('segments.create', { name: 'Frequent', rule: { field: 'orders', op: '>=', value: 4 } });
    const result = await shop.value<Preview>('copy.preview', { fields, segmentId: segment.id, count: 5 });
    expect(result.previews.length).toBeGreaterThan(0);
    for (const p of result.previews) {
      const why = await shop.value<{ met: boolean }>('segments.why', { rule: { field: 'orders', op: '>=', value: 4 }, customerId: p.customerId });
      expect(why.met).toBe(true);
    }
    expect((await errorOf('copy.preview', { fields, segmentId: 4242 })).code).toBe('not-found');
  });
});

describe('copy.audience and copy.reviews', () => {
  it('answers through the contract', async () => {
    const audience = await shop.value<AudienceInsight>('copy.audience', {});
    expect(audience.customers).toBe(301);
    expect(audience.praise.length).toBeGreaterThan(0);
    const reviews = await shop.value<{ reviews: Array<{ rating: number; customerId: string | null; product: string | null; text: string }> }>('copy.reviews', {
      sentiment: 'complaint',
      limit: 5,
    });
    expect(reviews.reviews.length).toBeGreaterThan(0);
    expect(reviews.reviews.length).toBeLessThanOrEqual(5);
    for (const r of reviews.reviews) {
      expect(r.rating).toBeLessThanOrEqual(2);
      expect(r.customerId).toMatch(/^C\d+/);
      expect(r.product).toEqual(expect.any(String));
    }
  });
});

describe('the copy library channels', () => {
  it('saves, lists, edits with history, stars, exports and deletes', async () => {
    const saved = await shop.value<LibraryItem>('copy.librarySave', { campaign: '  Win-back Q3 ', brief, variant });
    expect(saved).toMatchObject({ campaign: 'Win-back Q3', channel: 'email', score: 64, revisions: 0 });
    expect(saved.brief.network).toBe('x');

    const edited = await shop.value<LibraryItem>('copy.libraryUpdate', { id: saved.id, fields: { ...fields, body: 'Hi {{firstName}}, 35% off.' }, starred: true });
    expect(edited).toMatchObject({ starred: true, revisions: 1, score: null });
    expect(edited.checks.find((c) => c.name === 'facts')?.passed).toBe(false);

    const history = await shop.value<{ revisions: Array<{ revision: number; checksPassed: boolean }> }>('copy.libraryHistory', { id: saved.id });
    expect(history.revisions.map((r) => [r.revision, r.checksPassed])).toEqual([
      [2, false],
      [1, true],
    ]);

    const listed = await shop.value<Listed>('copy.libraryList', { starred: true });
    expect(listed.items.map((i) => i.id)).toEqual([saved.id]);
    expect(listed.campaigns).toEqual([{ name: 'Win-back Q3', items: 1, starred: 1, lastSavedAt: edited.updatedAt }]);

    const csv = await shop.value<{ fileName: string; content: string; items: number }>('copy.libraryExport', { format: 'csv', campaign: 'win-back q3' });
    expect(csv.items).toBe(1);
    expect(csv.fileName).toMatch(/^copy-library-win-back-q3-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(Papa.parse<Record<string, string>>(csv.content, { header: true, skipEmptyLines: true }).data[0]).toMatchObject({ body: 'Hi {{firstName}}, 35% off.', failed_checks: expect.stringContaining('facts') });

    expect((await errorOf('copy.librarySave', { campaign: '   ', brief, variant })).code).toBe('bad-input');
    expect((await errorOf('copy.libraryUpdate', { id: 777, note: 'x' })).code).toBe('not-found');
    expect(await shop.value('copy.libraryDelete', { id: saved.id })).toEqual({ deleted: true });
    expect(await shop.value('copy.libraryDelete', { id: saved.id })).toEqual({ deleted: false });
    expect(await shop.value('copy.libraryList', {})).toEqual({ items: [], campaigns: [] });
  });
});
