import { columnKinds, filterValueFor, type ColumnFilter, type CustomerColumn, type CustomerView } from '../../shared/customer-schemas';
import { COLUMN_SQL, FROM_SQL, ID_SQL, type Alias } from './columns';

/** A piece of SQL and the values bound to its `?` placeholders, in order. */
export type Sql = { sql: string; params: Array<string | number> };

/** The columns the quick search looks in (case-insensitive "contains"). */
export const QUICK_SEARCH_COLUMNS = ['customerId', 'name', 'email', 'city', 'country'] as const;

/**
 * `walk`: read rows in the order of the first sort column's index and stop once the page is full (fast when many
 * rows match). `filter`: find the matching rows first (through an index when a filter has one, else by a scan), then
 * sort only those. `search`: read the quick search's matches from the trigram index, in id order; unsorted, the page
 * stops once it is full, sorted, the matches are sorted (see searchLeads).
 */
export type Plan = 'walk' | 'filter' | 'search';

type Condition = { table: Alias; sql: string; params: Array<string | number> };

/** LIKE cannot see past a NUL (it ends the pattern), so values holding one are matched with instr instead. */
function containsSql(expr: string, value: string, how: 'contains' | 'startsWith' | 'endsWith'): Sql {
  if (value.includes('\u0000')) {
    const lowered = `lower(${expr})`;
    if (how === 'contains') return { sql: `instr(${lowered}, lower(?)) > 0`, params: [value] };
    if (how === 'startsWith') return { sql: `instr(${lowered}, lower(?)) = 1`, params: [value] };
    return { sql: `(${expr} IS NOT NULL AND substr(${lowered}, -?) = lower(?))`, params: [[...value].length, value] };
  }
  const escaped = value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  const pattern = how === 'contains' ? `%${escaped}%` : how === 'startsWith' ? `${escaped}%` : `%${escaped}`;
  return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [pattern] };
}

/** One filter as a condition; `noIndex` keeps SQLite from preferring this column's index to the sort's. */
export function filterCondition(filter: ColumnFilter, noIndex: boolean): Condition {
  const spec = COLUMN_SQL[filter.field];
  const kind = columnKinds[filter.field];
  const plus = (sql: string): string => (noIndex ? `+${sql}` : sql);
  const expr = plus(spec.value);
  const cond = (sql: string, params: Array<string | number> = []): Condition => ({ table: spec.table, sql, params });
  const blank = kind === 'text' ? `(${expr} IS NULL OR ${expr} = '')` : `${expr} IS NULL`;
  if (filter.op === 'blank') return cond(blank);
  if (filter.op === 'notBlank') return cond(`NOT ${blank}`);

  // The schema guarantees a value of the column's kind for every other operator.
  const value = filterValueFor(kind, filter.value) as string | number;
  const collate = kind === 'text' ? ' COLLATE NOCASE' : '';
  switch (filter.op) {
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      const like = containsSql(expr, String(value), filter.op);
      return cond(like.sql, like.params);
    }
    case 'notContains': {
      const like = containsSql(expr, String(value), 'contains');
      return cond(`(${expr} IS NULL OR NOT (${like.sql}))`, like.params);
    }
    case 'equals':
      return cond(`${expr} = ?${collate}`, [value]);
    case 'notEqual':
      return cond(`(${expr} IS NULL OR ${expr} <> ?${collate})`, [value]);
    case 'lessThan':
      // On a timestamp, `raw < day` is the same test as `substr(raw, 1, 10) < day`, and an index can serve it.
      return cond(`${spec.raw ? plus(spec.raw) : expr} < ?`, [value]);
    case 'lessThanOrEqual':
      return cond(`${expr} <= ?`, [value]);
    case 'greaterThan':
      return cond(`${expr} > ?`, [value]);
    case 'greaterThanOrEqual':
      return cond(`${spec.raw ? plus(spec.raw) : expr} >= ?`, [value]);
    case 'inRange': {
      const to = filterValueFor(kind, filter.valueTo) as string | number;
      const [lo, hi] = value <= to ? [value, to] : [to, value];
      return cond(`${spec.raw ? plus(spec.raw) : expr} >= ? AND ${expr} <= ?`, [lo, hi]);
    }
  }
}

/** The fewest characters the trigram index can look up; shorter terms are matched by reading every customer. */
export const QUICK_SEARCH_INDEXED_LENGTH = 3;

/** Whether a quick search term is looked up in the trigram index (migration 008) rather than by a scan. */
export const quickSearchUsesIndex = (term: string): boolean =>
  [...term.trim()].length >= QUICK_SEARCH_INDEXED_LENGTH && !term.includes('\u0000');

/**
 * How a quick search is tested: `index` looks every match up in the trigram index at once (what a count or a
 * filter-first page needs); `row` tests each row read while walking a sort index (see rowSearchSql).
 */
type SearchBy = 'index' | 'row';

/** The trigram index's query for a term: one quoted phrase (the term's characters in a row, in one column). */
const searchPhrase = (term: string): string => `"${term.trim().replace(/"/g, '""')}"`;

/** "Contains" in any of the quick search's columns with LIKE, which folds ASCII letters only. */
function likeAnyColumn(term: string): Sql {
  const parts = QUICK_SEARCH_COLUMNS.map((column) => containsSql(COLUMN_SQL[column].value, term, 'contains'));
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

/**
 * The characters outside ASCII that the trigram index folds into ASCII letters (Kelvin sign → k, long s → s), as
 * SQLite 3.53 does; a unit test reads them from SQLite itself, so an upgrade that changes them fails there.
 */
export const FOLDED_INTO_ASCII = ['\u212A', '\u017F'] as const;
const FOLDED_GLOB = `*[${FOLDED_INTO_ASCII.join('')}]*`;
const SEARCHED_RAW = ['c.external_id', 'c.first_name', 'c.last_name', 'c.email', 'c.city', 'c.country'] as const;

/**
 * The trigram index's answer for the row being read, without asking the index for most rows: asking it about one
 * id costs about as much as reading every match up to that id, so a walk that asked it for each row read would
 * crawl. For a term in ASCII, the index matches a row exactly when LIKE does (both fold ASCII letters and compare
 * the rest as is), unless the row holds one of the two characters the index folds into ASCII, or a NUL (LIKE stops
 * reading there): only such rows ask it. A term beyond ASCII asks the index for every row.
 */
function rowSearchSql(term: string): Sql {
  const asks = { sql: 'EXISTS (SELECT 1 FROM customers_search WHERE customers_search MATCH ? AND rowid = c.id)', params: [searchPhrase(term)] };
  // eslint-disable-next-line no-control-regex -- ASCII is exactly U+0000 to U+007F
  if (!/^[\u0000-\u007F]*$/.test(term)) return asks;
  const like = likeAnyColumn(term);
  const folded = SEARCHED_RAW.map((column) => `${column} GLOB ? OR instr(${column}, char(0)) > 0`);
  return {
    sql: `(${like.sql} OR ((${folded.join(' OR ')}) AND ${asks.sql}))`,
    params: [...like.params, ...folded.map(() => FOLDED_GLOB), ...asks.params],
  };
}

/** The trigram index as the first table read (plan `search`); `s.rowid` is the customer's id. */
const SEARCH_MATCH = 's.customers_search MATCH ?';

/**
 * "Contains" in any of the quick search's columns. From three characters on, the trigram index answers it (one
 * quoted phrase: the term's characters in a row, case-insensitive, in one column); a shorter term matches so many
 * customers that a scan with LIKE costs about what a page walk stops early for, and the index cannot look it up.
 */
function quickSearchCondition(term: string, by: SearchBy): Condition | null {
  const trimmed = term.trim();
  if (trimmed === '') return null;
  if (quickSearchUsesIndex(trimmed)) {
    if (by === 'row') return { table: 'c', ...rowSearchSql(trimmed) };
    return { table: 'c', sql: 'c.id IN (SELECT rowid FROM customers_search WHERE customers_search MATCH ?)', params: [searchPhrase(trimmed)] };
  }
  return { table: 'c', ...likeAnyColumn(trimmed) };
}

/**
 * When walking, filters on the walked table must not tempt SQLite into another index, except a filter on the sort
 * column itself: its range is a stretch of the very index being walked.
 */
function conditions(view: CustomerView, noIndexOn: Alias | null, searchBy: SearchBy = 'index'): Condition[] {
  const sortField = view.sort[0]?.field;
  const list = view.filters.map((f) => filterCondition(f, COLUMN_SQL[f.field].table === noIndexOn && f.field !== sortField));
  const search = quickSearchCondition(view.quickSearch, searchBy);
  return search ? [...list, search] : list;
}

const whereSql = (list: Condition[]): Sql =>
  list.length === 0
    ? { sql: '', params: [] }
    : { sql: ` WHERE ${list.map((c) => c.sql).join(' AND ')}`, params: list.flatMap((c) => c.params) };

/** The tables the filters and the quick search need (the sort aside). */
export function filterTables(view: CustomerView): Set<Alias> {
  const tables = new Set<Alias>(view.filters.map((f) => COLUMN_SQL[f.field].table));
  if (view.quickSearch.trim() !== '') tables.add('c');
  return tables;
}

/** The table that decides the order: the first sort column's, else customers (ordered by id). */
export const leadTable = (view: CustomerView): Alias => (view.sort[0] ? COLUMN_SQL[view.sort[0].field].table : 'c');

/** Whether an index can deliver rows in the view's order (then `walk` is possible). */
export const canWalk = (view: CustomerView): boolean => (view.sort[0] ? COLUMN_SQL[view.sort[0].field].indexed : true);

const RANGE_OPS: readonly string[] = ['equals', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange'];

/** Whether SQLite can find this filter's rows through an index (migrations 002/003). */
export function filterUsesIndex(filter: ColumnFilter): boolean {
  const spec = COLUMN_SQL[filter.field];
  if (!spec.indexed) return false;
  if (spec.kind === 'text') return filter.op === 'equals';
  if (spec.kind === 'number') return RANGE_OPS.includes(filter.op);
  return filter.op === 'lessThan' || filter.op === 'greaterThanOrEqual' || filter.op === 'inRange';
}

/**
 * A row visited while walking an index costs about four rows read in a scan: it is a random lookup. (Measured at a
 * million customers: 2.4 µs against 0.5 µs for a scanned row with the quick search's five LIKEs.)
 */
const WALK_VISIT_COST = 4;

/**
 * Whether the trigram index leads: an indexed quick search and no filter with an index of its own. The index then
 * hands out the matches in id order, fast however many there are (plan `search`); counting them stops at the cap.
 */
export const searchLeads = (view: CustomerView): boolean => quickSearchUsesIndex(view.quickSearch) && !view.filters.some(filterUsesIndex);

/**
 * Counting a quick search's matches stops after this many: "10,000+ customers match". Through the index that costs
 * a few milliseconds at most; a term too short for the index is counted by reading customers, so it stops sooner.
 * The exact number is counted when the user asks for it (`customers.count`).
 */
export function countCap(view: CustomerView): number | null {
  const term = view.quickSearch.trim();
  if (term === '') return null;
  return quickSearchUsesIndex(term) ? 10_000 : 1_000;
}

/**
 * Walking visits about `end × customers / matches` rows; filtering first reads the matches (or every customer when
 * no filter has an index) and sorts them. Walk when that is cheaper. When the trigram index leads, an unsorted page
 * reads its matches in id order; a sorted one sorts the matches when the count is exact (below the cap), and walks
 * the sort column's index when there are more (then a page is full after a few thousand rows at most). `capped`:
 * `matches` is only the cap, the true number is larger.
 */
export function choosePlan(view: CustomerView, matches: number, customers: number, end: number, capped = false): Plan {
  if (searchLeads(view)) return view.sort.length > 0 && capped && canWalk(view) ? 'walk' : 'search';
  if (!canWalk(view)) return 'filter';
  const walk = (WALK_VISIT_COST * end * customers) / Math.max(1, matches);
  const indexed = view.filters.some(filterUsesIndex) || quickSearchUsesIndex(view.quickSearch);
  const filter = (indexed ? matches : customers) + matches;
  return walk <= filter ? 'walk' : 'filter';
}

/** The table to read first when filtering: the one with an indexed filter, else the quick search's, else any filter's. */
function filterLead(view: CustomerView): Alias {
  if (quickSearchUsesIndex(view.quickSearch)) return 'c';
  const indexed = view.filters.find(filterUsesIndex);
  if (indexed) return COLUMN_SQL[indexed.field].table;
  if (view.quickSearch.trim() !== '') return 'c';
  return view.filters[0] ? COLUMN_SQL[view.filters[0].field].table : leadTable(view);
}

/** CROSS JOIN fixes SQLite's loop order: `outer` is read first (in index order when walking). */
function fromSql(tables: Set<Alias>, outer: Alias): string {
  if (tables.size === 1) return FROM_SQL[[...tables][0] as Alias];
  const inner: Alias = outer === 'c' ? 'm' : 'c';
  return `${FROM_SQL[outer]} CROSS JOIN ${FROM_SQL[inner]} ON ${ID_SQL[inner]} = ${ID_SQL[outer]}`;
}

/**
 * ORDER BY: the sort columns, then the id in the last column's direction (deterministic, and one index serves both).
 * With `noIndex` the keys are wrapped in a unary +, so SQLite sorts the matches instead of walking a sort index.
 */
export function orderSql(view: CustomerView, idSql: string, noIndex = false): string {
  const wrap = (sql: string): string => (noIndex ? `(+${sql})` : sql);
  const keys = view.sort.map((s) => {
    const spec = COLUMN_SQL[s.field];
    const key = `${wrap(spec.sort)}${spec.kind === 'text' ? ' COLLATE NOCASE' : ''}`;
    return `${key} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`;
  });
  const last = view.sort[view.sort.length - 1];
  return ` ORDER BY ${[...keys, `${wrap(idSql)} ${last?.dir === 'desc' ? 'DESC' : 'ASC'}`].join(', ')}`;
}

/**
 * The tables a `search` plan joins to the trigram index: those of the filters, and of the sort unless counting
 * (both when `joinAlways`).
 */
function searchTables(view: CustomerView, joinAlways: boolean, forCount = false): Set<Alias> {
  const tables = new Set<Alias>(view.filters.map((f) => COLUMN_SQL[f.field].table));
  if (!forCount) for (const s of view.sort) tables.add(COLUMN_SQL[s.field].table);
  if (joinAlways) tables.add('c').add('m');
  return tables;
}

/** FROM, WHERE and ORDER BY of a `search` plan: the trigram index read first, in id order, each match joined by id. */
function searchViewSql(view: CustomerView, tables: Set<Alias>): ViewSql {
  const joins = (['c', 'm'] as const).filter((t) => tables.has(t)).map((t) => ` CROSS JOIN ${FROM_SQL[t]} ON ${ID_SQL[t]} = s.rowid`);
  const list: Condition[] = [...view.filters.map((f) => filterCondition(f, false)), { table: 'c', sql: SEARCH_MATCH, params: [searchPhrase(view.quickSearch)] }];
  // Unsorted, the index delivers ids in order and SQLite stops at the page's end; sorted, the matches are sorted.
  const order = view.sort.length === 0 ? ' ORDER BY s.rowid ASC' : orderSql(view, 's.rowid', true);
  return { id: 's.rowid', from: `customers_search s${joins.join('')}`, where: whereSql(list), order };
}

/**
 * `SELECT count(*)` over the view's filters, reading only the tables they need (`joinAlways` when figures are
 * incomplete); with `cap`, counting stops after cap + 1 matches (more than the cap: "cap+").
 */
export function countSql(view: CustomerView, joinAlways: boolean, cap: number | null = null): Sql {
  let from: string;
  let where: Sql;
  if (searchLeads(view)) {
    ({ from, where } = searchViewSql(view, searchTables(view, joinAlways, true)));
  } else {
    const tables = filterTables(view);
    if (joinAlways) tables.add('c').add('m');
    if (tables.size === 0) tables.add('c');
    from = fromSql(tables, filterLead(view));
    where = whereSql(conditions(view, null));
  }
  if (cap === null) return { sql: `SELECT count(*) AS n FROM ${from}${where.sql}`, params: where.params };
  return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${from}${where.sql} LIMIT ?)`, params: [...where.params, cap + 1] };
}

type ViewSql = { id: string; from: string; where: Sql; order: string };

/** FROM, WHERE and ORDER BY of the view under a plan, over `tables`; `id` is the id column of the table read first. */
function viewSql(view: CustomerView, plan: Plan, tables: Set<Alias>, joinAlways: boolean): ViewSql {
  if (plan === 'search') return searchViewSql(view, searchTables(view, joinAlways));
  const outer = tables.size === 1 ? ([...tables][0] as Alias) : plan === 'walk' ? leadTable(view) : filterLead(view);
  const where = whereSql(conditions(view, plan === 'walk' ? outer : null, plan === 'walk' ? 'row' : 'index'));
  return { id: ID_SQL[outer], from: fromSql(tables, outer), where, order: orderSql(view, ID_SQL[outer], plan === 'filter') };
}

/** Where the previous page ended: its last row's sort value (null when unsorted) and id. */
export type Cursor = { value: number | string | null; id: number };

/**
 * The column a page can continue from instead of counting past `offset` rows (keyset paging): the id when unsorted,
 * else a single number or date sort column that is NOT NULL or sorted ascending (NULLs come first then, so none
 * lies beyond the cursor). Text sorts compare case-insensitively and keep plain offsets.
 */
export function keysetColumn(view: CustomerView): CustomerColumn | 'id' | null {
  if (view.sort.length === 0) return 'id';
  const [only] = view.sort;
  if (!only || view.sort.length > 1) return null;
  const spec = COLUMN_SQL[only.field];
  return spec.kind !== 'text' && (spec.notNull || only.dir === 'asc') ? only.field : null;
}

/** Rows strictly after the cursor in the view's order; the first term alone is an index range. */
function afterCursor(view: CustomerView, id: string, cursor: Cursor): Sql {
  const column = keysetColumn(view);
  if (column === 'id' || column === null) return { sql: `${id} > ?`, params: [cursor.id] };
  const sort = COLUMN_SQL[column].sort;
  const [le, lt] = view.sort[0]?.dir === 'desc' ? ['<=', '<'] : ['>=', '>'];
  const value = cursor.value as string | number;
  return { sql: `${sort} ${le} ? AND (${sort} ${lt} ? OR ${id} ${lt} ?)`, params: [value, value, cursor.id] };
}

/**
 * The ids of one page in the view's order (with each row's sort value as `k`, for the next page's cursor). Reads
 * only the tables the filters and sort need; the page's full rows are fetched by id afterwards, so a sort over one
 * table never drags a join through a million rows. With `after`, the page starts after that row instead of `offset`.
 */
export function pageIdsSql(
  view: CustomerView,
  plan: Plan,
  joinAlways: boolean,
  offset: number,
  limit: number,
  after?: Cursor,
): Sql {
  const tables = filterTables(view).add(leadTable(view));
  for (const s of view.sort) tables.add(COLUMN_SQL[s.field].table);
  if (joinAlways) tables.add('c').add('m');
  const q = viewSql(view, plan, tables, joinAlways);
  const column = keysetColumn(view);
  const k = column !== null && column !== 'id' ? COLUMN_SQL[column].sort : 'NULL';
  const cursor = after ? afterCursor(view, q.id, after) : null;
  const where = cursor
    ? { sql: q.where.sql ? `${q.where.sql} AND ${cursor.sql}` : ` WHERE ${cursor.sql}`, params: [...q.where.params, ...cursor.params] }
    : q.where;
  return {
    sql: `SELECT ${q.id} AS id, ${k} AS k FROM ${q.from}${where.sql}${q.order} LIMIT ? OFFSET ?`,
    params: [...where.params, limit, after ? 0 : offset],
  };
}

/** Every row of the view in order, with the given select list over both tables (for exports). */
export function allRowsSql(view: CustomerView, select: string, plan: Plan): Sql {
  const q = viewSql(view, plan, new Set<Alias>(['c', 'm']), true);
  return { sql: `SELECT ${select} FROM ${q.from}${q.where.sql}${q.order}`, params: q.where.params };
}
