import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine';
import { LOCK_FILE_NAME, lockWorkspace, readHolder } from '../../../src/engine/kernel/lock';
import { refusal, tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** The id of a process that has ended (a quick child that exits at once). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}


describe('one writer per workspace', () => {
  it('refuses a second engine on the same folder, saying who holds it, and lets it in once the first closes', async () => {
    const ws = path.join(dir, 'ws');
    const home = path.join(dir, 'home');
    const first = await createEngine({ workspaceDir: ws, home, door: 'serve' });
    const lockFile = path.join(ws, LOCK_FILE_NAME);
    expect(readHolder(lockFile)).toMatchObject({ pid: process.pid, door: 'serve', hostname: os.hostname() });

    const error = await refusal(createEngine({ workspaceDir: ws, home, door: 'cli' }));
    expect(error.code).toBe('workspace-locked');
    expect(error.message).toContain(`in use by localyst serve (browser mode) (pid ${process.pid}) since`);
    expect(error.message).toContain(readHolder(lockFile)?.startedAt ?? 'no lock');
    // The refused engine left the holder's lock alone.
    expect(readHolder(lockFile)?.door).toBe('serve');

    await first.close();
    expect(fs.existsSync(lockFile)).toBe(false);
    const second = await createEngine({ workspaceDir: ws, home, door: 'desktop' });
    expect(readHolder(lockFile)?.door).toBe('desktop');
    await second.close();
  });

  it('takes over a stale lock: its process is gone on this computer', async () => {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(ws);
    const pid = deadPid();
    fs.writeFileSync(
      path.join(ws, LOCK_FILE_NAME),
      JSON.stringify({ pid, door: 'desktop', hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'old', dir: ws }),
    );
    const engine = await createEngine({ workspaceDir: ws, home: path.join(dir, 'home') });
    expect(readHolder(path.join(ws, LOCK_FILE_NAME))).toMatchObject({ pid: process.pid, door: 'cli' });
    await engine.close();
  });

  it('never takes over a lock from another computer (a shared folder), nor one whose process still runs', () => {
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(ws);
    const file = path.join(ws, LOCK_FILE_NAME);
    fs.writeFileSync(file, JSON.stringify({ pid: 4242, door: 'cli', hostname: 'other-laptop', startedAt: '2026-01-01T00:00:00.000Z', token: 't', dir: ws }));
    const env = { pid: 7, hostname: 'this-laptop', now: () => new Date(), alive: () => false };
    expect(() => lockWorkspace(ws, 'cli', env)).toThrow(/in use by a localyst command \(pid 4242 on the computer other-laptop\)/);

    fs.writeFileSync(file, JSON.stringify({ pid: 4242, door: 'desktop', hostname: 'this-laptop', startedAt: '2026-01-01T00:00:00.000Z', token: 't', dir: ws }));
    expect(() => lockWorkspace(ws, 'cli', { ...env, alive: () => true })).toThrow(/in use by the Localyst desktop app \(pid 4242\)/);
    const taken = lockWorkspace(ws, 'cli', env);
    expect(readHolder(file)).toMatchObject({ pid: 7, door: 'cli' });
    taken.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a lock copied along with the folder (a backup, a sync) does not lock the copy', async () => {
    const ws = path.join(dir, 'ws');
    const writer = await createEngine({ workspaceDir: ws, home: path.join(dir, 'home') });
    const copy = path.join(dir, 'copy');
    fs.cpSync(ws, copy, { recursive: true });
    expect(readHolder(path.join(copy, LOCK_FILE_NAME))?.pid).toBe(process.pid);
    const reader = await createEngine({ workspaceDir: copy, home: path.join(dir, 'home') });
    expect(readHolder(path.join(copy, LOCK_FILE_NAME))?.dir).toBe(copy);
    await reader.close();
    await writer.close();
  });

  it('switching to another workspace moves the lock with it', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const engine = await createEngine({ workspaceDir: a, home: path.join(dir, 'home') });
    const reply = await engine.invoke('workspace.open', { name: 'b', create: true });
    expect(reply.ok).toBe(true);
    expect(fs.existsSync(path.join(a, LOCK_FILE_NAME))).toBe(false);
    expect(fs.existsSync(path.join(b, LOCK_FILE_NAME))).toBe(true);
    await engine.close();
    expect(fs.existsSync(path.join(b, LOCK_FILE_NAME))).toBe(false);
  });
});

describe('reading beside the writer', () => {
  it('a read-only engine reads a locked workspace, writes nothing, and refuses changes with a clear error', async () => {
    const ws = path.join(dir, 'ws');
    const home = path.join(dir, 'home');
    const writer = await createEngine({ workspaceDir: ws, home, door: 'desktop' });
    await writer.invoke('settings.update', { currency: 'USD' });
    const reader = await createEngine({ workspaceDir: ws, home, readOnly: true });
    try {
      const stats = await reader.invoke('workspace.stats', {});
      expect(stats).toMatchObject({ ok: true, value: { customers: 0, currency: 'USD' } });
      const change = await reader.invoke('settings.update', { currency: 'EUR' });
      expect(change).toMatchObject({ ok: false, error: { code: 'workspace-locked' } });
      expect(!change.ok && change.error.message).toMatch(/open for reading only, because another program is writing to it/);
      expect(readHolder(path.join(ws, LOCK_FILE_NAME))?.door).toBe('desktop');
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
