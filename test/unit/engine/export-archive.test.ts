import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archived, archivePath, stageArchive } from '../../../src/engine/kernel/export-archive';
import { AppError } from '../../../src/shared/errors';
import { recordingControl } from '../demo/helpers';
import { chosen, demoEngine, type DemoEngine } from '../engine-helpers';
import { tempDir } from '../helpers';

const PASSPHRASE = 'violet staircase 42';

let demo: DemoEngine;
let ws: string;

beforeAll(async () => {
  demo = await demoEngine({ customers: 300, seed: 15 });
  ws = path.join(demo.root, 'ws');
});
afterAll(() => demo.close());

/** Every file under `dir` (relative paths), hidden ones included. */
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => fs.statSync(path.join(dir, name)).isFile());

async function readZip(file: string, password: string): Promise<Array<{ name: string; encrypted: boolean; text: string }>> {
  const reader = new ZipReader(new BlobReader(new Blob([fs.readFileSync(file)])));
  try {
    const entries = await reader.getEntries();
    const out = [];
    for (const entry of entries) {
      if (entry.directory) throw new Error(`${entry.filename} is a folder`);
      out.push({ name: entry.filename, encrypted: entry.encrypted, text: await entry.getData(new TextWriter(), { password }) });
    }
    return out;
  } finally {
    await reader.close();
  }
}

describe('encrypted export archive', () => {
  it('packs the customers export into an AES-256 zip that opens with the passphrase only, and leaves no plain copy', async () => {
    const done = demo.nextDone<{ file: string; fileName: string; rows: number }>('customers.export');
    await demo.value('customers.export', { columns: ['customerId', 'country', 'revenue'], archive: { passphrase: PASSPHRASE } });
    const result = await done;
    expect(result.fileName).toMatch(/^customers-\d{8}-\d{6}\.zip$/);
    expect(path.dirname(result.file)).toBe(path.join(ws, 'exports'));

    const entries = await readZip(result.file, PASSPHRASE);
    expect(entries.map((entry) => [entry.name, entry.encrypted])).toEqual([[result.fileName.replace(/\.zip$/, '.csv'), true]]);
    const rows = Papa.parse<string[]>(entries[0]!.text.trim(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual(['customerId', 'country', 'revenue']);
    expect(rows.length - 1).toBe(result.rows);
    expect(result.rows).toBe(300);

    await expect(readZip(result.file, 'not the passphrase')).rejects.toThrow(/password/i);
    // The archive's bytes hold neither the CSV header nor a customer id in plain.
    const bytes = fs.readFileSync(result.file);
    expect(bytes.includes('customerId,country')).toBe(false);
    expect(bytes.includes(rows[1]![0]!)).toBe(false);
    // Nothing else in exports/: no CSV, no staging folder, no part file.
    expect(filesUnder(path.join(ws, 'exports'))).toEqual([result.fileName]);
    expect(fs.readdirSync(path.join(ws, 'exports'))).toEqual([result.fileName]);
  });

  it('writes a segment export to the zip beside the file the user chose, and never stores the passphrase', async () => {
    const segment = await demo.value<{ id: number }>('segments.create', { name: 'Repeat buyers', rule: { field: 'orders', op: '>=', value: 2 } });
    const { dir: out, cleanup } = tempDir();
    try {
      const done = demo.nextDone<{ file: string; rows: number }>('segments.export');
      await demo.value('segments.export', {
        id: segment.id,
        columns: ['customerId', 'orders'],
        file: chosen(demo.engine, path.join(out, 'repeat.csv'), 'write'),
        archive: { passphrase: PASSPHRASE },
      });
      const result = await done;
      expect(result.file).toBe(path.join(out, 'repeat.zip'));
      expect(fs.readdirSync(out)).toEqual(['repeat.zip']);
      const [entry] = await readZip(result.file, PASSPHRASE);
      expect(entry!.name).toBe('repeat.csv');
      expect(entry!.text.trim().split('\r\n')).toHaveLength(result.rows + 1);
      expect(result.rows).toBeGreaterThan(0);
    } finally {
      cleanup();
    }
    // The job's input is kept in the workspace's jobs table: the passphrase must not be in any of its files.
    for (const name of filesUnder(ws)) expect(fs.readFileSync(path.join(ws, name)).includes(PASSPHRASE), name).toBe(false);
  });

  it('refuses a passphrase shorter than 8 characters before a job starts', async () => {
    const reply = await demo.engine.invoke('customers.export', { archive: { passphrase: 'short' } });
    expect(reply.ok ? null : reply.error.code).toBe('bad-input');
  });

  it('shreds the staging folder and writes no zip when the export fails or is cancelled', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const zip = archivePath(path.join(dir, 'out.csv'));
      const planned = stageArchive(dir, zip, PASSPHRASE, '.csv');
      const job = archived(
        (_db: null, input: { file: string; archive?: typeof planned.archive }, control) => {
          fs.writeFileSync(input.file, 'customerId\r\nC-SECRET-1\r\n');
          control.checkCancelled();
          return { file: input.file };
        },
        (result, file) => ({ ...result, file }),
      );
      await expect(job(null, { file: planned.write, archive: planned.archive }, recordingControl(1))).rejects.toThrow(AppError);
      expect(fs.existsSync(planned.archive.staging)).toBe(false);
      expect(fs.existsSync(zip)).toBe(false);
      expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
