import type { Command } from 'commander';
import { createEngine, type Engine } from '../engine';
import { AppError } from '../shared/errors';
import type { DecryptResult, EncryptResult } from '../shared/security-schemas';
import { runJob, withEngine } from './commands';
import { call, secretFor, toErrorData, workspaceDirOf, type GlobalOptions } from './engine-session';
import { printError, printResult, table } from './output';
import { newPassphrase } from './passphrase';
import { appVersion } from './version';

const RECOVERY_WARNING =
  'Write this recovery key down and keep it apart from the computer (a password manager, a safe). It is shown this once ' +
  'and stored nowhere. With neither the passphrase nor this key, the data in this workspace cannot be recovered by ' +
  'anyone, Localyst included.';

/** `localyst workspace create|encrypt|decrypt|passphrase`: the encrypted workspace on the command line. */
export function registerWorkspaceCommands(program: Command, withGlobals: (cmd: Command) => Command): void {
  const workspace = program.command('workspace').description('create a workspace; encrypt or decrypt it; change its passphrase');
  withGlobals(
    workspace
      .command('create')
      .description('make a new workspace (with --encrypt: encrypted from its first byte; prints its recovery key once)')
      .option('--encrypt', 'encrypt it with a passphrase (LOCALYST_PASSPHRASE, or asked twice)'),
  ).action((opts: GlobalOptions & { encrypt?: boolean }) => createCommand(opts));
  withGlobals(workspace.command('encrypt').description('encrypt this workspace, its WAL and backups (passphrase: LOCALYST_PASSPHRASE, or asked twice)')).action(
    (opts: GlobalOptions) => encryptCommand(opts),
  );
  withGlobals(workspace.command('decrypt').description('turn this encrypted workspace back into a plain one (asks its passphrase)')).action(
    (opts: GlobalOptions) => decryptCommand(opts),
  );
  withGlobals(
    workspace.command('passphrase').description('change the passphrase (LOCALYST_PASSPHRASE: the current one; LOCALYST_NEW_PASSPHRASE: the new one)'),
  ).action((opts: GlobalOptions) => passphraseCommand(opts));
}

async function createCommand(options: GlobalOptions & { encrypt?: boolean }): Promise<void> {
  const mode = { json: Boolean(options.json) };
  const dir = workspaceDirOf(options);
  let engine: Engine | undefined;
  try {
    const passphrase = options.encrypt ? await newPassphrase('LOCALYST_PASSPHRASE', 'a passphrase for the new workspace') : undefined;
    engine = await createEngine({ workspaceDir: dir, appVersion: appVersion(), slowMs: Number.POSITIVE_INFINITY, door: 'cli', ...(passphrase !== undefined ? { encrypt: { passphrase } } : {}) });
    const info = await call(engine, 'workspace.current', {});
    const recoveryKey = engine.takeRecoveryKey();
    printResult(mode, { workspace: info.path, encrypted: info.encrypted, ...(recoveryKey ? { recoveryKey, warning: RECOVERY_WARNING } : {}) }, () =>
      recoveryKey
        ? `Created the encrypted workspace ${info.path}.\n\nRecovery key:  ${recoveryKey}\n\n${RECOVERY_WARNING}`
        : `Created the workspace ${info.path} (not encrypted).`,
    );
  } catch (error) {
    printError(mode, toErrorData(error));
  } finally {
    await engine?.close();
  }
}

async function encryptCommand(options: GlobalOptions): Promise<void> {
  let passphrase = '';
  await withEngine(
    options,
    async (engine, mode) => {
      if ((await call(engine, 'workspace.current', {})).encrypted) throw new AppError('conflict', 'This workspace is already encrypted. Use `localyst workspace passphrase` to change its passphrase.');
      passphrase = await newPassphrase('LOCALYST_PASSPHRASE', 'a passphrase for this workspace');
      const result = (await runJob(engine, () => call(engine, 'workspace.encrypt', { passphrase, remember: false }))) as EncryptResult;
      printResult(mode, { ...result, warning: RECOVERY_WARNING }, () =>
        `Encrypted with ${result.cipher} in ${result.seconds.toFixed(1)} s.\n\nRecovery key:  ${result.recoveryKey}\n\n${RECOVERY_WARNING}`,
      );
    },
  );
}

async function decryptCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const secret = await secretFor(workspaceDirOf(options));
    if (!secret) throw new AppError('conflict', 'This workspace is not encrypted.');
    const result = (await runJob(engine, () => call(engine, 'workspace.decrypt', secret))) as DecryptResult;
    printResult(mode, { ...result, encrypted: false }, () =>
      `Decrypted in ${result.seconds.toFixed(1)} s. The workspace is now stored in plain: anyone who can read its folder can read its data.`,
    );
  });
}

async function passphraseCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine, mode) => {
    const current = await secretFor(workspaceDirOf(options));
    if (!current) throw new AppError('conflict', 'This workspace is not encrypted. Encrypt it with `localyst workspace encrypt`.');
    const next = await newPassphrase('LOCALYST_NEW_PASSPHRASE', 'the new passphrase');
    await call(engine, 'workspace.passphrase', { current, next });
    printResult(mode, { changed: true }, () => table([['Passphrase', 'changed (the data key was re-wrapped; the recovery key still works)']]));
  });
}
