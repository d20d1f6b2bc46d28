import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobKind } from '../../../src/shared/contract';
import { synthTrainInputSchema, type SynthColumns } from '../../../src/shared/synth-schemas';
import type { EngineContext } from '../../../src/engine/kernel/context';
import { synthHandlers } from '../../../src/engine/synth/handlers';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';
import { customerTable, toCsv } from './table';

// The synthetic twin's channels through a real engine, as far as they go without a trained model.
let shop: DemoEngine;
let csv: string;

beforeAll(async () => {
  shop = await demoEngine({ customers: 120, seed: 2 });
  csv = path.join(shop.root, 'people.csv');
  fs.writeFileSync(csv, toCsv(customerTable(80)));
});
afterAll(async () => {
  await shop.close();
});

const error = async (channel: string, input: unknown): Promise<{ code: string; message: string }> => {
  const reply = await shop.engine.invoke(channel, input);
  if (reply.ok) throw new Error(`${channel} should have failed`);
  return reply.error;
};

describe('synth channels', () => {
  it('synth.columns: the roles of a chosen file, with no examples of personal data', async () => {
    const info = await shop.value<SynthColumns>('synth.columns', { source: { kind: 'file', file: chosen(shop.engine, csv) } });
    expect(info).toMatchObject({ source: 'people.csv', rows: 80 });
    expect(info.columns.find((c) => c.name === 'email')).toMatchObject({ role: 'pii', examples: [] });
    expect(JSON.stringify(info)).not.toContain('@example.com');
  });

  it('synth.columns: the customer feature table and the imported tables of the workspace', async () => {
    const features = await shop.value<SynthColumns>('synth.columns', { source: { kind: 'customer-features' } });
    expect(features.rows).toBe(120);
    const role = Object.fromEntries(features.columns.map((c) => [c.name, c.role]));
    expect(role).toMatchObject({ frequency: 'numeric', monetary: 'numeric', country: 'categorical', last_order_at: 'datetime' });
    const customers = await shop.value<SynthColumns>('synth.columns', { source: { kind: 'table', table: 'customers' } });
    const people = Object.fromEntries(customers.columns.map((c) => [c.name, c.role]));
    expect(people).toMatchObject({ email: 'pii', first_name: 'pii', last_name: 'pii', phone: 'pii', country: 'categorical' });
    const orders = await shop.value<SynthColumns>('synth.columns', { source: { kind: 'table', table: 'orders' } });
    expect(orders.columns.find((c) => c.name === 'value')?.role).toBe('numeric');
  });

  it('lists no model yet, and says plainly what is missing', async () => {
    expect(await shop.value('synth.list', {})).toEqual({ models: [] });
    expect((await error('synth.get', { id: 3 })).code).toBe('not-found');
    expect(await shop.value('synth.delete', { id: 3 })).toEqual({ deleted: false });
    expect((await error('synth.sample', { rows: 10 })).message).toMatch(/No synthetic twin has been trained/);
    expect((await error('synth.workspace', { name: 'twin', rows: 10 })).message).toMatch(/No synthetic twin has been trained/);
  });

  it('refuses a column the source does not have (in the job, by name)', async () => {
    const done = new Promise<{ code: string; message: string }>((resolve) => {
      const off = shop.engine.onEvent((event, payload) => {
        const p = payload as { kind?: string; error?: { code: string; message: string } };
        if (event === 'job.failed' && p.kind === 'synth.train') {
          off();
          resolve(p.error as { code: string; message: string });
        }
      });
    });
    await shop.value('synth.train', { source: { kind: 'file', file: chosen(shop.engine, csv) }, columns: [{ name: 'ages', role: 'numeric' }], methods: ['copula'] });
    expect((await done).message).toMatch(/There is no column "ages"/);
  });
});

describe('synth.train beside other jobs', () => {
  const ctxWith = (running: JobKind[]): { ctx: EngineContext; started: string[] } => {
    const started: string[] = [];
    const jobs = { activeKinds: () => running, start: (kind: string) => (started.push(kind), { id: 'job-1' }) };
    return { ctx: { jobs } as unknown as EngineContext, started };
  };
  const input = synthTrainInputSchema.parse({ source: { kind: 'customer-features' }, columns: [{ name: 'frequency', role: 'numeric' }] });

  it('starts while the review analysis runs (it only reads until it writes its own table)', () => {
    const { ctx, started } = ctxWith(['reviews.analyze']);
    expect(synthHandlers['synth.train'](input, ctx)).toEqual({ jobId: 'job-1' });
    expect(started).toEqual(['synth.train']);
  });

  it('waits for an import or another training, with a plain conflict', () => {
    const { ctx, started } = ctxWith(['import.run']);
    expect(() => synthHandlers['synth.train'](input, ctx)).toThrow(/A job is running/);
    expect(started).toEqual([]);
  });
});
