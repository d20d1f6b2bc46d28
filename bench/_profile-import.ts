// One import of the UCI file, to profile: node --import tsx --cpu-prof bench/_profile-import.ts (run-all leaves out files starting with _).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { inspectFile } from '../src/engine/ingest/inspect';
import { runImport } from '../src/engine/ingest/run-import';
import { createJobControl } from '../src/engine/jobs/control';

const FILE = path.join(path.resolve(process.env.LOCALYST_DATA ?? '../shared/data'), 'online-retail', 'online_retail.csv.gz');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-prof-'));
const control = createJobControl(new Int32Array(new SharedArrayBuffer(4)), () => undefined);
const ws = await openWorkspace(path.join(tmp, 'ws'));
const info = await inspectFile(ws.db, FILE, 'orders');
const request = { file: FILE, kind: 'orders' as const, mapping: info.mapping, onError: 'reject' as const, dryRun: false, pseudonymize: [], overrides: {} };
const t = performance.now();
const c = process.cpuUsage();
const r = await runImport(ws.db, request, control);
const u = process.cpuUsage(c);
console.log('import', ((performance.now() - t) / 1000).toFixed(2), 's wall', ((u.user + u.system) / 1e6).toFixed(2), 's cpu', r.inserted);
if (process.env.AGAIN) {
  const t2 = performance.now();
  await runImport(ws.db, request, control);
  console.log('again', ((performance.now() - t2) / 1000).toFixed(2));
}
ws.db.close();
fs.rmSync(tmp, { recursive: true, force: true });
