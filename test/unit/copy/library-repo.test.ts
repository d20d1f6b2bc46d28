import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteLibraryItem,
  exportLibrary,
  getLibraryItem,
  libraryHistory,
  listLibrary,
  saveToLibrary,
  updateLibraryItem,
} from '../../../src/engine/copy/library-repo';
import { briefSchema, type CopyFields, type Variant } from '../../../src/shared/copy-schemas';
import { AppError } from '../../../src/shared/errors';
import { testWorkspace, type TestWorkspace } from '../customers/helpers';

const brief = briefSchema.parse({
  channel: 'email',
  goal: 'promotion',
  tone: 'friendly',
  product: { name: 'Amber & Oak candle', benefits: ['Burns for 60 hours'], price: 49, currency: 'EUR' },
  offer: { discountPercent: 20, code: 'SAVE20', endsOn: '2026-12-24' },
  brand: { name: 'Lumen & Co', bannedWords: ['cheap'] },
});

const goodEmail: CopyFields = {
  channel: 'email',
  subject: '20% off the Amber & Oak candle',
  preheader: 'Burns for 60 hours. Code SAVE20 until 24 December.',
  body: 'Our Amber & Oak candle burns for 60 hours. Take 20% off with SAVE20 until 24 December.\n\nUnsubscribe any time.',
};

function variant(fields: CopyFields = goodEmail, extra: Partial<Variant> = {}): Variant {
  return {
    id: 'v-test',
    channel: fields.channel,
    framework: 'AIDA',
    angle: 'loss aversion',
    fields,
    score: 72.5,
    reasons: ['clear offer'],
    checks: [],
    readingGrade: 5,
    engine: 'builtin',
    ...extra,
  };
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
};

let tw: TestWorkspace;
beforeEach(async () => {
  tw = await testWorkspace();
});
afterEach(() => tw.dispose());

describe('saving and listing', () => {
  it('saves a variant with its brief, runs its checks, and lists it under its campaign', () => {
    const item = saveToLibrary(tw.db, { campaign: 'Spring sale', brief, variant: variant() });
    expect(item).toMatchObject({ campaign: 'Spring sale', channel: 'email', framework: 'AIDA', angle: 'loss aversion', score: 72.5, starred: false, note: '', revisions: 0 });
    expect(item.fields).toEqual(goodEmail);
    expect(item.brief).toEqual(brief);
    // The variant came with no checks: the library ran them on the saved text.
    expect(item.checks.length).toBeGreaterThan(3);
    expect(item.checks.every((c) => c.passed)).toBe(true);

    saveToLibrary(tw.db, { campaign: 'spring SALE', brief, variant: variant({ channel: 'sms', text: 'Lumen & Co: 20% off with SAVE20. Reply STOP to opt out' }) });
    saveToLibrary(tw.db, { campaign: 'Winter', brief, variant: variant() });
    const listed = listLibrary(tw.db, {});
    expect(listed.items).toHaveLength(3);
    // Campaign names compare without case: the second item joined "Spring sale" under its spelling.
    expect(listed.campaigns.map((c) => [c.name, c.items, c.starred])).toEqual(
      expect.arrayContaining([
        ['Spring sale', 2, 0],
        ['Winter', 1, 0],
      ]),
    );
    expect(listed.campaigns).toHaveLength(2);
    expect(listLibrary(tw.db, { campaign: 'SPRING SALE' }).items.map((i) => i.campaign)).toEqual(['Spring sale', 'Spring sale']);
    expect(listLibrary(tw.db, { channel: 'sms' }).items.map((i) => i.channel)).toEqual(['sms']);
  });

  it('refuses a variant whose text is for another channel', () => {
    expect(codeOf(() => saveToLibrary(tw.db, { campaign: 'X', brief, variant: { ...variant(), channel: 'sms' } }))).toBe('bad-input');
  });
});

describe('editing', () => {
  it('checks an edit against the saved brief, keeps the old text as a revision, and clears the score', () => {
    const saved = saveToLibrary(tw.db, { campaign: 'Spring sale', brief, variant: variant() });
    const edited: CopyFields = { ...goodEmail, subject: 'Cheap candles: 35% off today', body: 'No way out.' };
    const item = updateLibraryItem(tw.db, { id: saved.id, fields: edited });
    expect(item.fields).toEqual(edited);
    expect(item.revisions).toBe(1);
    expect(item.score).toBeNull();
    const failed = item.checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual(expect.arrayContaining(['banned-words', 'facts', 'unsubscribe-line']));

    const again = updateLibraryItem(tw.db, { id: saved.id, fields: goodEmail });
    expect(again.revisions).toBe(2);
    expect(again.checks.every((c) => c.passed)).toBe(true);

    const history = libraryHistory(tw.db, saved.id).revisions;
    expect(history.map((r) => [r.revision, r.checksPassed])).toEqual([
      [3, true],
      [2, false],
      [1, true],
    ]);
    expect(history[0]?.fields).toEqual(goodEmail);
    expect(history[1]?.fields).toEqual(edited);
    expect(history[2]?.fields).toEqual(goodEmail);
  });

  it('adds no revision when the text did not change', () => {
    const saved = saveToLibrary(tw.db, { campaign: 'A', brief, variant: variant() });
    const item = updateLibraryItem(tw.db, { id: saved.id, fields: { ...goodEmail } });
    expect(item.revisions).toBe(0);
    expect(item.score).toBe(72.5);
    expect(libraryHistory(tw.db, saved.id).revisions).toHaveLength(1);
  });

  it('refuses an edit into another channel and an unknown id', () => {
    const saved = saveToLibrary(tw.db, { campaign: 'A', brief, variant: variant() });
    expect(codeOf(() => updateLibraryItem(tw.db, { id: saved.id, fields: { channel: 'sms', text: 'hi' } }))).toBe('bad-input');
    expect(codeOf(() => updateLibraryItem(tw.db, { id: 9999, starred: true }))).toBe('not-found');
    expect(codeOf(() => libraryHistory(tw.db, 9999))).toBe('not-found');
    expect(getLibraryItem(tw.db, saved.id).revisions).toBe(0);
  });

  it('stars, notes and moves an item to another campaign', () => {
    const a = saveToLibrary(tw.db, { campaign: 'Spring sale', brief, variant: variant() });
    saveToLibrary(tw.db, { campaign: 'Winter', brief, variant: variant() });
    const starred = updateLibraryItem(tw.db, { id: a.id, starred: true, note: 'Send to the VIPs first' });
    expect(starred).toMatchObject({ starred: true, note: 'Send to the VIPs first', revisions: 0 });
    expect(listLibrary(tw.db, { starred: true }).items.map((i) => i.id)).toEqual([a.id]);
    expect(listLibrary(tw.db, {}).campaigns.find((c) => c.name === 'Spring sale')?.starred).toBe(1);

    const moved = updateLibraryItem(tw.db, { id: a.id, campaign: 'winter' });
    expect(moved.campaign).toBe('Winter');
    const campaigns = listLibrary(tw.db, {}).campaigns;
    expect(campaigns.map((c) => [c.name, c.items, c.starred])).toEqual([['Winter', 2, 1]]);
    expect(updateLibraryItem(tw.db, { id: a.id, starred: false }).starred).toBe(false);
  });
});

describe('deleting', () => {
  it('deletes an item with its history and says whether there was one', () => {
    const a = saveToLibrary(tw.db, { campaign: 'A', brief, variant: variant() });
    updateLibraryItem(tw.db, { id: a.id, fields: { ...goodEmail, subject: 'New subject' } });
    expect(deleteLibraryItem(tw.db, a.id)).toBe(true);
    expect(deleteLibraryItem(tw.db, a.id)).toBe(false);
    expect(listLibrary(tw.db, {})).toEqual({ items: [], campaigns: [] });
    expect(tw.db.prepare('SELECT count(*) FROM copy_library_revisions').pluck().get()).toBe(0);
  });
});

describe('export', () => {
  const hostile: CopyFields = { channel: 'email', subject: '=HYPERLINK("http://evil.example","x")', preheader: '+1 for you, "quoted"', body: '-20% today\r\n@everyone, line two' };

  it('writes CSV that parses back to the same rows, with formula-like cells defused', () => {
    const a = saveToLibrary(tw.db, { campaign: 'Spring sale', brief, variant: variant(hostile, { angle: '@mention' }) });
    const b = saveToLibrary(tw.db, {
      campaign: 'Spring sale',
      brief,
      variant: variant({ channel: 'search_ad', headlines: ['Amber & Oak candle', '20% off'], descriptions: ['Burns for 60 hours.'] }),
    });
    updateLibraryItem(tw.db, { id: a.id, starred: true, note: '=cmd|"/c calc"!A1' });
    saveToLibrary(tw.db, { campaign: 'Other', brief, variant: variant() });

    const out = exportLibrary(tw.db, { format: 'csv', campaign: 'spring sale' }, new Date(2026, 2, 5, 10, 0));
    expect(out).toMatchObject({ fileName: 'copy-library-spring-sale-2026-03-05.csv', mimeType: 'text/csv;charset=utf-8', items: 2 });
    const parsed = Papa.parse<Record<string, string>>(out.content, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(2);
    const [rowA, rowB] = parsed.data as [Record<string, string>, Record<string, string>];
    expect(rowA).toMatchObject({
      id: String(a.id),
      campaign: 'Spring sale',
      channel: 'email',
      angle: "'@mention",
      starred: 'true',
      score: '72.5',
      subject: `'${hostile.subject}`,
      preheader: `'${hostile.preheader}`,
      body: `'${hostile.body}`,
      note: '\'=cmd|"/c calc"!A1',
      headline_1: '',
    });
    expect(rowB).toMatchObject({ id: String(b.id), channel: 'search_ad', headline_1: 'Amber & Oak candle', headline_2: '20% off', description_1: 'Burns for 60 hours.', subject: '' });
    // No cell a spreadsheet would run: every one starting with = + - @ is defused.
    for (const row of parsed.data) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(parsed.meta.fields?.slice(0, 3)).toEqual(['id', 'campaign', 'channel']);
  });

  it('writes JSON with the items, their text and checks, filtered by id or star', () => {
    const a = saveToLibrary(tw.db, { campaign: 'A', brief, variant: variant() });
    const b = saveToLibrary(tw.db, { campaign: 'B', brief, variant: variant(hostile) });
    updateLibraryItem(tw.db, { id: b.id, starred: true });
    const byIds = exportLibrary(tw.db, { format: 'json', ids: [b.id, 12345] });
    expect(byIds).toMatchObject({ mimeType: 'application/json', items: 1 });
    expect(byIds.fileName).toMatch(/^copy-library-all-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(byIds.content) as { exportedAt: string; items: Array<{ id: number; fields: CopyFields; checks: unknown[]; brief: unknown }> };
    expect(doc.items.map((i) => i.id)).toEqual([b.id]);
    expect(doc.items[0]?.fields).toEqual(hostile);
    expect(doc.items[0]?.checks).toEqual(getLibraryItem(tw.db, b.id).checks);
    expect(doc.items[0]?.brief).toEqual(brief);
    expect((JSON.parse(exportLibrary(tw.db, { format: 'json', starred: false }).content) as { items: Array<{ id: number }> }).items.map((i) => i.id)).toEqual([a.id]);
    expect(exportLibrary(tw.db, { format: 'csv', campaign: 'Nobody' })).toMatchObject({ items: 0 });
  });
});
