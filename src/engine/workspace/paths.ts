import os from 'node:os';
import path from 'node:path';

/** Localyst's own folder in the OS's application-data location (LOCALYST_HOME overrides it). */
export function appHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LOCALYST_HOME) return path.resolve(env.LOCALYST_HOME);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Localyst');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Localyst');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Localyst');
}

/** The workspace opened when none is named: LOCALYST_WORKSPACE, else `<app home>/workspaces/default`. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LOCALYST_WORKSPACE) return path.resolve(env.LOCALYST_WORKSPACE);
  return path.join(appHome(env, platform), 'workspaces', 'default');
}
