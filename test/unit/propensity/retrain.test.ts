import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobKind } from '../../../src/shared/contract';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';
import type { ModelJobResult } from '../../../src/shared/model-schemas';

// Through the engine's channels and real job workers, as the model lab and Settings use them.
let shop: DemoEngine;
let root: string;
const value = <T>(channel: string, input: unknown): Promise<T> => shop.value<T>(channel, input);
const nextDone = <T>(kind: JobKind): Promise<T> => shop.nextDone<T>(kind);

beforeAll(async () => {
  shop = await demoEngine({ customers: 1500, seed: 2 });
  root = shop.root;
}, 120_000);
afterAll(() => shop.close());

describe('retrain after each import', () => {
  it('trains a new version of the active churn model when an import changed data, and only when switched on', async () => {
    const first = nextDone<ModelJobResult>('model.train');
    await value('models.train', { target: 'churn', horizonDays: 60, folds: 2, seed: 1 });
    expect((await first).version).toBe(1);

    const orders = path.join(root, 'new-orders.csv');
    fs.writeFileSync(orders, 'Order ID,Order date,Customer ID,SKU,Quantity,Unit price\nX-1,2026-11-01 10:00:00,C000001,NEW-1,2,9.95\n');
    const mapping = { 'Order ID': 'orderId', 'Order date': 'orderDate', 'Customer ID': 'customerId', SKU: 'sku', Quantity: 'quantity', 'Unit price': 'unitPrice' };

    // Off (the default): an import starts no training.
    let started = 0;
    const off = shop.engine.onEvent((event, payload) => {
      if (event === 'job.started' && (payload as { kind: JobKind }).kind === 'model.train') started++;
    });
    const imported = nextDone('import.run');
    await value('import.start', { file: chosen(shop.engine, orders), kind: 'orders', mapping, onError: 'reject' });
    await imported;
    expect(started).toBe(0);

    // On: the next import that changes data retrains the active model with its settings.
    await value('settings.update', { retrainAfterImport: true });
    expect((await value<{ retrainAfterImport: boolean }>('models.options', {})).retrainAfterImport).toBe(true);
    fs.writeFileSync(orders, 'Order ID,Order date,Customer ID,SKU,Quantity,Unit price\nX-2,2026-11-02 10:00:00,C000002,NEW-1,1,9.95\n');
    const retrained = nextDone<ModelJobResult>('model.train');
    const second = nextDone('import.run');
    await value('import.start', { file: chosen(shop.engine, orders), kind: 'orders', mapping, onError: 'reject' });
    await second;
    const result = await retrained;
    off();
    expect(started).toBe(1);
    expect(result.version).toBe(2);
    expect(result.card.dataWindow.horizonDays).toBe(60);
    expect(result.card.propensity?.aucFolds).toHaveLength(2);
    const models = (await value<{ models: Array<{ kind: string; version: number; active: boolean }> }>('models.list', {})).models;
    expect(models.filter((m) => m.kind === 'churn').map((m) => [m.version, m.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  }, 240_000);
});
