// Runs every benchmark in bench/ one after another (each writes bench/results/NAME.json and prints a table).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !['lib.ts', 'run-all.ts'].includes(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
for (const file of files) {
  console.log(`\n=== ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], { stdio: 'inherit' });
}
