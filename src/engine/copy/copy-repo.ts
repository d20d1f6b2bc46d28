import type { Db } from '../db/open-workspace';

/** Whether there is anyone to learn from: audience insight needs customers. */
export function hasCustomers(db: Db): boolean {
  return db.prepare('SELECT 1 FROM customers LIMIT 1').get() !== undefined;
}
