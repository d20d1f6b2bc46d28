import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/engine';
import { createFileGrants, GRANT_TTL_MS } from '../../../src/engine/kernel/file-grants';
import type { AppErrorData } from '../../../src/shared/errors';
import { writeTinyLlama } from '../copy/gguf-writer';
import { invokeValue, nextJobDone } from '../engine-helpers';
import { tempDir } from '../helpers';

/**
 * The attacks of issue 12 item 3, each tried through the engine as a page (or anyone with the browser mode's token)
 * would: a request naming a path must be refused, with a code saying why, and change nothing on disk.
 */

let engine: Engine;
let root: string;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDir('localyst-paths-');
  root = tmp.dir;
  cleanup = tmp.cleanup;
  engine = await createEngine({ workspaceDir: path.join(root, 'shops', 'main'), home: path.join(root, 'home') });
});
afterAll(async () => {
  await engine.close();
  cleanup();
});

async function refusal(channel: string, input: unknown): Promise<AppErrorData> {
  const reply = await engine.invoke(channel, input);
  if (reply.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
  return reply.error;
}

const UNKNOWN_HANDLE = 'fh_AAAAAAAAAAAAAAAAAAAAAA';
const BRIEF = { channel: 'sms', goal: 'promotion', tone: 'friendly', product: { name: 'Candle', benefits: ['Hand-poured'] }, brand: { name: 'Hearth & Wick' } };

describe('a request cannot name a path', () => {
  it('import.inspect of /etc/passwd is refused, and so is an unknown handle', async () => {
    const typed = await refusal('import.inspect', { file: '/etc/passwd' });
    expect(typed.code).toBe('bad-input');
    expect(typed.message).toMatch(/not a path/);
    expect(typed.details).toMatchObject({ issues: [{ field: 'file' }] });
    expect(JSON.stringify(typed)).not.toContain('root:');
    for (const channel of ['import.inspect', 'import.preview', 'import.start'] as const) {
      const input = channel === 'import.inspect' ? { file: UNKNOWN_HANDLE } : { file: UNKNOWN_HANDLE, kind: 'orders', mapping: {} };
      const unknown = await refusal(channel, input);
      expect(unknown.code, channel).toBe('path-refused');
      expect(unknown.message).toMatch(/Choose it again/);
    }
  });

  it('a file chosen for reading that is later swapped for a link to /etc/passwd is refused', async () => {
    const file = path.join(root, 'orders.csv');
    fs.writeFileSync(file, 'orderId,customerId\n1,2\n');
    const { handle } = engine.grantFile(file, 'read');
    expect(await invokeValue(engine, 'import.inspect', { file: handle })).toMatchObject({ file: handle, headers: ['orderId', 'customerId'] });
    fs.rmSync(file);
    fs.symlinkSync('/etc/passwd', file);
    const swapped = await refusal('import.inspect', { file: handle });
    expect(swapped.code).toBe('path-refused');
    expect(swapped.message).toMatch(/replaced since it was chosen/);
  });

  it('an export cannot overwrite a shell start-up file: not by path, not with a handle chosen for reading, not through a link', async () => {
    const bashrc = path.join(root, '.bashrc');
    fs.writeFileSync(bashrc, 'export PATH=$PATH\n');
    const typed = await refusal('customers.export', { file: bashrc });
    expect(typed.code).toBe('bad-input');
    const segmentTyped = await refusal('segments.export', { id: 1, columns: ['customerId'], file: bashrc });
    expect(segmentTyped.code).toBe('bad-input');
    const campaignTyped = await refusal('campaigns.export', { id: 1, folder: root });
    expect(campaignTyped.code).toBe('bad-input');

    const readOnly = engine.grantFile(bashrc, 'read').handle;
    const wrongUse = await refusal('customers.export', { file: readOnly });
    expect(wrongUse.code).toBe('path-refused');
    expect(wrongUse.message).toMatch(/chosen as a file to read, not as a file to save/);

    const chosenName = path.join(root, 'customers.csv');
    const save = engine.grantFile(chosenName, 'write').handle;
    fs.symlinkSync(bashrc, chosenName);
    const throughLink = await refusal('customers.export', { file: save });
    expect(throughLink.code).toBe('path-refused');
    expect(fs.readFileSync(bashrc, 'utf8')).toBe('export PATH=$PATH\n');
  });

  it('workspace.open makes no folder from request text; only a name in the workspaces home', async () => {
    const outside = path.join(root, 'anywhere', 'evil');
    expect((await refusal('workspace.open', { path: outside, create: true })).code).toBe('bad-input');
    for (const name of ['../evil', '..', '.', 'a/b', '/tmp/evil', 'a\\b']) {
      expect((await refusal('workspace.open', { name, create: true })).code, name).toBe('bad-input');
    }
    const notRecent = await refusal('workspace.open', { recent: outside });
    expect(notRecent.code).toBe('path-refused');
    expect(fs.existsSync(path.join(root, 'anywhere'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'evil'))).toBe(false);

    const list = await invokeValue<{ home: string }>(engine, 'workspace.list', {});
    expect(list.home).toBe(path.join(root, 'shops'));
    const opened = await invokeValue<{ path: string }>(engine, 'workspace.open', { name: 'Second shop', create: true });
    expect(opened.path).toBe(path.join(root, 'shops', 'Second shop'));
    // A workspace opened before may be opened again from the recent list.
    const back = await invokeValue<{ path: string }>(engine, 'workspace.open', { recent: path.join(root, 'shops', 'main') });
    expect(back.path).toBe(path.join(root, 'shops', 'main'));
  });

  it('training on a table, a CLV summary file and campaign results take handles only', async () => {
    expect((await refusal('model.trainTable', { file: '/etc/passwd', target: 'x' })).code).toBe('bad-input');
    expect((await refusal('text.trainTable', { file: '/etc/passwd', textColumn: 'x', target: 'y' })).code).toBe('bad-input');
    expect((await refusal('federate.simulate', { file: '/etc/passwd', target: 'x', splitBy: 'y' })).code).toBe('bad-input');
    expect((await refusal('clv.fit', { summaryFile: '/etc/passwd' })).code).toBe('bad-input');
    expect((await refusal('campaigns.importResults', { id: 1, file: '/etc/passwd' })).code).toBe('bad-input');
    expect((await refusal('copy.llmChoose', { path: '/etc/passwd' })).code).toBe('bad-input');
    expect((await refusal('clv.fit', { summaryFile: UNKNOWN_HANDLE })).code).toBe('path-refused');
  });
});

describe('copy.generate runs only the model chosen in Settings', () => {
  it('refuses a modelPath of its own', async () => {
    const error = await refusal('copy.generate', {
      brief: BRIEF,
      engine: 'llm',
      modelPath: path.join(root, 'other.gguf'),
    });
    expect(error.code).toBe('bad-input');
    expect(JSON.stringify(error.details)).toContain('modelPath');
  });

  it('checks the SHA-256 again before loading: a file changed since it was chosen is not loaded', async () => {
    const model = path.join(root, 'tiny.gguf');
    writeTinyLlama(model, { seed: 3 });
    await invokeValue(engine, 'copy.llmChoose', { file: engine.grantFile(model, 'read').handle });
    // Same size, other bytes: what a size check alone would miss.
    const bytes = fs.readFileSync(model);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    fs.writeFileSync(model, bytes);
    const failed = new Promise<AppErrorData>((resolve) => {
      const off = engine.onEvent((event, payload) => {
        if (event === 'job.failed' && (payload as { kind: string }).kind === 'copy.generate') {
          off();
          resolve((payload as { error: AppErrorData }).error);
        }
      });
    });
    const done = nextJobDone(engine, 'copy.generate').catch(() => null);
    await invokeValue(engine, 'copy.generate', { brief: BRIEF, engine: 'llm', variants: 1 });
    const error = await failed;
    await done;
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/has changed since it was chosen in Settings \(its SHA-256 differs\)/);
  });
});

describe('file handles', () => {
  it('expire, and are refused for another use', () => {
    let now = 0;
    const grants = createFileGrants(() => now);
    const { handle, name } = grants.grant('/data/orders.csv', 'read');
    expect(handle).toMatch(/^fh_[A-Za-z0-9_-]{22}$/);
    expect(name).toBe('orders.csv');
    expect(grants.resolve(handle, 'read', 'file')).toBe('/data/orders.csv');
    expect(() => grants.resolve(handle, 'workspace', 'handle')).toThrow(/chosen as a file to read, not as a workspace folder/);
    now = GRANT_TTL_MS + 1;
    expect(() => grants.resolve(handle, 'read', 'file')).toThrow(/does not know this file any more/);
    expect(() => grants.grant('relative/orders.csv', 'read')).toThrow(/not an absolute path/);
  });
});
