import path from 'node:path';

/**
 * better-sqlite3 is a native module: the copy in node_modules is built for Node (tests, CLI, browser mode), but the
 * engine inside the desktop app runs on Electron's ABI. That binary is made at packaging time
 * (scripts/build-electron-binding.sh, checksum pinned) and shipped with the app; nothing is downloaded or compiled
 * when the app runs. Here: which file the engine gets, as pure functions.
 */

export type NativeTarget = { electronVersion: string; arch: string; platform: NodeJS.Platform };

/** `better_sqlite3-electron-<version>-<platform>-<arch>.node`: the name the packaging script writes. */
export function nativeBindingName(target: NativeTarget): string {
  return `better_sqlite3-electron-${target.electronVersion}-${target.platform}-${target.arch}.node`;
}

/**
 * Where the app carries the binary: `<resources>/native/` once packaged (electron-builder's extraResources), and
 * `<app root>/build/native/` when run from the repository (`npm start`), where the packaging script leaves it.
 */
export function shippedBindingPath(input: { target: NativeTarget; isPackaged: boolean; resourcesPath: string; appRoot: string }): string {
  const dir = input.isPackaged ? path.join(input.resourcesPath, 'native') : path.join(input.appRoot, 'build', 'native');
  return path.join(dir, nativeBindingName(input.target));
}

export type NativeBindingDecision =
  /** Not running in Electron: the module's own Node build is the right one. */
  | { action: 'none' }
  /** The shipped binary: main passes it to the engine as `--native-binding`. */
  | { action: 'use'; file: string }
  /** The app was packaged without it: say so and quit; never fetch or build one. */
  | { action: 'missing'; file: string };

/** Which binary the engine gets. `exists` says whether a usable (non-empty) file is at a path. */
export function decideNativeBinding(input: {
  target: NativeTarget | null;
  isPackaged: boolean;
  resourcesPath: string;
  appRoot: string;
  exists: (file: string) => boolean;
}): NativeBindingDecision {
  if (!input.target) return { action: 'none' };
  const file = shippedBindingPath({ target: input.target, isPackaged: input.isPackaged, resourcesPath: input.resourcesPath, appRoot: input.appRoot });
  return input.exists(file) ? { action: 'use', file } : { action: 'missing', file };
}
