import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'localyst-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const sha256File = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A digest of every row of every table: equal digests mean nothing was written. */
export function contentDigest(dbFile: string, options: { except?: string[] } = {}): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      if (options.except?.includes(name)) continue;
      hash.update(`#${name}\n`);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
