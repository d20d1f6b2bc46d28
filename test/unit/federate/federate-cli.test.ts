import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createOffice } from '../../../src/engine/federate/protocol';
import { runCli, tempDir } from '../helpers';

const telco = path.resolve('test/data/telco-churn/Telco-Customer-Churn.csv');
const { dir: home, cleanup } = tempDir('localyst-federate-cli-');
afterAll(cleanup);

const realSessions = ((): boolean => {
  try {
    createOffice({ federationId: randomUUID(), name: 'probe', token: 'p'.repeat(32), rows: { columns: [], rows: [] } });
    return true;
  } catch (error) {
    return !/not built yet/.test(String(error));
  }
})();

type Invitation = { office: string; code: string };
const propose = (out: string, extra: string[] = []) =>
  runCli(['federate', 'propose', '--table', telco, '--target', 'Churn', '--positive', 'Yes', '--offices', 'North,South,East', '--exclude', 'Contract', '--out', out, '--json', ...extra], home);

/** One CLI process in the background, its JSON result when it ends. */
function background(args: string[]): { ended: Promise<{ code: number; json: Record<string, unknown> | null; stderr: string }>; said: (pattern: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, [path.resolve('bin/localyst.js'), ...args], { env: { ...process.env, LOCALYST_HOME: home, LOCALYST_WORKSPACE: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const said = async (pattern: RegExp): Promise<void> => {
    await expect.poll(() => stderr, { timeout: 60_000, interval: 100 }).toMatch(pattern);
  };
  const ended = new Promise<{ code: number; json: Record<string, unknown> | null; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = null;
      }
      resolve({ code: code ?? -1, json, stderr });
    }),
  );
  return { ended, said };
}

describe('localyst federate propose | serve | join', () => {
  it('propose writes the spec, the private keys and one invitation per office', () => {
    const out = path.join(home, 'proposal');
    const run = propose(out, ['--host', '127.0.0.1', '--port', '47466', '--rounds', '2']);
    expect(run.code).toBe(0);
    const invitations = run.json?.invitations as Invitation[];
    expect(invitations.map((i) => i.office)).toEqual(['North', 'South', 'East']);
    expect(run.json).toMatchObject({ transport: 'network', leftOut: [{ column: 'customerID' }, { column: 'Contract', reason: 'excluded' }] });
    expect(fs.readdirSync(out).sort()).toEqual(['coordinator-keys.json', 'invitations.txt', 'spec.json']);
    expect(propose(out).json).toMatchObject({ error: { code: 'conflict' } });
  });

  it('join refuses a mistyped code, and a file-only code without a mailbox, in plain words', () => {
    const files = propose(path.join(home, 'files-only'));
    const code = (files.json?.invitations as Invitation[])[0]?.code ?? '';
    const typo = `${code.slice(0, 30)}${code[30] === 'Q' ? 'R' : 'Q'}${code.slice(31)}`;
    const mistyped = runCli(['federate', 'join', '--invitation', typo, '--table', telco, '--json'], home);
    expect(mistyped.code).toBe(1);
    expect(mistyped.json).toMatchObject({ error: { code: 'bad-input', message: expect.stringMatching(/does not check out/) } });
    const noMailbox = runCli(['federate', 'join', '--invitation', code, '--table', telco, '--json'], home);
    expect(noMailbox.json).toMatchObject({ error: { code: 'bad-input', message: expect.stringMatching(/for exchanging files/) } });
    const noSpec = runCli(['federate', 'serve', '--spec', path.join(home, 'nothing.json'), '--json'], home);
    expect(noSpec.json).toMatchObject({ error: { code: 'not-found' } });
  });

  it.skipIf(!realSessions)('a coordinator and three offices, four processes on 127.0.0.1, train one model', async () => {
    const out = path.join(home, 'live');
    const offices = ['Month-to-month', 'One year', 'Two year'].map((contract, i) => {
      const lines = fs.readFileSync(telco, 'utf8').trim().split(/\r?\n/);
      const at = (lines[0] ?? '').split(',').indexOf('Contract');
      const file = path.join(home, `office-${i}.csv`);
      fs.writeFileSync(file, [lines[0], ...lines.slice(1).filter((l, k) => k % 2 === 0 && l.split(',')[at] === contract)].join('\n'));
      return file;
    });
    const proposed = propose(out, ['--host', '127.0.0.1', '--port', '47467', '--rounds', '2']);
    const invitations = proposed.json?.invitations as Invitation[];
    const server = background(['federate', 'serve', '--spec', path.join(out, 'spec.json'), '--json']);
    await server.said(/listening on 127\.0\.0\.1:47467/);
    const joins = invitations.map((inv, i) =>
      background(['federate', 'join', '--invitation', inv.code, '--table', offices[i] as string, '--spec', path.join(out, 'spec.json'), '--json']).ended,
    );
    const [served, ...joined] = await Promise.all([server.ended, ...joins]);
    expect(served?.code).toBe(0);
    expect(served?.json).toMatchObject({ rounds: 2 });
    for (const j of joined) expect(j.json).toMatchObject({ rounds: 2, model: null });
    const model = JSON.parse(fs.readFileSync(path.join(out, 'federated-model.json'), 'utf8')) as { weights: number[]; participants: Array<{ rows: number }> };
    expect(model.weights.length).toBe(joined[0]?.json?.weights);
    expect(model.participants.map((p) => p.rows)).toEqual(joined.map((j) => j.json?.rows));
  }, 180_000);
});
