// The million-customer demo workspaces benchmarks share (not a benchmark itself: run-all skips files starting with
// "_"). Built once under os.tmpdir() and reused; delete the folder to rebuild.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refreshCustomerMetrics } from '../src/engine/customers/metrics';
import { openWorkspace } from '../src/engine/db/open-workspace';
import { generateDemo } from '../src/engine/demo/generate';
import { round } from './lib';

/** Where a bench keeps its demo workspace of `customers` made with `seed` (one folder per bench `name`). */
export const demoWorkspaceDir = (name: string, customers: number, seed: number): string =>
  path.join(os.tmpdir(), `localyst-bench-${name}-${customers}-s${seed}`);

const control = { progress: () => undefined, checkCancelled: () => undefined };

/** Builds the demo workspace in `dir` unless a complete one is there; the seconds it took, or null when reused. */
export async function buildOrReuseDemoWorkspace(dir: string, customers: number, seed: number): Promise<number | null> {
  const marker = path.join(dir, 'complete.json');
  if (fs.existsSync(marker)) return null;
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`Generating a ${customers.toLocaleString('en')}-customer demo workspace in ${dir} (several minutes)…`);
  const started = performance.now();
  const ws = await openWorkspace(dir);
  // As the demo job does: the shop and the customer figures in one transaction.
  ws.db.transaction(() => {
    generateDemo(ws.db, { customers, seed }, control);
    refreshCustomerMetrics(ws.db);
  }).immediate();
  ws.db.pragma('wal_checkpoint(TRUNCATE)');
  ws.db.close();
  const seconds = round((performance.now() - started) / 1000, 1);
  fs.writeFileSync(marker, JSON.stringify({ customers, seed, generatedSeconds: seconds }));
  return seconds;
}

// The workspace the quick-search and data-health benchmarks share.
export const SEARCH_CUSTOMERS = 1_000_000;
export const SEARCH_SEED = 42;
export const SEARCH_DIR = demoWorkspaceDir('search', SEARCH_CUSTOMERS, SEARCH_SEED);
export const buildOrReuseSearchWorkspace = (): Promise<number | null> => buildOrReuseDemoWorkspace(SEARCH_DIR, SEARCH_CUSTOMERS, SEARCH_SEED);
