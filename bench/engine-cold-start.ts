// Engine cold start: from spawning the engine process to its 'ready' message and to its first answer,
// on an empty workspace, compared in the same run with a bare `node -e ''` start (the floor).
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, report, round } from './lib';

const RUNS = 15;
const entry = path.resolve('out/node/engine-process.js');
if (!fs.existsSync(entry)) execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });

async function once(workspace: string, home: string): Promise<{ ready: number; firstReply: number }> {
  const t0 = performance.now();
  // execArgv: [] so the child does not inherit this script's TypeScript loader.
  const child = fork(entry, ['--workspace', workspace, '--home', home], { stdio: 'ignore', execArgv: [] });
  const result = await new Promise<{ ready: number; firstReply: number }>((resolve, reject) => {
    let ready = 0;
    child.on('message', (m: { type: string }) => {
      if (m.type === 'ready') {
        ready = performance.now() - t0;
        child.send({ type: 'invoke', id: 1, channel: 'workspace.stats', input: {} });
      } else if (m.type === 'reply') resolve({ ready, firstReply: performance.now() - t0 });
      else if (m.type === 'start-failed') reject(new Error(JSON.stringify(m)));
    });
  });
  child.send({ type: 'shutdown' });
  await new Promise((resolve) => child.once('exit', resolve));
  return result;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-bench-'));
const workspace = path.join(tmp, 'ws');
const home = path.join(tmp, 'home');
await once(workspace, home); // creates and migrates the workspace; not counted
const ready: number[] = [];
const first: number[] = [];
const bare: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const r = await once(workspace, home);
  ready.push(r.ready);
  first.push(r.firstReply);
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  bare.push(performance.now() - t0);
}
report(
  'engine-cold-start',
  [
    { measure: 'engine process → ready', runs: RUNS, p50ms: round(percentile(ready, 50), 1), p95ms: round(percentile(ready, 95), 1) },
    { measure: 'engine process → first answer', runs: RUNS, p50ms: round(percentile(first, 50), 1), p95ms: round(percentile(first, 95), 1) },
    { measure: "bare `node -e ''` (floor)", runs: RUNS, p50ms: round(percentile(bare, 50), 1), p95ms: round(percentile(bare, 95), 1) },
  ],
  { note: 'Existing, migrated, empty workspace. TensorFlow.js is loaded lazily, so it is not part of the start.' },
);
fs.rmSync(tmp, { recursive: true, force: true });
