// The one-million-customer demo workspace the quick-search and data-health benchmarks share (not a benchmark itself:
// run-all skips files starting with "_"). Built once under os.tmpdir() and reused; delete the folder to rebuild.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import { round } from './lib';

export const SEARCH_CUSTOMERS = 1_000_000;
export const SEARCH_SEED = 42;
export const SEARCH_DIR = path.join(os.tmpdir(), `localyst-bench-search-${SEARCH_CUSTOMERS}-s${SEARCH_SEED}`);
const MARKER = path.join(SEARCH_DIR, 'complete.json');
const control = { progress: () => undefined, checkCancelled: () => undefined };

/** Builds the workspace unless a complete one is there; the seconds it took, or null when reused. */
export async function buildOrReuseSearchWorkspace(): Promise<number | null> {
  if (fs.existsSync(MARKER)) return null;
  fs.rmSync(SEARCH_DIR, { recursive: true, force: true });
  console.log(`Generating a ${SEARCH_CUSTOMERS.toLocaleString('en')}-customer demo workspace in ${SEARCH_DIR} (several minutes)…`);
  const started = performance.now();
  const ws = await openWorkspace(SEARCH_DIR);
  ws.db.transaction(() => {
    generateDemo(ws.db, { customers: SEARCH_CUSTOMERS, seed: SEARCH_SEED }, control);
    refreshCustomerMetrics(ws.db);
  }).immediate();
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.db.close();
  const seconds = round((performance.now() - started) / 1000, 1);
  fs.writeFileSync(MARKER, JSON.stringify({ customers: SEARCH_CUSTOMERS, seed: SEARCH_SEED, generatedSeconds: seconds }));
  return seconds;
}
