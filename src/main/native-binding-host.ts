import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BuildCommand, BuildTools, NativeBuildOps } from './native-binding';

const OUTPUT_LIMIT = 20_000;

/** better-sqlite3's folder, resolved from the main bundle the way the engine resolves it. */
export function betterSqlitePackageDir(from: string): string {
  return path.dirname(createRequire(from).resolve('better-sqlite3/package.json'));
}

/** prebuild-install is better-sqlite3's own dependency; node-gyp is found only if installed alongside. */
export function findBuildTools(packageDir: string, nodeExecutable: string): BuildTools {
  const fromPackage = createRequire(path.join(packageDir, 'package.json'));
  const find = (request: string): string | null => {
    try {
      return fromPackage.resolve(request);
    } catch {
      return null;
    }
  };
  return { nodeExecutable, prebuildInstallBin: find('prebuild-install/bin.js'), nodeGypBin: find('node-gyp/bin/node-gyp.js') };
}

/** Runs a command, keeping the end of its output; resolves (never rejects) when it ends or runs out of time. */
export function runCommand(command: BuildCommand): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: unknown): void => {
      output = (output + String(chunk)).slice(-OUTPUT_LIMIT);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command.command, command.args, {
        cwd: command.cwd,
        env: command.env,
        shell: command.shell,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      resolve({ ok: false, output: String(error) });
      return;
    }
    const timer = setTimeout(() => {
      keep(`\n${command.label} took longer than ${Math.round(command.timeoutMs / 1000)} seconds and was stopped.`);
      child.kill();
    }, command.timeoutMs);
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', (error) => keep(`\n${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

export const nodeBuildOps: NativeBuildOps = {
  exists(file) {
    try {
      const stat = fs.statSync(file);
      return stat.isFile() && stat.size > 0;
    } catch {
      return false;
    }
  },
  makeTempDir: () => fs.promises.mkdtemp(path.join(os.tmpdir(), 'localyst-native-')),
  async copyPackage(from, to) {
    const build = path.join(from, 'build');
    await fs.promises.cp(from, to, {
      recursive: true,
      filter: (source) => source !== build && !source.startsWith(build + path.sep),
    });
  },
  run: runCommand,
  async install(from, to) {
    await fs.promises.mkdir(path.dirname(to), { recursive: true });
    // Copy beside the target, then rename: a half-written binary must never be loaded.
    const partial = `${to}.${process.pid}.partial`;
    await fs.promises.copyFile(from, partial);
    await fs.promises.rename(partial, to);
  },
  removeDir: (dir) => fs.promises.rm(dir, { recursive: true, force: true }),
};
