import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { tempDir, writeCsvHead } from '../helpers';

// model.tableColumns: what the model lab lists before training on a file (the outcome column and its values).
let engine: Engine;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  engine = await createEngine({ workspaceDir: path.join(dir, 'ws'), home: path.join(dir, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

describe('model.tableColumns', () => {
  it('lists every column with its distinct values and the most frequent ones with their counts', async () => {
    const adult = path.join(dir, 'adult-300.csv');
    writeCsvHead(path.resolve('test/data/adult/adult_sdgym_train.csv'), 300, adult);
    const reply = await engine.invoke('model.tableColumns', { file: engine.grantFile(adult, 'read').handle });
    if (!reply.ok) throw new Error(reply.error.message);
    const info = reply.value as { name: string; rows: number; columns: Array<{ name: string; distinct: number; values: Array<{ value: string; count: number }> }> };
    expect(info).toMatchObject({ name: 'adult-300.csv', rows: 300 });
    expect(info.columns).toHaveLength(15);
    const label = info.columns.find((c) => c.name === 'label');
    expect(label?.distinct).toBe(2);
    expect(label?.values.map((v) => v.value).sort()).toEqual(['<=50K', '>50K']);
    expect(label?.values.reduce((s, v) => s + v.count, 0)).toBe(300);
    expect(label?.values[0]?.count).toBeGreaterThanOrEqual(label?.values[1]?.count ?? 0);
    const fnlwgt = info.columns.find((c) => c.name === 'fnlwgt');
    expect(fnlwgt?.distinct).toBeGreaterThan(200);
    expect(fnlwgt?.values).toHaveLength(20);
  });

  it('refuses a path instead of a chosen file', async () => {
    const reply = await engine.invoke('model.tableColumns', { file: '/etc/passwd' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('bad-input');
  });
});
