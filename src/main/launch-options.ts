import path from 'node:path';

/** Where electron-vite puts the pieces the main process needs, relative to the built main file's folder. */
export type BuiltFiles = {
  preload: string;
  rendererDir: string;
  rendererIndex: string;
  engineEntry: string;
};

/** `mainDir` is the folder of out/main/index.js. */
export function builtFiles(mainDir: string): BuiltFiles {
  const out = path.resolve(mainDir, '..');
  const rendererDir = path.join(out, 'renderer');
  return {
    preload: path.join(out, 'preload', 'index.cjs'),
    rendererDir,
    rendererIndex: path.join(rendererDir, 'index.html'),
    engineEntry: path.join(out, 'node', 'engine-process.js'),
  };
}

export type LaunchOptions = {
  /** The workspace folder the engine opens first. */
  workspace: string;
  /** Localyst's own folder (recent workspaces, settings): passed to the engine as --home. */
  home: string;
};

/** Reads `--name value` or `--name=value`; the last occurrence wins, like most command lines. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        found = next;
        i += 1;
      }
    } else if (arg.startsWith(`--${name}=`)) {
      found = arg.slice(name.length + 3);
    }
  }
  return found === '' ? undefined : found;
}

/**
 * The command line wins over the environment, which wins over the defaults: `<appData>/Localyst/workspaces/default`
 * for the workspace and Electron's userData folder for the home.
 */
export function launchOptions(input: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  appData: string;
  userData: string;
  cwd: string;
}): LaunchOptions {
  const workspace =
    readFlag(input.argv, 'workspace') ??
    nonEmpty(input.env.LOCALYST_WORKSPACE) ??
    path.join(input.appData, 'Localyst', 'workspaces', 'default');
  const home = readFlag(input.argv, 'home') ?? nonEmpty(input.env.LOCALYST_HOME) ?? input.userData;
  return { workspace: path.resolve(input.cwd, workspace), home: path.resolve(input.cwd, home) };
}

/**
 * The userData folder: `<appData>/Localyst`, the same folder the engine's `appHome()` uses for the CLI and the
 * browser mode, so the desktop app and the `localyst` command share their list of recent workspaces. (Electron's
 * default would be named after package.json's lower-case `name`, a different folder on Linux.)
 */
export function userDataDir(appData: string): string {
  return path.join(appData, 'Localyst');
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL, honoured only in an unpackaged app and only on the loopback interface: a
 * packaged Localyst must never load its page, with its preload, from somewhere an environment variable says.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): URL | null {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  if (url.username || url.password) return null;
  return url;
}

/** The arguments process-entry.ts understands. */
export function engineArgs(options: {
  workspace: string;
  home: string;
  nativeBinding?: string | null;
  appVersion: string;
  /** 'os': pseudonymisation keys come from main's OS key store (key-vault.ts) instead of plain key files. */
  keyStore?: 'os';
}): string[] {
  const args = ['--workspace', options.workspace, '--home', options.home];
  if (options.nativeBinding) args.push('--native-binding', options.nativeBinding);
  if (options.keyStore) args.push('--key-store', options.keyStore);
  args.push('--app-version', options.appVersion);
  return args;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
