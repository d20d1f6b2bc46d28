import path from 'node:path';

/**
 * better-sqlite3 is a native module: the copy in node_modules is built for Node (tests, CLI, browser mode), but the
 * engine inside the desktop app runs on Electron's ABI. The engine is therefore given `--native-binding FILE`, a
 * binary built for this Electron version and CPU, kept in the user's data folder. The decisions (which file, whether
 * to build it, how) are pure functions here; the file system and the processes are injected.
 */

export type NativeTarget = { electronVersion: string; arch: string; platform: NodeJS.Platform };

export const BINARY_NAME = 'better_sqlite3.node';

/** `<userData>/native/better_sqlite3-electron-<version>-<arch>.node`: a new Electron version gets a new file. */
export function nativeBindingPath(userData: string, target: Pick<NativeTarget, 'electronVersion' | 'arch'>): string {
  return path.join(userData, 'native', `better_sqlite3-electron-${target.electronVersion}-${target.arch}.node`);
}

export type BuildCommand = {
  label: 'prebuild-install' | 'node-gyp';
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Only to run a `.cmd` shim on Windows. */
  shell: boolean;
  timeoutMs: number;
};

export type BuildPlan = {
  /** The file the engine will load. */
  target: string;
  /** better-sqlite3's own folder in node_modules (left untouched). */
  packageDir: string;
  /** The temporary copy the commands run in. */
  workDir: string;
  /** Where both commands leave the binary inside the copy. */
  builtFile: string;
  /** Tried in order until one leaves `builtFile` behind. */
  attempts: BuildCommand[];
};

export type BuildTools = {
  /** The Node to run the tools with: Electron's own executable in Node mode (ELECTRON_RUN_AS_NODE). */
  nodeExecutable: string;
  /** prebuild-install's bin.js, a dependency of better-sqlite3; null when it cannot be found. */
  prebuildInstallBin: string | null;
  /** node-gyp's bin script when installed next to the app; otherwise `node-gyp` from PATH is used. */
  nodeGypBin: string | null;
};

// npm passes settings to child processes as npm_config_*; these would change what is downloaded or built.
const BUILD_SETTINGS = [
  'npm_config_build_from_source',
  'npm_config_runtime',
  'npm_config_target',
  'npm_config_arch',
  'npm_config_target_arch',
  'npm_config_platform',
  'npm_config_target_platform',
  'npm_config_disturl',
  'npm_config_dist_url',
  'npm_config_debug',
  'npm_config_download',
];

/** The environment for the build tools: Electron runs them as plain Node, and npm's build settings are dropped. */
export function buildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!BUILD_SETTINGS.includes(name.toLowerCase())) result[name] = value;
  }
  result.ELECTRON_RUN_AS_NODE = '1';
  return result;
}

/**
 * How to get a binary for Electron: first better-sqlite3's own prebuild-install asks GitHub for the published
 * Electron build (seconds, needs the network); else node-gyp compiles it against Electron's headers (minutes,
 * needs the network for the headers and a C++ toolchain).
 */
export function planNativeBuild(input: {
  target: string;
  packageDir: string;
  tempDir: string;
  native: NativeTarget;
  tools: BuildTools;
  env: NodeJS.ProcessEnv;
}): BuildPlan {
  const workDir = path.join(input.tempDir, 'better-sqlite3');
  const env = buildEnv(input.env);
  const { electronVersion, arch, platform } = input.native;
  const attempts: BuildCommand[] = [];
  if (input.tools.prebuildInstallBin) {
    attempts.push({
      label: 'prebuild-install',
      command: input.tools.nodeExecutable,
      args: [input.tools.prebuildInstallBin, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'],
      cwd: workDir,
      env,
      shell: false,
      timeoutMs: 3 * 60_000,
    });
  }
  const gypArgs = [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${path.join(input.tempDir, 'electron-gyp')}`,
  ];
  attempts.push(
    input.tools.nodeGypBin
      ? { label: 'node-gyp', command: input.tools.nodeExecutable, args: [input.tools.nodeGypBin, ...gypArgs], cwd: workDir, env, shell: false, timeoutMs: 20 * 60_000 }
      : {
          label: 'node-gyp',
          command: platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp',
          args: gypArgs,
          cwd: workDir,
          env,
          shell: platform === 'win32',
          timeoutMs: 20 * 60_000,
        },
  );
  return { target: input.target, packageDir: input.packageDir, workDir, builtFile: path.join(workDir, 'build', 'Release', BINARY_NAME), attempts };
}

export type NativeBindingDecision =
  /** Not running in Electron: the module's own Node build is the right one. */
  | { action: 'none' }
  | { action: 'use'; file: string }
  | { action: 'build'; file: string };

/** Which binary the engine gets, and whether it has to be made first. */
export function decideNativeBinding(input: { electronVersion: string | undefined; userData: string; arch: string; targetExists: boolean }): NativeBindingDecision {
  if (!input.electronVersion) return { action: 'none' };
  const file = nativeBindingPath(input.userData, { electronVersion: input.electronVersion, arch: input.arch });
  return input.targetExists ? { action: 'use', file } : { action: 'build', file };
}

/** The file system and processes the build needs; real ones live in native-binding-host.ts. */
export type NativeBuildOps = {
  /** A usable (non-empty) file exists at this path. */
  exists(file: string): boolean;
  makeTempDir(): Promise<string>;
  /** Copies the package's sources, without its build folder (that holds the Node build). */
  copyPackage(from: string, to: string): Promise<void>;
  run(command: BuildCommand): Promise<{ ok: boolean; output: string }>;
  /** Puts the built binary in place atomically, creating the folder. */
  install(from: string, to: string): Promise<void>;
  removeDir(dir: string): Promise<void>;
};

export type NativeBindingResult =
  | { ok: true; file: string | null; built: boolean }
  | { ok: false; file: string; reason: string; log: string };

/** Returns the binary for the engine, building it once when missing. Never throws. */
export async function ensureNativeBinding(input: {
  native: NativeTarget | null;
  userData: string;
  packageDir: string;
  tools: BuildTools;
  env: NodeJS.ProcessEnv;
  ops: NativeBuildOps;
  /** Called only when a build is about to start (to show a message) and when it has ended. */
  onBuildStart?: () => void;
  onBuildEnd?: () => void;
}): Promise<NativeBindingResult> {
  const { native, ops } = input;
  if (!native) return { ok: true, file: null, built: false };
  const decision = decideNativeBinding({
    electronVersion: native.electronVersion,
    userData: input.userData,
    arch: native.arch,
    targetExists: ops.exists(nativeBindingPath(input.userData, native)),
  });
  if (decision.action === 'none') return { ok: true, file: null, built: false };
  if (decision.action === 'use') return { ok: true, file: decision.file, built: false };

  input.onBuildStart?.();
  let tempDir: string | null = null;
  const log: string[] = [];
  try {
    tempDir = await ops.makeTempDir();
    const plan = planNativeBuild({ target: decision.file, packageDir: input.packageDir, tempDir, native, tools: input.tools, env: input.env });
    await ops.copyPackage(plan.packageDir, plan.workDir);
    for (const attempt of plan.attempts) {
      const result = await ops.run(attempt);
      log.push(`$ ${attempt.label}\n${result.output.trim()}`);
      if (result.ok && ops.exists(plan.builtFile)) {
        await ops.install(plan.builtFile, plan.target);
        return { ok: true, file: plan.target, built: true };
      }
    }
    return {
      ok: false,
      file: decision.file,
      reason: 'Neither downloading a ready-made build nor compiling one worked.',
      log: log.join('\n\n'),
    };
  } catch (error) {
    return { ok: false, file: decision.file, reason: error instanceof Error ? error.message : String(error), log: log.join('\n\n') };
  } finally {
    if (tempDir) await ops.removeDir(tempDir).catch(() => undefined);
    input.onBuildEnd?.();
  }
}
