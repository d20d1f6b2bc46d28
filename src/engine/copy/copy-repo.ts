import type { Db } from '../db/open-workspace';

/** Whether the workspace sells a product of this name (its reviews then speak about the brief's product). */
export function productKnown(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM products WHERE name = ? COLLATE NOCASE LIMIT 1').get(name) !== undefined;
}

/** Whether there is anyone to learn from: audience insight needs customers. */
export function hasCustomers(db: Db): boolean {
  return db.prepare('SELECT 1 FROM customers LIMIT 1').get() !== undefined;
}
