import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine';
import type { InspectResult } from '../../../src/shared/import-schemas';
import { LARGE_DATA } from '../data-paths';
import { invokeValue, jobsSettled, nextJobDone } from '../engine-helpers';
import { runCli, sha256File, tempDir } from '../helpers';
import { filesUnder, plainHits, settled } from './plain-bytes';

const cli = runCli;

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('localyst workspace … on the command line', () => {
  it('creates an encrypted workspace, imports into it with LOCALYST_PASSPHRASE, refuses a wrong one, and reports encrypted', () => {
    const home = path.join(dir, 'home');
    const ws = path.join(dir, 'ws');
    const pass = { LOCALYST_PASSPHRASE: 'orchard lantern eleven' };
    const made = cli(['workspace', 'create', '--encrypt', '--workspace', ws, '--json'], home, pass);
    expect(made.code).toBe(0);
    expect(made.json).toMatchObject({ encrypted: true, recoveryKey: expect.stringMatching(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/) });
    const csv = path.join(dir, 'orders.csv');
    fs.writeFileSync(
      csv,
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n' +
        '900001,A1,CERULEAN WOMBAT SAUCER,2,2011-03-01 10:00:00,4.20,ZZQ-88123,Turkmenistan\n' +
        '900002,A2,CERULEAN WOMBAT SAUCER,1,2011-03-02 11:00:00,4.20,ZZQ-88124,Turkmenistan\n',
    );
    expect(cli(['import', 'orders', csv, '--workspace', ws, '--json'], home, pass).code).toBe(0);
    expect(plainHits(ws, ['ZZQ-88123', 'ZZQ-88124', 'Turkmenistan', 'CERULEAN WOMBAT SAUCER'])).toEqual([]);

    const before = Object.fromEntries(filesUnder(ws).map((f) => [f, sha256File(f)]));
    const wrong = cli(['stats', '--workspace', ws, '--json'], home, { LOCALYST_PASSPHRASE: 'orchard lantern twelve' });
    expect(wrong.code).toBe(1);
    expect(wrong.json).toMatchObject({ error: { code: 'wrong-passphrase' } });
    const missing = cli(['stats', '--workspace', ws, '--json'], home);
    expect(missing.json).toMatchObject({ error: { code: 'workspace-encrypted', message: expect.stringContaining('LOCALYST_PASSPHRASE') } });
    expect(Object.fromEntries(filesUnder(ws).map((f) => [f, sha256File(f)]))).toEqual(before);

    const doctor = cli(['doctor', '--workspace', ws, '--json'], home, pass);
    expect(doctor.json).toMatchObject({ encrypted: true });
    expect(cli(['stats', '--workspace', ws, '--json'], home, pass).json).toMatchObject({ customers: 2, orders: 2 });

    const changed = cli(['workspace', 'passphrase', '--workspace', ws, '--json'], home, { ...pass, LOCALYST_NEW_PASSPHRASE: 'quiet harbour ninety' });
    expect(changed.json).toEqual({ changed: true });
    expect(cli(['stats', '--workspace', ws, '--json'], home, pass).json).toMatchObject({ error: { code: 'wrong-passphrase' } });
    const decrypted = cli(['workspace', 'decrypt', '--workspace', ws, '--json'], home, { LOCALYST_PASSPHRASE: 'quiet harbour ninety' });
    expect(decrypted.json).toMatchObject({ encrypted: false });
    expect(cli(['doctor', '--workspace', ws, '--json'], home).json).toMatchObject({ encrypted: false });
    expect(cli(['stats', '--workspace', ws, '--json'], home).json).toMatchObject({ customers: 2, orders: 2 });
    const encrypted = cli(['workspace', 'encrypt', '--workspace', ws, '--json'], home, pass);
    expect(encrypted.json).toMatchObject({ cipher: 'chacha20' });
    expect(plainHits(ws, ['ZZQ-88123', 'Turkmenistan', 'CERULEAN WOMBAT SAUCER'])).toEqual([]);
  }, 600_000);
});

const RETAIL = path.join(LARGE_DATA, 'online-retail', 'online_retail.csv.gz');
const HAS_RETAIL = fs.existsSync(RETAIL);
if (!HAS_RETAIL) console.warn(`Skipped: the encrypted Online Retail plain-bytes test needs ${RETAIL} (set LOCALYST_DATA to the folder holding online-retail/).`);

/** A sample of the file's customer ids, countries and product descriptions (long enough not to occur by chance). */
function retailSample(): string[] {
  const lines = zlib.gunzipSync(fs.readFileSync(RETAIL)).toString('utf8').split('\n').slice(1);
  const ids = new Set<string>();
  const countries = new Set<string>();
  const descriptions = new Set<string>();
  for (let i = 0; i < lines.length; i += 997) {
    const cells = (lines[i] ?? '').split(',');
    const [, , description, , , , id, country] = cells;
    if (cells.length !== 8) continue;
    if (id && /^\d{5}$/.test(id) && ids.size < 40) ids.add(id);
    if (country && country.length >= 6) countries.add(country.trim());
    if (description && description.length >= 12 && descriptions.size < 40) descriptions.add(description.trim());
  }
  return [...ids, ...countries, ...descriptions];
}

describe.skipIf(!HAS_RETAIL)('the UCI Online Retail file in an encrypted workspace', () => {
  it('leaves no sampled customer id, country or description in plain bytes in any file of the folder', async () => {
    const home = path.join(dir, 'home');
    const scratch = await createEngine({ workspaceDir: path.join(dir, 'workspaces', 'scratch'), home });
    await invokeValue(scratch, 'workspace.open', { name: 'retail', create: true, encrypt: { passphrase: 'orchard lantern eleven', remember: false } });
    const ws = path.join(dir, 'workspaces', 'retail');
    try {
      const info = await invokeValue<InspectResult>(scratch, 'import.inspect', { file: scratch.grantFile(RETAIL, 'read').handle });
      const done = nextJobDone<{ rowsImported?: number }>(scratch, 'import.run');
      await invokeValue(scratch, 'import.start', { file: scratch.grantFile(RETAIL, 'read').handle, kind: 'orders', mapping: info.mapping, onError: 'reject' });
      await done;
      await jobsSettled(scratch);
      const stats = await invokeValue<{ customers: number }>(scratch, 'workspace.stats', {});
      expect(stats.customers).toBeGreaterThan(4000);
      const sample = retailSample();
      expect(sample.length).toBeGreaterThan(60);
      expect(plainHits(ws, sample)).toEqual([]);
    } finally {
      await scratch.close();
      await settled(ws);
    }
    expect(plainHits(ws, retailSample())).toEqual([]);
  }, 900_000);
});
