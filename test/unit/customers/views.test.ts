import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { testWorkspace, type TestWorkspace } from './helpers';

let tw: TestWorkspace;
let engine: Engine;

beforeAll(async () => {
  tw = await testWorkspace();
  tw.db.close();
  engine = await createEngine({ workspaceDir: tw.dir, home: path.join(tw.dir, '..', 'home') });
});
afterAll(async () => {
  await engine.close();
  tw.dispose();
});

async function call(channel: 'views.list' | 'views.save' | 'views.delete', input: unknown): Promise<unknown> {
  const reply = await engine.invoke(channel, input);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

describe('saved views', () => {
  const view = {
    sort: [{ field: 'revenue', dir: 'desc' }],
    filters: [{ field: 'country', op: 'equals', value: 'NL' }, { field: 'orders', op: 'inRange', value: 2, valueTo: 5 }],
    quickSearch: 'jan',
  };

  it('round-trips a view: save, list, replace, delete', async () => {
    expect(await call('views.list', {})).toEqual({ views: [] });
    const saved = (await call('views.save', { name: 'Loyal Dutch', columns: ['customerId', 'revenue'], view })) as { updatedAt: string };
    expect(saved).toMatchObject({ name: 'Loyal Dutch', columns: ['customerId', 'revenue'], view });
    await call('views.save', { name: 'all', columns: ['customerId'], view: {} });
    const list = (await call('views.list', {})) as { views: Array<{ name: string; view: unknown; columns: string[] }> };
    expect(list.views.map((v) => v.name)).toEqual(['all', 'Loyal Dutch']);
    expect(list.views[1]).toEqual({ name: 'Loyal Dutch', columns: ['customerId', 'revenue'], view, updatedAt: saved.updatedAt });
    expect(list.views[0]?.view).toEqual({ sort: [], filters: [], quickSearch: '' });

    await call('views.save', { name: 'Loyal Dutch', columns: ['email'], view: { quickSearch: 'x' } });
    const replaced = (await call('views.list', {})) as { views: Array<{ name: string; columns: string[] }> };
    expect(replaced.views).toHaveLength(2);
    expect(replaced.views[1]?.columns).toEqual(['email']);

    expect(await call('views.delete', { name: 'Loyal Dutch' })).toEqual({ deleted: true });
    expect(await call('views.delete', { name: 'Loyal Dutch' })).toEqual({ deleted: false });
    expect(((await call('views.list', {})) as { views: unknown[] }).views).toHaveLength(1);
  });

  it('refuses a view without a name, without columns, or with an unknown column', async () => {
    for (const input of [
      { name: '  ', columns: ['email'], view: {} },
      { name: 'x', columns: [], view: {} },
      { name: 'x', columns: ['password'], view: {} },
      { name: 'x', columns: ['email'], view: { filters: [{ field: 'revenue', op: 'contains', value: 'a' }] } },
    ]) {
      const reply = await engine.invoke('views.save', input);
      expect(!reply.ok && reply.error.code, JSON.stringify(input)).toBe('bad-input');
    }
  });
});
