import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createJobControl } from '../../../src/engine/jobs/control';
import type { JobControl } from '../../../src/engine/kernel/jobs';

/** A control that never cancels; or one that cancels after `afterChecks` calls of checkCancelled. */
export function control(afterChecks = Number.POSITIVE_INFINITY): JobControl & { updates: number } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let checks = 0;
  const inner = createJobControl(flag, () => undefined, 0);
  const wrapped = {
    updates: 0,
    progress: (u: Parameters<JobControl['progress']>[0]) => {
      wrapped.updates += 1;
      inner.progress(u);
    },
    checkCancelled: () => {
      checks += 1;
      if (checks > afterChecks) Atomics.store(flag, 0, 1);
      inner.checkCancelled();
    },
  };
  return wrapped;
}

export const MESSY_HEADER = 'Order No;Order Date;Customer;SKU;Item;Qty;Unit Price;Country';
export const MESSY_ROWS = [
  'A-1001;03/02/2024 10:15;K-17;CND-01;"Geurkaars ""Crème brûlée""; groot";2;12,50;Nederland',
  'A-1001;03/02/2024 10:15;K-17;CND-02;Theelichtjes (50 stuks);1;4,95;Nederland',
  'A-1002;14/02/2024 18:40;K-18;KIT-07;Schneidebrett Eiche;1;1.234,00;Deutschland',
  'A-1003;31/02/2024 09:00;K-19;CND-01;Geurkaars groot;1;12,50;België',
  'A-1004;29/02/2024 12:00;;CND-03;Kaarsenhouder messing;3;7,25;France',
  'A-1005;20/02/2024 11:00;K-18;KIT-07;Schneidebrett Eiche (retour);-1;1.234,00;Deutschland',
];

/** The messy export of the issue: Windows-1252, semicolons, decimal commas, day-first dates, one impossible date. */
export function writeMessyFile(dir: string, rows = MESSY_ROWS, name = 'bestellingen.csv'): string {
  const text = [MESSY_HEADER, ...rows].join('\r\n') + '\r\n';
  const file = path.join(dir, name);
  fs.writeFileSync(file, encode1252(text));
  return file;
}

/** Windows-1252 bytes for text whose characters are all in Latin-1 (plus the euro sign). */
export function encode1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    bytes[i] = code === 0x20ac ? 0x80 : code;
    if (code > 0xff && code !== 0x20ac) throw new Error(`not in Windows-1252: ${text[i]}`);
  }
  return bytes;
}

export const count = (db: Database.Database, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
