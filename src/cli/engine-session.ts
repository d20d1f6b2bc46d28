import path from 'node:path';
import { createEngine, DB_FILE_NAME, defaultWorkspaceDir, isEncryptedWorkspace, type Engine } from '../engine';
import type { UnlockSecret } from '../shared/security-schemas';
import { currentSecret } from './passphrase';
import { AppError, type AppErrorData } from '../shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from '../shared/contract';
import type { FileUse } from '../shared/file-schemas';
import { appVersion } from './version';

export type GlobalOptions = { workspace?: string; json?: boolean };

/** Opens the engine on the chosen workspace for one command; the caller closes it. */
export async function openEngine(options: GlobalOptions, door: 'cli' | 'serve' = 'cli'): Promise<Engine> {
  const dir = workspaceDirOf(options);
  const secret = await secretFor(dir);
  return createEngine({ workspaceDir: dir, appVersion: appVersion(), slowMs: Number.POSITIVE_INFINITY, door, ...(secret ? { secret } : {}) });
}

export const workspaceDirOf = (options: GlobalOptions): string => (options.workspace ? path.resolve(options.workspace) : defaultWorkspaceDir());

let asked: { dir: string; secret: UnlockSecret } | null = null;

/** An encrypted workspace's passphrase (environment or prompt, asked once per command); undefined for a plain one. */
export async function secretFor(dir: string): Promise<UnlockSecret | undefined> {
  if (!isEncryptedWorkspace(dir, path.join(dir, DB_FILE_NAME))) return undefined;
  if (asked?.dir !== dir) asked = { dir, secret: await currentSecret(dir) };
  return asked.secret;
}

/**
 * For commands that only read (doctor, stats): the workspace as a writer when it is free, else read-only beside
 * the program that holds it (the desktop app or `localyst serve`), saying so on stderr.
 */
export async function openEngineToRead(options: GlobalOptions): Promise<Engine> {
  try {
    return await openEngine(options);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'workspace-locked') throw error;
    const dir = workspaceDirOf(options);
    const secret = await secretFor(dir);
    const engine = await createEngine({ workspaceDir: dir, appVersion: appVersion(), slowMs: Number.POSITIVE_INFINITY, readOnly: true, ...(secret ? { secret } : {}) });
    process.stderr.write(`${error.message.split('. ')[0]}: opened read-only.\n`);
    return engine;
  }
}

/** Calls one channel and returns its value, throwing the envelope's error as an AppError. */
export async function call<K extends Channel>(engine: Engine, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const envelope = await engine.invoke(channel, input);
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value as ChannelOutput<K>;
}

/**
 * A path typed on the command line is the user's own choice: the CLI grants it to the engine for one use and
 * sends the handle, as the desktop does with a dialog's answer. A request never carries the path itself.
 */
export function chosenFile(engine: Engine, file: string, use: FileUse): string {
  return engine.grantFile(path.resolve(file), use).handle;
}

export function toErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
