// Contract round trip through the browser mode: 1,000 WebSocket calls to a `localyst serve` process,
// compared in the same run with the floor, the same calls straight into an in-process engine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createEngine } from '../src/engine';
import { percentile, report, round } from './lib';

const CALLS = 1000;
const channel = 'workspace.stats';

async function viaBrowserMode(workspace: string): Promise<number[]> {
  const child = spawn(process.execPath, ['bin/localyst.js', 'serve', '--port', '0', '--json', '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The round trip needs no user interface: a one-file stand-in keeps the benchmark independent of the UI build.
    env: { ...process.env, LOCALYST_HOME: path.join(workspace, '..', 'home'), LOCALYST_RENDERER_DIR: rendererStandIn(workspace) },
  });
  let out = '';
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        /* the document is not complete yet */
      }
    });
  });
  const { port, searchParams } = new URL(url);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`);
  await new Promise((resolve) => ws.once('open', resolve));
  const times: number[] = [];
  for (let id = 0; id < CALLS + 50; id += 1) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send(JSON.stringify({ id, channel, input: {} }));
    });
    if (id >= 50) times.push(performance.now() - t0); // the first 50 warm up
  }
  ws.close();
  child.kill('SIGTERM');
  return times;
}

function rendererStandIn(workspace: string): string {
  const dir = path.join(workspace, '..', 'renderer');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  return dir;
}

async function inProcess(workspace: string): Promise<number[]> {
  const engine = await createEngine({ workspaceDir: workspace, home: path.join(workspace, '..', 'home') });
  const times: number[] = [];
  for (let i = 0; i < CALLS + 50; i += 1) {
    const t0 = performance.now();
    await engine.invoke(channel, {});
    if (i >= 50) times.push(performance.now() - t0);
  }
  await engine.close();
  return times;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-'));
const workspace = path.join(tmp, 'ws');
const direct = await inProcess(workspace);
const browser = await viaBrowserMode(workspace);
const row = (name: string, t: number[]): Record<string, unknown> => ({
  path: name,
  calls: t.length,
  p50ms: round(percentile(t, 50)),
  p99ms: round(percentile(t, 99)),
  meanMs: round(t.reduce((a, b) => a + b, 0) / t.length),
});
report('contract-roundtrip', [row('browser mode (WebSocket, separate process)', browser), row('in-process engine.invoke (floor)', direct)], {
  channel,
  note: 'workspace.stats on an empty workspace; the difference is the transport.',
});
fs.rmSync(tmp, { recursive: true, force: true });
