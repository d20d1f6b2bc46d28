import type { AppErrorData, ErrorCode } from '../../../shared/errors';

/** A failed contract call: the engine's error envelope, or one the client made up (timeout, dropped connection). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  static from(data: AppErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details);
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

/** Any thrown value as an ApiError, so the UI always has a code and a plain message to show. */
export function toApiError(value: unknown): ApiError {
  if (value instanceof ApiError) return value;
  if (value instanceof Error) return new ApiError('internal', value.message);
  return new ApiError('internal', String(value));
}
