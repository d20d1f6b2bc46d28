import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildEnv,
  decideNativeBinding,
  ensureNativeBinding,
  nativeBindingPath,
  planNativeBuild,
  type BuildCommand,
  type BuildTools,
  type NativeBuildOps,
} from '../../../src/main/native-binding';
import { betterSqlitePackageDir, findBuildTools, nodeBuildOps, runCommand } from '../../../src/main/native-binding-host';

const native = { electronVersion: '38.8.6', arch: 'x64', platform: 'linux' as const };
const tools: BuildTools = { nodeExecutable: '/opt/Localyst/localyst', prebuildInstallBin: '/app/node_modules/prebuild-install/bin.js', nodeGypBin: null };
const userData = path.resolve('/home/u/.config/Localyst');
const target = path.join(userData, 'native', 'better_sqlite3-electron-38.8.6-x64.node');

describe('nativeBindingPath and decideNativeBinding', () => {
  it('keeps one binary per Electron version and CPU under userData/native', () => {
    expect(nativeBindingPath(userData, native)).toBe(target);
    expect(nativeBindingPath(userData, { electronVersion: '39.0.0', arch: 'arm64' })).toBe(
      path.join(userData, 'native', 'better_sqlite3-electron-39.0.0-arm64.node'),
    );
  });

  it('uses the binary when it is there, builds it when it is not, and needs none outside Electron', () => {
    expect(decideNativeBinding({ electronVersion: '38.8.6', userData, arch: 'x64', targetExists: true })).toEqual({ action: 'use', file: target });
    expect(decideNativeBinding({ electronVersion: '38.8.6', userData, arch: 'x64', targetExists: false })).toEqual({ action: 'build', file: target });
    expect(decideNativeBinding({ electronVersion: undefined, userData, arch: 'x64', targetExists: false })).toEqual({ action: 'none' });
  });
});

describe('planNativeBuild', () => {
  const env = { PATH: '/usr/bin', npm_config_build_from_source: 'true', npm_config_runtime: 'node', https_proxy: 'http://proxy:3128' };
  const plan = planNativeBuild({ target, packageDir: '/app/node_modules/better-sqlite3', tempDir: '/tmp/ln-1', native, tools, env });

  it('works in a temporary copy of the package and takes the binary from its build/Release', () => {
    expect(plan.workDir).toBe(path.join('/tmp/ln-1', 'better-sqlite3'));
    expect(plan.builtFile).toBe(path.join('/tmp/ln-1', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    expect(plan.target).toBe(target);
    for (const attempt of plan.attempts) expect(attempt.cwd).toBe(plan.workDir);
  });

  it("first runs better-sqlite3's own prebuild-install for this Electron version and CPU, with Electron as Node", () => {
    const first = plan.attempts[0]!;
    expect(first.label).toBe('prebuild-install');
    expect(first.command).toBe('/opt/Localyst/localyst');
    expect(first.args[0]).toBe('/app/node_modules/prebuild-install/bin.js');
    const flags = first.args.slice(1).join(' ');
    expect(flags).toContain('--runtime electron');
    expect(flags).toContain('--target 38.8.6');
    expect(flags).toContain('--arch x64');
    expect(first.env.ELECTRON_RUN_AS_NODE).toBe('1');
  });

  it('falls back to node-gyp against the Electron headers', () => {
    const second = plan.attempts[1]!;
    expect(plan.attempts).toHaveLength(2);
    expect(second.label).toBe('node-gyp');
    expect(second.command).toBe('node-gyp');
    expect(second.args).toEqual(expect.arrayContaining(['rebuild', '--target=38.8.6', '--arch=x64', '--dist-url=https://electronjs.org/headers']));
    expect(second.timeoutMs).toBeGreaterThan(plan.attempts[0]!.timeoutMs);
  });

  it('runs a node-gyp found next to the app with Electron-as-Node, and the .cmd shim through a shell on Windows', () => {
    const local = planNativeBuild({ target, packageDir: '/p', tempDir: '/t', native, tools: { ...tools, nodeGypBin: '/app/node_modules/node-gyp/bin/node-gyp.js' }, env: {} });
    expect(local.attempts[1]).toMatchObject({ command: tools.nodeExecutable, shell: false });
    expect(local.attempts[1]!.args[0]).toBe('/app/node_modules/node-gyp/bin/node-gyp.js');
    const windows = planNativeBuild({ target, packageDir: '/p', tempDir: '/t', native: { ...native, platform: 'win32' }, tools, env: {} });
    expect(windows.attempts[1]).toMatchObject({ command: 'node-gyp.cmd', shell: true });
  });

  it('only compiles when prebuild-install cannot be found', () => {
    const only = planNativeBuild({ target, packageDir: '/p', tempDir: '/t', native, tools: { ...tools, prebuildInstallBin: null }, env: {} });
    expect(only.attempts.map((attempt) => attempt.label)).toEqual(['node-gyp']);
  });

  it("drops npm's build settings from the environment but keeps the rest (a proxy, say)", () => {
    const cleaned = buildEnv(env);
    expect(cleaned.npm_config_build_from_source).toBeUndefined();
    expect(cleaned.npm_config_runtime).toBeUndefined();
    expect(cleaned.https_proxy).toBe('http://proxy:3128');
    expect(cleaned.PATH).toBe('/usr/bin');
    expect(cleaned.ELECTRON_RUN_AS_NODE).toBe('1');
  });
});

/** Records every operation; `results` scripts how each command ends and whether it leaves a binary behind. */
function fakeOps(input: { existing?: string[]; results?: Array<{ ok: boolean; leavesBinary: boolean }> }) {
  const files = new Set(input.existing ?? []);
  const results = [...(input.results ?? [])];
  const log: string[] = [];
  const ran: BuildCommand[] = [];
  const ops: NativeBuildOps = {
    exists: (file) => files.has(file),
    makeTempDir: async () => {
      log.push('mkdtemp');
      return '/tmp/ln-x';
    },
    copyPackage: async (from, to) => {
      log.push(`copy ${from} -> ${to}`);
    },
    run: async (command) => {
      ran.push(command);
      const result = results.shift() ?? { ok: false, leavesBinary: false };
      if (result.leavesBinary) files.add(path.join(command.cwd, 'build', 'Release', 'better_sqlite3.node'));
      return { ok: result.ok, output: `${command.label} output` };
    },
    install: async (from, to) => {
      log.push(`install ${from} -> ${to}`);
      files.add(to);
    },
    removeDir: async (dir) => {
      log.push(`rm ${dir}`);
    },
  };
  return { ops, log, ran, files };
}

const ensure = (ops: NativeBuildOps, extra: { onBuildStart?: () => void; onBuildEnd?: () => void } = {}) =>
  ensureNativeBinding({ native, userData, packageDir: '/app/node_modules/better-sqlite3', tools, env: {}, ops, ...extra });

describe('ensureNativeBinding', () => {
  it('uses an existing binary without building or showing anything', async () => {
    const { ops, ran, log } = fakeOps({ existing: [target] });
    const onBuildStart = vi.fn();
    expect(await ensure(ops, { onBuildStart })).toEqual({ ok: true, file: target, built: false });
    expect(ran).toEqual([]);
    expect(log).toEqual([]);
    expect(onBuildStart).not.toHaveBeenCalled();
  });

  it('outside Electron gives the engine no binding at all', async () => {
    const { ops, ran } = fakeOps({});
    expect(await ensureNativeBinding({ native: null, userData, packageDir: '/p', tools, env: {}, ops })).toEqual({ ok: true, file: null, built: false });
    expect(ran).toEqual([]);
  });

  it('builds a missing binary once with prebuild-install in a temporary copy and installs it, with a message shown meanwhile', async () => {
    const { ops, ran, log, files } = fakeOps({ results: [{ ok: true, leavesBinary: true }] });
    const order: string[] = [];
    const result = await ensure(ops, { onBuildStart: () => order.push('show'), onBuildEnd: () => order.push('hide') });
    expect(result).toEqual({ ok: true, file: target, built: true });
    expect(ran.map((command) => command.label)).toEqual(['prebuild-install']);
    expect(log).toEqual([
      'mkdtemp',
      `copy /app/node_modules/better-sqlite3 -> ${path.join('/tmp/ln-x', 'better-sqlite3')}`,
      `install ${path.join('/tmp/ln-x', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')} -> ${target}`,
      'rm /tmp/ln-x',
    ]);
    expect(files.has(target)).toBe(true);
    expect(order).toEqual(['show', 'hide']);
  });

  it('compiles with node-gyp when no ready-made build can be downloaded', async () => {
    const { ops, ran } = fakeOps({ results: [{ ok: false, leavesBinary: false }, { ok: true, leavesBinary: true }] });
    expect(await ensure(ops)).toEqual({ ok: true, file: target, built: true });
    expect(ran.map((command) => command.label)).toEqual(['prebuild-install', 'node-gyp']);
  });

  it('does not trust a command that says it succeeded but left no binary', async () => {
    const { ops, ran } = fakeOps({ results: [{ ok: true, leavesBinary: false }, { ok: true, leavesBinary: true }] });
    expect(await ensure(ops)).toMatchObject({ ok: true, built: true });
    expect(ran).toHaveLength(2);
  });

  it('offline: reports failure with the target file and both outputs, installs nothing, and cleans up', async () => {
    const { ops, log, files } = fakeOps({ results: [{ ok: false, leavesBinary: false }, { ok: false, leavesBinary: false }] });
    const onBuildEnd = vi.fn();
    const result = await ensure(ops, { onBuildEnd });
    expect(result).toMatchObject({ ok: false, file: target });
    if (!result.ok) expect(result.log).toContain('prebuild-install output');
    if (!result.ok) expect(result.log).toContain('node-gyp output');
    expect(files.has(target)).toBe(false);
    expect(log.at(-1)).toBe('rm /tmp/ln-x');
    expect(onBuildEnd).toHaveBeenCalledTimes(1);
  });

  it('turns an exception (a copy that fails, say) into a failure result', async () => {
    const { ops, log } = fakeOps({});
    ops.copyPackage = async () => {
      throw new Error('EACCES: permission denied');
    };
    expect(await ensure(ops)).toMatchObject({ ok: false, reason: 'EACCES: permission denied' });
    expect(log).toContain('rm /tmp/ln-x');
  });
});

describe('the real file-system and process operations', () => {
  const temps: string[] = [];
  const temp = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localyst-nb-'));
    temps.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("find better-sqlite3 and its prebuild-install in this project's node_modules", () => {
    const packageDir = betterSqlitePackageDir(import.meta.url);
    expect(fs.existsSync(path.join(packageDir, 'binding.gyp'))).toBe(true);
    const found = findBuildTools(packageDir, process.execPath);
    expect(found.prebuildInstallBin).toMatch(/prebuild-install[\\/]bin\.js$/);
    expect(fs.existsSync(found.prebuildInstallBin!)).toBe(true);
  });

  it('copy the package without its build folder (which holds the Node build)', async () => {
    const from = temp();
    fs.mkdirSync(path.join(from, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(from, 'build', 'Release', 'better_sqlite3.node'), 'node abi');
    fs.mkdirSync(path.join(from, 'src'));
    fs.writeFileSync(path.join(from, 'src', 'better_sqlite3.cpp'), '//');
    fs.writeFileSync(path.join(from, 'package.json'), '{}');
    fs.mkdirSync(path.join(from, 'buildtools'));
    const to = path.join(temp(), 'copy');
    await nodeBuildOps.copyPackage(from, to);
    expect(fs.existsSync(path.join(to, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(fs.existsSync(path.join(to, 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(to, 'buildtools'))).toBe(true);
    expect(fs.existsSync(path.join(to, 'build'))).toBe(false);
  });

  it('install the binary into a new folder, and count an empty file as missing', async () => {
    const dir = temp();
    const built = path.join(dir, 'built.node');
    fs.writeFileSync(built, 'binary');
    const destination = path.join(dir, 'userData', 'native', 'b.node');
    await nodeBuildOps.install(built, destination);
    expect(fs.readFileSync(destination, 'utf8')).toBe('binary');
    expect(fs.readdirSync(path.dirname(destination))).toEqual(['b.node']);
    expect(nodeBuildOps.exists(destination)).toBe(true);
    fs.writeFileSync(destination, '');
    expect(nodeBuildOps.exists(destination)).toBe(false);
    expect(nodeBuildOps.exists(path.join(dir, 'nothing'))).toBe(false);
  });

  it('run a command and report its exit and output; a missing command is a failure, not a throw', async () => {
    const base = { label: 'node-gyp' as const, cwd: temp(), env: process.env, shell: false, timeoutMs: 30_000 };
    const good = await runCommand({ ...base, command: process.execPath, args: ['-e', 'console.log("hello"); console.error("warn")'] });
    expect(good.ok).toBe(true);
    expect(good.output).toContain('hello');
    expect(good.output).toContain('warn');
    const bad = await runCommand({ ...base, command: process.execPath, args: ['-e', 'process.exit(3)'] });
    expect(bad.ok).toBe(false);
    const missing = await runCommand({ ...base, command: '/nonexistent/node-gyp', args: [] });
    expect(missing.ok).toBe(false);
    expect(missing.output).toContain('ENOENT');
  });

  it('stop a command that runs out of time', async () => {
    const result = await runCommand({
      label: 'prebuild-install',
      command: process.execPath,
      args: ['-e', 'setTimeout(() => {}, 60000)'],
      cwd: temp(),
      env: process.env,
      shell: false,
      timeoutMs: 200,
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('took longer than');
  });
});
