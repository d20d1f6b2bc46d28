import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEngine, type DemoEngine } from '../engine-helpers';
import { all } from './helpers';
import Database from 'better-sqlite3-multiple-ciphers';

type Entry = { action: string; subject: string | null; detail_json: string | null };

describe('filters, sorts and searches on masked columns are audited like a reveal', () => {
  let demo: DemoEngine;
  beforeAll(async () => {
    demo = await demoEngine({ customers: 200, seed: 5 });
  });
  afterAll(() => demo.close());

  /** The audit log as it stands, read beside the engine. */
  const audit = (): Entry[] => {
    const db = new Database(path.join(demo.root, 'ws', 'workspace.sqlite'), { readonly: true });
    try {
      return all<Entry>(db, "SELECT action, subject, detail_json FROM audit_log WHERE action = 'customers.masked-query' ORDER BY id");
    } finally {
      db.close();
    }
  };
  const page = (view: Record<string, unknown>, offset = 0) => demo.value<{ total: number }>('customers.page', { sort: [], filters: [], quickSearch: '', ...view, offset, limit: 50 });

  it('records `email startsWith "a"` with field, operator and the number matched, never the text', async () => {
    const before = audit().length;
    const result = await page({ filters: [{ field: 'email', op: 'startsWith', value: 'aq' }] });
    const entries = audit();
    expect(entries).toHaveLength(before + 1);
    const detail = JSON.parse(entries.at(-1)?.detail_json ?? 'null') as Record<string, unknown>;
    expect(detail).toEqual({ where: 'explorer', filters: [{ field: 'email', op: 'startsWith' }], sort: [], quickSearch: false, matched: result.total });
    expect(entries.at(-1)?.detail_json).not.toContain('aq');
  });

  it('records a quick search and a sort by name once per query, not for each page scrolled', async () => {
    const before = audit().length;
    await page({ quickSearch: 'zz-nobody', sort: [{ field: 'name', dir: 'asc' }] });
    await page({ quickSearch: 'zz-nobody', sort: [{ field: 'name', dir: 'asc' }] }, 50);
    const entries = audit();
    expect(entries).toHaveLength(before + 1);
    expect(JSON.parse(entries.at(-1)?.detail_json ?? 'null')).toMatchObject({ sort: ['name'], quickSearch: true });
    expect(entries.at(-1)?.detail_json).not.toContain('zz-nobody');
  });

  it('answers Count all with the exact number, and records it like the page (the search stays unsaid)', async () => {
    const before = audit().length;
    const view = { sort: [], filters: [], quickSearch: 'example' };
    const shown = await page(view);
    const counted = await demo.value<{ total: number }>('customers.count', { view });
    expect(counted.total).toBe(shown.total);
    expect(counted.total).toBeGreaterThan(0);
    const entries = audit();
    expect(entries).toHaveLength(before + 2);
    expect(JSON.parse(entries.at(-1)?.detail_json ?? 'null')).toEqual({ where: 'explorer', filters: [], sort: [], quickSearch: true, matched: counted.total });
    expect(entries.at(-1)?.detail_json).not.toContain('example');
  });

  it('does not record queries that touch no masked column', async () => {
    const before = audit().length;
    await page({ filters: [{ field: 'country', op: 'equals', value: 'NL' }], sort: [{ field: 'revenue', dir: 'desc' }] });
    expect(audit()).toHaveLength(before);
  });

  it('records a masked export selected by a masked filter', async () => {
    const before = audit().length;
    const done = demo.nextDone('customers.export');
    await demo.value('customers.export', { view: { sort: [], filters: [{ field: 'phone', op: 'contains', value: '12' }], quickSearch: '' }, columns: ['customerId'], reveal: false });
    await done;
    expect(JSON.parse(audit().at(-1)?.detail_json ?? 'null')).toMatchObject({ where: 'export', filters: [{ field: 'phone', op: 'contains' }] });
    expect(audit()).toHaveLength(before + 1);
  });

  it('segment rules cannot name e-mail, phone or name at all', async () => {
    const rule = (field: string) => ({ rule: { all: [{ field, op: '=', value: 'a@example.com' }] } });
    expect(await demo.engine.invoke('segments.count', rule('customerId'))).toMatchObject({ ok: true });
    for (const field of ['email', 'phone', 'name']) {
      const reply = await demo.engine.invoke('segments.count', rule(field));
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    }
  });
});

describe('an audit entry is not a data change', () => {
  it('keeps the remembered pages after a masked query is audited, and drops them after a real change', async () => {
    const { testWorkspace } = await import('./helpers');
    const { pageMemo } = await import('../../../src/engine/customers/page-memo');
    const { auditMaskedQuery } = await import('../../../src/engine/customers/privacy-repo');
    const tw = await testWorkspace();
    try {
      const memo = pageMemo(tw.db, 'view');
      auditMaskedQuery(tw.db, { sort: [], filters: [{ field: 'email', op: 'startsWith', value: 'a' }], quickSearch: '' }, 'explorer', 0);
      expect(pageMemo(tw.db, 'view')).toBe(memo);
      tw.db.prepare("INSERT INTO settings (key, value_json) VALUES ('currency', '\"USD\"')").run();
      expect(pageMemo(tw.db, 'view')).not.toBe(memo);
    } finally {
      tw.dispose();
    }
  });
});
