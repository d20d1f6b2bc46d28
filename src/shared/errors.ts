/** Every error a user can meet has one of these codes; messages are plain language. */
export const errorCodes = [
  'bad-input',
  /** A file or folder the user did not choose (a path in a request, or an unknown or expired file handle). */
  'path-refused',
  'unknown-channel',
  'not-found',
  'conflict',
  'cancelled',
  'timeout',
  'engine-unavailable',
  'engine-restarted',
  'workspace-unwritable',
  'workspace-not-sqlite',
  'workspace-foreign',
  'workspace-not-folder',
  'workspace-corrupt',
  'workspace-too-new',
  'workspace-migrations-mismatch',
  'workspace-locked',
  'workspace-key-missing',
  /** An encrypted workspace that needs its passphrase (or recovery key) before it can be read. */
  'workspace-encrypted',
  /** The passphrase or recovery key does not open this workspace; nothing was changed. */
  'wrong-passphrase',
  'job-failed',
  'limit-exceeded',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * An error as data, as it crosses a thread, process or window (its shape is checked by error-schemas.ts at the
 * edges). Kept free of zod, so the reading workers that throw AppErrors start without loading it.
 */
export type AppErrorData = { code: ErrorCode; message: string; details?: unknown };

/** Thrown inside the engine; turned into an error envelope at the edge. Never crosses a process boundary as a throw. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): Envelope<never> => ({ ok: false, error });
