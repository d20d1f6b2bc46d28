import type { RawTable } from '../../../src/engine/ml/table';
import { createRng } from '../../../src/engine/kernel/random';

/** A seeded table of customers with every kind of column the twin meets: ids, personal data, numbers, dates, categories, free text. */
export function customerTable(rows: number, seed = 1): RawTable {
  const rng = createRng(seed, 3);
  const segments = ['gold', 'silver', 'bronze'];
  const out: RawTable = { columns: ['customer_id', 'email', 'full_name', 'age', 'income', 'joined', 'segment', 'churned', 'notes'], rows: [] };
  for (let i = 0; i < rows; i++) {
    const age = 18 + Math.floor(rng() * 60);
    const segment = segments[Math.floor(rng() * 3)] as string;
    const income = (20000 + age * 500 + rng() * 10000).toFixed(2);
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rng() * 1000) * 86_400_000).toISOString().slice(0, 10);
    const churned = rng() < (segment === 'bronze' ? 0.5 : 0.2) ? 'yes' : 'no';
    out.rows.push([
      `C${100000 + i}`,
      `person${i}@example.com`,
      `Person Number${i}`,
      String(age),
      rng() < 0.05 ? null : income,
      day,
      segment,
      churned,
      `Customer ${i} called about an order that arrived late and asked for a refund of the shipping costs.`,
    ]);
  }
  return out;
}

export const toCsv = (table: RawTable): string =>
  `${[table.columns.join(','), ...table.rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(','))].join('\n')}\n`;
