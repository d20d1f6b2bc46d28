// One import of a file into a fresh workspace, as the shipped engine runs it: import-online-retail.ts bundles this
// into out/node (beside the bundled reading and converting workers) and runs it in a child process per sample.
// Prints one JSON line: seconds of wall and CPU time of the import itself, and of a second import of the same file.
import { openWorkspace } from '../src/engine/db/open-workspace';
import { inspectFile } from '../src/engine/ingest/inspect';
import { runImport } from '../src/engine/ingest/run-import';
import { createJobControl } from '../src/engine/jobs/control';

const [file, folder] = process.argv.slice(2);
if (!file || !folder) throw new Error('usage: bench-import-once FILE WORKSPACE_FOLDER');
const control = createJobControl(new Int32Array(new SharedArrayBuffer(4)), () => undefined);
const cpuNow = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};
const ws = await openWorkspace(folder);
const info = await inspectFile(ws.db, file, 'orders');
const request = { file, kind: 'orders' as const, mapping: info.mapping, onError: 'reject' as const, dryRun: false, pseudonymize: [], overrides: {} };
let t = performance.now();
const cpu = cpuNow();
const first = await runImport(ws.db, request, control);
const seconds = (performance.now() - t) / 1000;
const cpuSeconds = cpuNow() - cpu;
t = performance.now();
await runImport(ws.db, request, control);
const againSeconds = (performance.now() - t) / 1000;
ws.db.close();
console.log(JSON.stringify({ seconds, cpuSeconds, againSeconds, inserted: first.inserted, message: first.message }));
