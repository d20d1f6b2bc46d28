import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { segmentFields } from '../../../src/shared/segment-schemas';
import { tempDir } from '../helpers';
import { testWorkspace } from '../customers/helpers';

let engine: Engine;
let cleanup: () => void;
let disposeWs: () => void;

beforeAll(async () => {
  const tw = await testWorkspace({ customers: 300, seed: 9 });
  tw.db.close();
  disposeWs = tw.dispose;
  const home = tempDir('localyst-segments-channels-');
  cleanup = home.cleanup;
  engine = await createEngine({ workspaceDir: tw.dir, home: home.dir, create: false });
});
afterAll(async () => {
  await engine.close();
  cleanup();
  disposeWs();
});

const value = async (channel: string, input: unknown): Promise<Record<string, unknown>> => {
  const res = await engine.invoke(channel, input);
  if (!res.ok) throw new Error(`${channel}: ${res.error.message}`);
  return res.value as Record<string, unknown>;
};

describe('segments channels', () => {
  it('describes every field with its kind, unit and operators, and offers the pickers\u2019 values', async () => {
    const options = await value('segments.fields', {});
    const fields = options.fields as Array<{ field: string; kind: string; unit: string; ops: string[] }>;
    expect(fields.map((f) => f.field)).toEqual([...segmentFields]);
    expect(fields.find((f) => f.field === 'churnRisk')).toMatchObject({ kind: 'number', unit: 'probability' });
    expect(fields.find((f) => f.field === 'country')?.ops).toContain('contains');
    expect(options.countries).toContain('NL');
    expect((options.categories as string[]).length).toBeGreaterThan(3);
    expect((options.rfmSegments as string[]).length).toBeGreaterThan(3);
    expect((options.campaigns as Array<{ id: string; name: string }>)[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
  });

  it('explains a rule for one customer, and refuses an unknown customer', async () => {
    const rule = { any: [{ field: 'country', op: '=', value: 'NL' }, { not: { event: 'purchased', withinDays: 30 } }] };
    const tree = await value('segments.why', { rule, customerId: 1 });
    expect(tree.label).toBe('Any of these');
    const children = tree.children as Array<{ label: string; met: boolean; children?: Array<{ label: string }> }>;
    expect(children.map((c) => c.label)).toEqual(['Country is NL', 'Not']);
    expect(children[1]?.children?.[0]?.label).toBe('Bought anything in the last 30 days');
    const count = await value('segments.count', { rule: { all: [rule, { field: 'customerId', op: '=', value: 'C000001' }] } });
    expect(tree.met).toBe(count.count === 1);
    const missing = await engine.invoke('segments.why', { rule, customerId: 999_999 });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');
  });

  it('saves, edits, lists, gets with size history and deletes through the contract', async () => {
    const created = await value('segments.create', { name: 'Big spenders', rule: { field: 'revenue', op: '>=', value: 500 } });
    expect(created).toMatchObject({ kind: 'dynamic', source: 'rules', description: null });
    const edited = await value('segments.update', { id: created.id, rule: { field: 'revenue', op: '>=', value: 1000 } });
    expect(edited.count as number).toBeLessThanOrEqual(created.count as number);
    const got = await value('segments.get', { id: created.id });
    expect((got.sizeHistory as Array<{ reason: string; count: number }>).map((p) => [p.reason, p.count])).toEqual([
      ['created', created.count],
      ['edited', edited.count],
    ]);
    expect(((await value('segments.list', {})).segments as unknown[]).length).toBe(1);
    expect(await value('segments.delete', { id: created.id })).toEqual({ deleted: true });
    const gone = await engine.invoke('segments.get', { id: created.id });
    expect(gone.ok ? null : gone.error.code).toBe('not-found');
  });
});
