// One import of a file into a fresh workspace, plain or encrypted (a random data key made here, in memory), as the
// shipped engine runs it: encryption-overhead.ts bundles this into out/node and runs it in a child process per sample.
// Prints one JSON line: wall and CPU seconds of the import itself.
import { randomBytes } from 'node:crypto';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { inspectFile } from '../src/engine/ingest/inspect';
import { runImport } from '../src/engine/ingest/run-import';
import { createJobControl } from '../src/engine/jobs/control';

const [file, folder, mode] = process.argv.slice(2);
if (!file || !folder || (mode !== 'plain' && mode !== 'encrypted')) throw new Error('usage: bench-encrypted-import-once FILE WORKSPACE_FOLDER plain|encrypted');
const control = createJobControl(new Int32Array(new SharedArrayBuffer(4)), () => undefined);
const cpuNow = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};
const key = mode === 'encrypted' ? randomBytes(32) : null;
const ws = await openWorkspace(folder, { key });
const info = await inspectFile(ws.db, file, 'orders');
const request = { file, kind: 'orders' as const, mapping: info.mapping, onError: 'reject' as const, dryRun: false, pseudonymize: [], overrides: {} };
const t = performance.now();
const cpu = cpuNow();
const first = await runImport(ws.db, request, control);
const seconds = (performance.now() - t) / 1000;
const cpuSeconds = cpuNow() - cpu;
ws.db.close();
console.log(JSON.stringify({ seconds, cpuSeconds, inserted: first.inserted, message: first.message }));
