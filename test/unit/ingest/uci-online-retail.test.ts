import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import type { EventName } from '../../../src/shared/contract';
import type { ImportReport, InspectResult } from '../../../src/shared/import-schemas';
import { LARGE_DATA } from '../data-paths';
import { contentDigest, tempDir } from '../helpers';

/** The whole UCI Online Retail file (541,909 rows) through the engine's channels and a real job worker. */
const FILE = path.join(LARGE_DATA, 'online-retail', 'online_retail.csv.gz');
const PRESENT = fs.existsSync(FILE);
// One line in the output when the large file is not there (LOCALYST_DATA names its folder).
if (!PRESENT) console.warn(`Skipped: the UCI Online Retail tests need ${FILE} (set LOCALYST_DATA to the folder holding online-retail/).`);

let engine: Engine;
let root: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir());
  engine = await createEngine({ workspaceDir: path.join(root, 'ws'), home: path.join(root, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

async function value<T>(channel: string, input: unknown): Promise<T> {
  const reply = await engine.invoke(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

async function importWhole(mapping: Record<string, string>): Promise<{ report: ImportReport; progress: number }> {
  let progress = 0;
  const ended = new Promise<ImportReport>((resolve, reject) => {
    const off = engine.onEvent((event: EventName, payload) => {
      if (event === 'job.progress') progress += 1;
      if (event === 'job.done') {
        off();
        resolve((payload as { result: ImportReport }).result);
      }
      if (event === 'job.failed') {
        off();
        reject(new Error(JSON.stringify(payload)));
      }
    });
  });
  await value('import.start', { file: engine.grantFile(FILE, 'read').handle, kind: 'orders', mapping, onError: 'reject' });
  return { report: await ended, progress };
}

describe.skipIf(!PRESENT)('UCI Online Retail, the whole file', () => {
  it('is recognised and mapped with no manual step', async () => {
    const info = await value<InspectResult>('import.inspect', { file: engine.grantFile(FILE, 'read').handle });
    expect(info.preset?.id).toBe('uci-online-retail');
    expect(info.kind).toBe('orders');
    expect(info.detected).toMatchObject({ format: 'csv', compressed: true, encoding: 'utf-8', delimiter: ',', dateFormat: 'yyyy-MM-dd HH:mm:ss' });
  });

  it('imports to the published figures, and a second import changes nothing', async () => {
    const info = await value<InspectResult>('import.inspect', { file: engine.grantFile(FILE, 'read').handle });
    const { report, progress } = await importWhole(info.mapping);
    expect(report).toMatchObject({ outcome: 'imported', rows: 541_909, inserted: 541_909, rejected: 0 });
    expect(progress).toBeGreaterThan(3);
    const stats = await value<Record<string, number>>('workspace.stats', {});
    expect(stats).toMatchObject({
      orders: 25_900,
      returns: 3_836,
      customers: 4_372,
      products: 4_070,
      orderLines: 541_909,
      linesWithoutCustomer: 135_080,
      revenue: 10_666_684.54,
    });
    const dbFile = path.join(engine.workspaceDir(), 'workspace.sqlite');
    // The job log records that an import ran; every record of the shop stays as it was.
    const before = contentDigest(dbFile, { except: ['jobs'] });
    const again = await importWhole(info.mapping);
    expect(again.report).toMatchObject({ outcome: 'unchanged', alreadyImported: true, inserted: 0, updated: 0, unchanged: 541_909 });
    expect(contentDigest(dbFile, { except: ['jobs'] })).toBe(before);
    const history = await value<{ imports: unknown[] }>('import.history', {});
    expect(history.imports).toHaveLength(1);
  }, 180_000);
});
