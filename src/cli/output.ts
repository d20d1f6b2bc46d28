import type { AppErrorData } from '../shared/errors';

export type OutputMode = { json: boolean };

/** Prints a command's one result: a single JSON document with --json, else readable text. */
export function printResult(mode: OutputMode, value: unknown, human: () => string): void {
  if (mode.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

/** Prints a failure (`{"error":{code,message,details}}` with --json) and sets exit code 1. */
export function printError(mode: OutputMode, error: AppErrorData): void {
  if (mode.json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details ?? null } }, null, 2)}\n`);
  else {
    process.stderr.write(`Error [${error.code}]: ${error.message}\n`);
    if (error.details !== undefined) process.stderr.write(`${JSON.stringify(error.details, null, 2)}\n`);
  }
  process.exitCode = 1;
}

/** Aligned two-column text for human output. */
export function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

export const formatNumber = (n: number, digits = 0): string =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
