import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from '../../../src/engine/models/clv/summary';
import { TEST_DATA } from '../data-paths';

/** The CDNOW files as distributed with `lifetimes`, kept in test/data/cdnow. */
export const CDNOW_DIR = path.join(TEST_DATA, 'cdnow');

export type SummaryCsvRow = { id: string; x: number; tx: number; T: number };

/** cdnow_customers_summary.csv: ID, frequency, recency, T (weeks, rounded to 0.01). */
export function readCdnowSummary(): SummaryCsvRow[] {
  return readCsv('cdnow_customers_summary.csv').map((c) => ({ id: c[0] as string, x: Number(c[1]), tx: Number(c[2]), T: Number(c[3]) }));
}

/** cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar (mean repeat spend, rounded to cents). */
export function readCdnowSummaryWithSpend(): Array<SummaryCsvRow & { monetary: number }> {
  return readCsv('cdnow_customers_summary_with_transactions.csv').map((c) => ({
    id: c[0] as string,
    x: Number(c[1]),
    tx: Number(c[2]),
    T: Number(c[3]),
    monetary: Number(c[4]),
  }));
}

/** CDNOW_sample.txt (no header): master id, sample id, YYYYMMDD, CDs, dollars; keyed by the sample id. */
export function readCdnowSampleTransactions(): Transaction[] {
  return readWhitespace('CDNOW_sample.txt', 0).map((c) => ({ customerId: String(Number(c[1])), date: isoDate(c[2] as string), value: Number(c[4]) }));
}

/** CDNOW_master.txt (one header line): customer id, YYYYMMDD, CDs, dollars. */
export function readCdnowMasterTransactions(): Transaction[] {
  return readWhitespace('CDNOW_master.txt', 1).map((c) => ({ customerId: c[0] as string, date: isoDate(c[1] as string), value: Number(c[3]) }));
}

function readCsv(name: string): string[][] {
  return fs
    .readFileSync(path.join(CDNOW_DIR, name), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
}

function readWhitespace(name: string, skip: number): string[][] {
  return fs
    .readFileSync(path.join(CDNOW_DIR, name), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(skip)
    .map((l) => l.trim().split(/\s+/));
}

const isoDate = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** Rounds to the number of decimals a published figure shows, for digit-by-digit comparison. */
export const toDigits = (value: number, decimals: number): string => value.toFixed(decimals);
