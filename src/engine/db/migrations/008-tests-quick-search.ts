import type { Migration } from './types';

/** The display name of a customers row as the triggers see it: identical to NAME_SQL in customers/columns.ts. */
const name = (row: 'new' | 'old'): string => `nullif(trim(coalesce(${row}.first_name, '') || ' ' || coalesce(${row}.last_name, '')), '')`;
const COLUMNS = 'rowid, customer_id, name, email, city, country';
const values = (row: 'new'): string => `${row}.id, ${row}.external_id, ${name(row)}, ${row}.email, ${row}.city, ${row}.country`;

/**
 * The explorer's quick search through an index (issue 12): a trigram full-text index over the five columns it
 * looks in (customer id, display name, e-mail, city, country), so "contains" no longer reads every customer.
 * Contentless (`content=''`): the index keeps trigrams and row ids, not a second copy of the values, and with
 * `contentless_delete=1` a row is deleted by id alone. `secure-delete` makes a delete remove the row's entries from
 * the index at once instead of leaving them under a delete marker until the next merge: an erased customer must
 * not stay findable or readable in the file. Triggers keep the index in step with every writer (imports, their
 * undo, the demo, erasure), and the last statement fills it for the customers a workspace already has.
 */
export const migration008: Migration = {
  version: 8,
  name: 'tests-quick-search',
  up: `
    CREATE VIRTUAL TABLE customers_search USING fts5(
      customer_id, name, email, city, country,
      content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    INSERT INTO customers_search (customers_search, rank) VALUES ('secure-delete', 1);

    CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customers_search (${COLUMNS}) VALUES (${values('new')});
    END;
    CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
      DELETE FROM customers_search WHERE rowid = old.id;
    END;
    CREATE TRIGGER customers_search_update AFTER UPDATE OF id, external_id, first_name, last_name, email, city, country ON customers BEGIN
      DELETE FROM customers_search WHERE rowid = old.id;
      INSERT INTO customers_search (${COLUMNS}) VALUES (${values('new')});
    END;

    INSERT INTO customers_search (${COLUMNS})
      SELECT id, external_id, ${name('new').replaceAll('new.', '')}, email, city, country FROM customers;
  `,
};
