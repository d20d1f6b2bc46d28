import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobKind } from '../../../src/shared/contract';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';

// Segment sizes after an import are counted in a background job, so the engine keeps answering meanwhile.
let shop: DemoEngine;
let root: string;
const value = <T>(channel: string, input: unknown): Promise<T> => shop.value<T>(channel, input);
const nextDone = <T>(kind: JobKind): Promise<T> => shop.nextDone<T>(kind);

beforeAll(async () => {
  shop = await demoEngine({ customers: 800, seed: 3 });
  root = shop.root;
}, 120_000);
afterAll(() => shop.close());

describe('segment size history after an import', () => {
  it('is recorded by a segments.sizes job with the import’s number', async () => {
    const segment = await value<{ id: number; count: number }>('segments.create', { name: 'Repeat buyers', rule: { field: 'orders', op: '>=', value: 2 } });
    const orders = path.join(root, 'orders.csv');
    // A second order for a one-order customer: the segment grows by one.
    const single = (await value<{ rows: Array<{ customerId: string; orders: number }> }>('customers.page', {
      offset: 0,
      limit: 1,
      filters: [{ field: 'orders', op: 'equals', value: 1 }],
    })).rows[0];
    expect(single).toBeDefined();
    fs.writeFileSync(orders, `Order ID,Order date,Customer ID,SKU,Quantity,Unit price\nX-1,2026-11-01 10:00:00,${single?.customerId ?? ''},NEW-1,1,5\n`);
    const mapping = { 'Order ID': 'orderId', 'Order date': 'orderDate', 'Customer ID': 'customerId', SKU: 'sku', Quantity: 'quantity', 'Unit price': 'unitPrice' };
    const sizes = nextDone<{ segments: number }>('segments.sizes');
    const imported = nextDone<{ importId: number }>('import.run');
    await value('import.start', { file: chosen(shop.engine, orders), kind: 'orders', mapping, onError: 'reject' });
    const report = await imported;
    expect(await sizes).toEqual({ segments: 1 });
    const got = await value<{ sizeHistory: Array<{ reason: string; count: number }> }>('segments.get', { id: segment.id });
    expect(got.sizeHistory.map((p) => [p.reason, p.count])).toEqual([
      ['created', segment.count],
      [`import #${report.importId}`, segment.count + 1],
    ]);
  }, 120_000);
});
