import { describeError, type HostLog } from './respond';

export type ProcessGuardOptions = {
  /** Whether the engine still answers (a cheap request that reads the workspace). */
  engineAnswers: () => Promise<boolean>;
  log: HostLog;
  /** Ends the process with this exit code (the guard never ends it otherwise). */
  exit: (code: number) => void;
  /** How long the engine may take to answer the check. */
  checkTimeoutMs?: number;
};

/**
 * What `localyst serve` does with an error nothing caught (the host's own handlers catch theirs, so this is the
 * engine or a library): log it with its stack and keep serving, then ask the engine for a cheap answer. If the
 * engine no longer answers, a crash is not hidden behind a page that cannot work: the process exits with 1.
 */
export function createUncaughtHandler(options: ProcessGuardOptions): (error: unknown, origin?: string) => void {
  let checking = false;
  return (error, origin) => {
    const what = origin === 'unhandledRejection' ? 'promise rejection' : 'error';
    options.log(`localyst serve: uncaught ${what}, still serving: ${describeError(error)}`);
    if (checking) return;
    checking = true;
    void withTimeout(options.engineAnswers(), options.checkTimeoutMs ?? 10_000)
      .catch(() => false)
      .then((answers) => {
        checking = false;
        if (answers) return;
        options.log('localyst serve: the engine no longer answers after that error; stopping. Start `localyst serve` again.');
        options.exit(1);
      });
  };
}

/** Installs the handler for the life of the process (uncaught exceptions and, through them, unhandled rejections). */
export function guardServeProcess(options: ProcessGuardOptions): () => void {
  const handler = createUncaughtHandler(options);
  process.on('uncaughtException', handler);
  return () => process.off('uncaughtException', handler);
}

function withTimeout(promise: Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
