import { execFileSync } from 'node:child_process';

/** The CLI tests run the real bundle: rebuild it from the current sources first (esbuild, well under a second). */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
