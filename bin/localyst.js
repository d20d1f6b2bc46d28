#!/usr/bin/env node
// The `localyst` command: runs the built CLI bundle (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/node/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('Localyst is not built yet. Run `npm run build` (or `npm start`, which builds it) first.\n');
  process.exit(2);
}
await import(bundle.href);
