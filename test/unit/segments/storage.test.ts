import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAsOf } from '../../../src/engine/customers/customers-repo';
import { memberIdsSql } from '../../../src/engine/segments/compile';
import { countRule } from '../../../src/engine/segments/count';
import { exportSegment } from '../../../src/engine/segments/export';
import { createSegment, deleteSegment, getSegment, listSegments, segmentRule, updateSegment } from '../../../src/engine/segments/segments-repo';
import { recordSizesAfterImport } from '../../../src/engine/segments/sizes';
import { AppError } from '../../../src/shared/errors';
import type { SegmentRule } from '../../../src/shared/segment-schemas';
import { recordingControl } from '../demo/helpers';
import { addOddCustomers, scalar, testWorkspace, type TestWorkspace } from '../customers/helpers';

let tw: TestWorkspace;

beforeAll(async () => {
  tw = await testWorkspace({ customers: 800, seed: 21 });
  addOddCustomers(tw.db);
});
afterAll(() => tw.dispose());

const members = (rule: SegmentRule): number[] => {
  const q = memberIdsSql(rule, { asOf: readAsOf(tw.db) });
  return tw.db.prepare(q.sql).pluck().all(...q.params) as number[];
};
const thrown = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

const dutch: SegmentRule = { field: 'country', op: '=', value: 'NL' };
const base = { static: false, source: 'rules' as const };

describe('saved segments', () => {
  it('saves a dynamic segment, lists it with its size and starts its size history', () => {
    const saved = createSegment(tw.db, { ...base, name: 'Dutch customers', rule: dutch, description: 'Everyone in the Netherlands' });
    expect(saved).toMatchObject({ name: 'Dutch customers', kind: 'dynamic', source: 'rules', rule: dutch, count: members(dutch).length });
    expect(saved.count).toBeGreaterThan(0);
    expect(listSegments(tw.db).map((s) => s.name)).toContain('Dutch customers');
    const got = getSegment(tw.db, saved.id);
    expect(got.sizeHistory).toEqual([{ at: saved.createdAt, count: saved.count, reason: 'created' }]);
  });

  it('refuses a second segment of the same name, whatever its case', () => {
    const error = thrown(() => createSegment(tw.db, { ...base, name: 'DUTCH CUSTOMERS', rule: dutch }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/already exists/);
    expect(error.details).toMatchObject({ field: 'name' });
  });

  it('keeps a static segment\u2019s members while a dynamic one follows the data', () => {
    const rule: SegmentRule = { all: [dutch, { field: 'orders', op: '>=', value: 2 }] };
    const frozen = createSegment(tw.db, { ...base, static: true, name: 'Frozen Dutch buyers', rule });
    const live = createSegment(tw.db, { ...base, name: 'Live Dutch buyers', rule });
    const snapshot = members(rule);
    expect(frozen.count).toBe(snapshot.length);
    expect(scalar(tw.db, 'SELECT count(*) FROM segment_members WHERE segment_id = ?', frozen.id)).toBe(snapshot.length);

    const moved = snapshot.slice(0, 5);
    tw.db.prepare(`UPDATE customers SET country = 'BE' WHERE id IN (${moved.map(() => '?').join(',')})`).run(...moved);
    expect(getSegment(tw.db, frozen.id).count).toBe(snapshot.length);
    expect(getSegment(tw.db, live.id).count).toBe(snapshot.length - 5);
    expect(members(segmentRule(tw.db, { id: frozen.id }))).toEqual(snapshot);
    expect(segmentRule(tw.db, { id: live.id })).toEqual(rule);
    expect(segmentRule(tw.db, { rule: dutch })).toEqual(dutch);

    // Erasing a customer removes them from every snapshot.
    tw.db.prepare('DELETE FROM customers WHERE id = ?').run(snapshot[10]);
    expect(getSegment(tw.db, frozen.id).count).toBe(snapshot.length - 1);
  });

  it('records edits of the rule, re-takes a static snapshot, and renames without clashes', () => {
    const frozen = listSegments(tw.db).find((s) => s.name === 'Frozen Dutch buyers');
    if (!frozen) throw new Error('missing');
    const rule: SegmentRule = { field: 'country', op: '=', value: 'BE' };
    const edited = updateSegment(tw.db, { id: frozen.id, rule, name: 'Frozen Belgians' });
    expect(edited).toMatchObject({ name: 'Frozen Belgians', rule, count: members(rule).length, kind: 'static' });
    expect(getSegment(tw.db, frozen.id).sizeHistory.map((p) => p.reason)).toEqual(['created', 'edited']);
    const renamed = updateSegment(tw.db, { id: frozen.id, description: 'Now Belgian' });
    expect(renamed.description).toBe('Now Belgian');
    expect(getSegment(tw.db, frozen.id).sizeHistory).toHaveLength(2);
    expect(thrown(() => updateSegment(tw.db, { id: frozen.id, name: 'live dutch BUYERS' })).code).toBe('conflict');
    expect(thrown(() => updateSegment(tw.db, { id: 9999, name: 'x' })).code).toBe('not-found');
  });

  it('appends every segment\u2019s size after an import that changed data, and only then', () => {
    const before = listSegments(tw.db).map((s) => getSegment(tw.db, s.id).sizeHistory.length);
    recordSizesAfterImport(tw.db, { outcome: 'unchanged', importId: 3 });
    recordSizesAfterImport(tw.db, { outcome: 'imported', importId: 7 });
    const after = listSegments(tw.db).map((s) => getSegment(tw.db, s.id));
    expect(after.map((s) => s.sizeHistory.length)).toEqual(before.map((n) => n + 1));
    for (const s of after) expect(s.sizeHistory.at(-1)).toMatchObject({ reason: 'import #7', count: s.count });
  });

  it('exports a segment\u2019s members masked and spreadsheet-safe, like the customers export', () => {
    const live = listSegments(tw.db).find((s) => s.name === 'Live Dutch buyers');
    if (!live) throw new Error('missing');
    const file = path.join(tw.dir, 'live.csv');
    const result = exportSegment(tw.db, { segmentId: live.id, columns: ['customerId', 'name', 'email', 'city', 'revenue'], reveal: false, file }, recordingControl());
    expect(result).toEqual({ file, fileName: 'live.csv', rows: live.count });
    const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').trimEnd(), { newline: '\r\n' });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(['customerId', 'name', 'email', 'city', 'revenue']);
    expect(rows).toHaveLength(live.count);
    const realEmails = new Set(tw.db.prepare('SELECT email FROM customers WHERE email IS NOT NULL').pluck().all() as string[]);
    expect(rows.filter((r) => realEmails.has(r[2] ?? ''))).toEqual([]);
    expect(rows.every((r) => !/^[=+@]/.test(r.join('')))).toBe(true);
    expect(scalar(tw.db, "SELECT count(*) FROM audit_log WHERE action = 'segments.exported'")).toBe(0);
    exportSegment(tw.db, { segmentId: live.id, columns: ['email'], reveal: true, file }, recordingControl());
    expect(scalar(tw.db, "SELECT count(*) FROM audit_log WHERE action = 'segments.exported'")).toBe(1);
  });

  it('deletes a segment with its snapshot and history', () => {
    const frozen = listSegments(tw.db).find((s) => s.kind === 'static');
    if (!frozen) throw new Error('missing');
    expect(deleteSegment(tw.db, frozen.id)).toBe(true);
    expect(deleteSegment(tw.db, frozen.id)).toBe(false);
    expect(scalar(tw.db, 'SELECT count(*) FROM segment_members WHERE segment_id = ?', frozen.id)).toBe(0);
    expect(scalar(tw.db, 'SELECT count(*) FROM segment_sizes WHERE segment_id = ?', frozen.id)).toBe(0);
    expect(thrown(() => getSegment(tw.db, frozen.id)).code).toBe('not-found');
    expect(thrown(() => segmentRule(tw.db, { id: frozen.id })).code).toBe('not-found');
  });

  it('gives shares of customers and revenue that add up over a rule and its negation', () => {
    const rule: SegmentRule = { event: 'purchased', withinDays: 90 };
    const yes = countRule(tw.db, rule, readAsOf(tw.db));
    const no = countRule(tw.db, { not: rule }, readAsOf(tw.db));
    expect(yes.count + no.count).toBe(yes.totalCustomers);
    expect(yes.shareCustomers + no.shareCustomers).toBeCloseTo(1, 12);
    expect(yes.shareRevenue + no.shareRevenue).toBeCloseTo(1, 9);
    expect(yes.shareRevenue).toBeGreaterThan(yes.shareCustomers);
  });
});
