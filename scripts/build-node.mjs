// Bundles the Node-side doors and the engine (CLI, engine process, job worker) into out/node with esbuild.
// Dependencies stay external: native modules (better-sqlite3, tfjs-node) are loaded from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: {
    cli: 'src/cli/index.ts',
    'engine-process': 'src/engine/process-entry.ts',
    'job-worker': 'src/engine/jobs/job-worker.ts',
    'ingest-worker': 'src/engine/ingest/read-worker.ts',
    'convert-worker': 'src/engine/ingest/convert-worker.ts',
  },
  outdir: 'out/node',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
