import { AppError } from '../shared/errors';
import type { UnlockSecret } from '../shared/security-schemas';

/**
 * Where the command line gets an encrypted workspace's secrets: LOCALYST_PASSPHRASE (or LOCALYST_RECOVERY_KEY) from
 * the environment, else a prompt on the terminal that does not echo. Without a terminal and without the variable
 * the command stops with an error that names the variable: it never waits on a pipe.
 */
export async function currentSecret(dir: string): Promise<UnlockSecret> {
  const env = process.env.LOCALYST_PASSPHRASE;
  if (env) return { passphrase: env };
  const recovery = process.env.LOCALYST_RECOVERY_KEY;
  if (recovery) return { recoveryKey: recovery };
  if (!process.stdin.isTTY) {
    throw new AppError(
      'workspace-encrypted',
      `The workspace ${dir} is encrypted and there is no terminal to ask for its passphrase. Set LOCALYST_PASSPHRASE (or LOCALYST_RECOVERY_KEY) in the environment.`,
      { file: dir, folder: dir },
    );
  }
  return { passphrase: await promptHidden(`Passphrase for ${dir}: `) };
}

/** A new passphrase: from `variable` when set, else asked twice on the terminal (the two must match). */
export async function newPassphrase(variable: 'LOCALYST_PASSPHRASE' | 'LOCALYST_NEW_PASSPHRASE', what: string): Promise<string> {
  const env = process.env[variable];
  if (env) return env;
  if (!process.stdin.isTTY) {
    throw new AppError('bad-input', `There is no terminal to ask for ${what}. Set ${variable} in the environment.`, { field: variable });
  }
  const first = await promptHidden(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)}: `);
  const second = await promptHidden('Once more, to be sure: ');
  if (first !== second) throw new AppError('bad-input', 'The two passphrases differ; nothing was changed. Try again.', { field: 'passphrase' });
  return first;
}

/** Reads one line from the terminal without echoing it (raw mode); Ctrl-C cancels. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new AppError('cancelled', 'Cancelled; nothing was changed.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
        else text += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
