import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * What one imported file may ask of the engine. A file past a limit is refused with `limit-exceeded`, naming the
 * limit and where it was met, instead of filling memory or the disk. The README ("Importing your data") lists these.
 */
export type ReadLimits = {
  /** Characters in one cell. */
  fieldChars: number;
  /** Characters in one line of a CSV or JSON-lines file (an unclosed quote makes the rest of the file one line). */
  lineChars: number;
  /** Distinct shared strings in an Excel workbook. */
  sharedStrings: number;
  /** Characters of all shared strings of a workbook together. */
  sharedStringChars: number;
  /** Bytes one part of an Excel workbook (a sheet, the shared strings) may unpack to. */
  xlsxEntryBytes: number;
  /** Bytes a .gz file may unpack to. */
  gzipBytes: number;
  /** How many times its own size a .gz file may unpack to, once past `gzipRatioFloorBytes`. */
  gzipRatio: number;
  gzipRatioFloorBytes: number;
};

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const READ_LIMITS: ReadLimits = {
  fieldChars: 1 * MiB,
  lineChars: 4 * MiB,
  sharedStrings: 1_000_000,
  sharedStringChars: 256 * MiB,
  xlsxEntryBytes: 2 * GiB,
  gzipBytes: 8 * GiB,
  gzipRatio: 200,
  gzipRatioFloorBytes: 64 * MiB,
};

/** Memory for the worker that inspects and previews a file (the engine itself is never at risk). */
export const INSPECT_WORKER_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };

/** Memory for the worker that reads, parses and types a big import's rows (it keeps only a few batches at a time). */
export const IMPORT_READ_WORKER_LIMITS = INSPECT_WORKER_LIMITS;

/** A limit as people read it: "2 GiB", "1,048,576 characters", "1,000,000". */
export function sizeText(value: number, unit: 'bytes' | 'characters' | 'count'): string {
  if (unit === 'bytes' && value >= GiB && value % GiB === 0) return `${value / GiB} GiB`;
  if (unit === 'bytes' && value >= MiB && value % MiB === 0) return `${value / MiB} MiB`;
  const n = value.toLocaleString('en-US');
  return unit === 'count' ? n : `${n} ${unit}`;
}

/** The error for a file past one of the limits; `details` says which limit and where. */
export function limitExceeded(
  file: string,
  limit: keyof ReadLimits | 'memory',
  message: string,
  where: { row?: number; column?: string } = {},
): AppError {
  const at = where.row !== undefined ? ` (row ${where.row}${where.column ? `, column "${where.column}"` : ''})` : '';
  return new AppError('limit-exceeded', `${path.basename(file)}${at}: ${message}`, { file, limit, ...where });
}
