import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { expect } from 'vitest';
import { AppError } from '../../src/shared/errors';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'localyst-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes the header and the first `rows` rows of a CSV file to `target` (a small slice of a public data set). */
export function writeCsvHead(source: string, rows: number, target: string): string {
  fs.writeFileSync(target, `${fs.readFileSync(source, 'utf8').split(/\r?\n/).slice(0, rows + 1).join('\n')}\n`);
  return target;
}

export const sha256File = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A digest of every row of every table: equal digests mean nothing was written. */
export function contentDigest(dbFile: string, options: { except?: string[] } = {}): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string; sql: string | null }>;
    // A full-text index is derived from its table (kept by triggers, checked by its own tests); its pages' layout
    // after an undo need not match byte for byte, so the virtual table and its shadow tables are left out.
    const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
    const derived = (name: string): boolean => virtual.some((v) => name === v || name.startsWith(`${v}_`));
    for (const { name } of tables) {
      if (options.except?.includes(name) || derived(name)) continue;
      hash.update(`#${name}\n`);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

export type CliRun = { code: number; stdout: string; stderr: string; json: Record<string, unknown> | null };

/**
 * Runs the built `localyst` command with its own app folder, no terminal, and no passphrase unless `env` gives one;
 * parses stdout as JSON when it is JSON.
 */
export function runCli(args: string[], home: string, env: Record<string, string> = {}): CliRun {
  const base = { ...process.env };
  for (const name of ['LOCALYST_PASSPHRASE', 'LOCALYST_NEW_PASSPHRASE', 'LOCALYST_RECOVERY_KEY', 'LOCALYST_ARCHIVE_PASSPHRASE']) delete base[name];
  const res = spawnSync(process.execPath, [path.resolve('bin/localyst.js'), ...args], {
    encoding: 'utf8',
    env: { ...base, LOCALYST_HOME: home, LOCALYST_WORKSPACE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(res.stdout) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr, json };
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
