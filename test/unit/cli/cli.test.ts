import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src/engine/db/migrations';
import { sha256File, tempDir, runCli, type CliRun } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const run = (args: string[]): CliRun => runCli(args, path.join(dir, 'home'));

const errorCode = (r: ReturnType<typeof run>): unknown => (r.json?.error as { code?: unknown } | undefined)?.code;

describe('localyst CLI', () => {
  it('prints help and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['doctor', 'demo', 'stats', 'serve']) expect(r.stdout).toContain(cmd);
  });

  it('doctor --json prints one document with versions, backend, workspace and schema', () => {
    const ws = path.join(dir, 'ws');
    const r = run(['doctor', '--workspace', ws, '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ workspace: ws, schemaVersion: latestSchemaVersion, latestSchemaVersion });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(r.json?.backend);
    expect(r.json?.node).toBe(process.versions.node);
    expect(String(r.json?.sqlite)).toMatch(/^3\.\d+/);
  });

  it('stats --json on an empty workspace reports zeros', () => {
    const r = run(['stats', '--workspace', path.join(dir, 'ws'), '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ customers: 0, products: 0, orders: 0, orderLines: 0, reviews: 0, campaigns: 0, revenue: 0 });
  });

  it.each([
    [['--customers', '-5'], 'customers'],
    [['--customers', 'abc'], 'customers'],
    [['--customers', '2.5'], 'customers'],
    [['--customers', '10', '--seed', 'x'], 'seed'],
  ])('demo %j is a bad-input error naming the field, and creates nothing', (args, field) => {
    const ws = path.join(dir, 'ws');
    const r = run(['demo', ...args, '--workspace', ws, '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'bad-input', details: { field } });
    expect(fs.existsSync(ws)).toBe(false);
  });

  it.each([['0'], ['1.5'], ['lots']])('serve --max-upload-mb %s is a bad-input error naming the option, and starts nothing', (value) => {
    const ws = path.join(dir, 'ws');
    const r = run(['serve', '--max-upload-mb', value, '--workspace', ws, '--json']);
    expect(r.code).toBe(1);
    expect(r.json?.error).toMatchObject({ code: 'bad-input', details: { field: 'max-upload-mb' } });
    expect(fs.existsSync(ws)).toBe(false);
  });

  it('usage errors exit 2 with a JSON error under --json', () => {
    const r = run(['demo', '--no-such-flag', '--json']);
    expect(r.code).toBe(2);
    expect(errorCode(r)).toBe('bad-input');
    expect(run(['no-such-command']).code).toBe(2);
  });

  it('an unwritable --workspace is a clear error and creates nothing', () => {
    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, 'x');
    const r = run(['stats', '--workspace', path.join(file, 'ws'), '--json']);
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe('workspace-unwritable');
    expect(fs.readdirSync(dir).filter((f) => f !== 'home')).toEqual(['plain-file']);
  });

  it('a workspace file that is not SQLite, or from a newer version, is refused and left as it was', () => {
    const notSqlite = path.join(dir, 'a');
    fs.mkdirSync(notSqlite);
    fs.writeFileSync(path.join(notSqlite, 'workspace.sqlite'), 'hello, I am a spreadsheet');
    const before = sha256File(path.join(notSqlite, 'workspace.sqlite'));
    const r1 = run(['demo', '--customers', '10', '--workspace', notSqlite, '--json']);
    expect(r1.code).toBe(1);
    expect(errorCode(r1)).toBe('workspace-not-sqlite');
    expect(sha256File(path.join(notSqlite, 'workspace.sqlite'))).toBe(before);

    const newer = path.join(dir, 'b');
    fs.mkdirSync(newer);
    const db = new Database(path.join(newer, 'workspace.sqlite'));
    db.pragma('user_version = 999');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before2 = sha256File(path.join(newer, 'workspace.sqlite'));
    const r2 = run(['stats', '--workspace', newer, '--json']);
    expect(r2.code).toBe(1);
    expect(errorCode(r2)).toBe('workspace-too-new');
    expect(String((r2.json?.error as { message: string }).message)).toMatch(/newer version of Localyst/);
    expect(sha256File(path.join(newer, 'workspace.sqlite'))).toBe(before2);
  });

  it('prints readable errors without --json', () => {
    const r = run(['demo', '--customers', '-5', '--workspace', path.join(dir, 'ws')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error [bad-input]: --customers must be a whole number');
  });
});
