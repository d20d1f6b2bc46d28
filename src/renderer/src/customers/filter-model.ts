import {
  columnKinds,
  customerColumns,
  filterValueFor,
  opsByKind,
  type ColumnFilter,
  type ColumnKind,
  type CustomerColumn,
  type CustomerView,
  type FilterOp,
} from '../../../shared/customer-schemas';

/*
 * AG Grid's filter and sort models ⇄ the engine's filters and sort (`customers.page`). Pure: the grid's models are
 * described here by their shape, so this file needs no grid and is tested on its own (test/unit/renderer/filter-model.test.ts).
 */

/** One condition of AG Grid's text, number or date filter. */
export type GridCondition = {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  filterTo?: number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
};
/** Two or more conditions of one column, joined by AND or OR. */
export type GridCombined = { filterType?: string; operator: 'AND' | 'OR'; conditions: GridCondition[] };
/** `api.getFilterModel()`: column id → its filter. */
export type GridFilterModel = Record<string, GridCondition | GridCombined>;
export type GridSortItem = { colId: string; sort: 'asc' | 'desc' };

/** A part of the grid's model the engine cannot apply, so it is left out (and the user told). */
export type Untranslated = { column: string; reason: 'unknown-column' | 'or' | 'unsupported-op' | 'bad-value' };

export type EngineFilters = { filters: ColumnFilter[]; untranslated: Untranslated[] };

const MAX_SORT = 3;

/** Probabilities the explorer shows as percentages: their filters are typed in percent (50) and sent as fractions (0.5). */
export const PERCENT_COLUMNS: readonly CustomerColumn[] = ['churnRisk', 'pAlive'];
const isPercent = (column: CustomerColumn): boolean => PERCENT_COLUMNS.includes(column);
// Twelve significant digits: 0.07 × 100 reads 7, not 7.000000000000001.
const tidy = (n: number): number => Number(n.toPrecision(12));
const toFraction = (column: CustomerColumn, value: string | number | undefined): string | number | undefined =>
  typeof value === 'number' && isPercent(column) ? tidy(value / 100) : value;
const toPercent = (column: CustomerColumn, value: number): number => (isPercent(column) ? tidy(value * 100) : value);

export const isCustomerColumn = (id: string): id is CustomerColumn => (customerColumns as readonly string[]).includes(id);
const isCombined = (model: GridCondition | GridCombined): model is GridCombined => Array.isArray((model as GridCombined).conditions);
const needsNoValue = (op: FilterOp): boolean => op === 'blank' || op === 'notBlank';

/** AG Grid's filter model as engine filters (combined with AND); what cannot be expressed is listed, not guessed. */
export function toEngineFilters(model: GridFilterModel | null | undefined): EngineFilters {
  const filters: ColumnFilter[] = [];
  const untranslated: Untranslated[] = [];
  for (const [column, entry] of Object.entries(model ?? {})) {
    if (!isCustomerColumn(column)) {
      untranslated.push({ column, reason: 'unknown-column' });
      continue;
    }
    if (isCombined(entry) && entry.operator === 'OR' && entry.conditions.length > 1) {
      untranslated.push({ column, reason: 'or' });
      continue;
    }
    for (const condition of isCombined(entry) ? entry.conditions : [entry]) {
      const result = toEngineFilter(column, condition);
      if (result === null) continue;
      if ('reason' in result) untranslated.push(result);
      else filters.push(result);
    }
  }
  return { filters, untranslated };
}

function toEngineFilter(field: CustomerColumn, condition: GridCondition): ColumnFilter | Untranslated | null {
  const kind = columnKinds[field];
  const op = condition.type;
  // AG Grid's "no condition chosen".
  if (op === null || op === undefined || op === 'empty') return null;
  if (!(opsByKind[kind] as readonly string[]).includes(op)) return { column: field, reason: 'unsupported-op' };
  const filterOp = op as FilterOp;
  if (needsNoValue(filterOp)) return { field, op: filterOp };
  const [from, to] = kind === 'date' ? [condition.dateFrom, condition.dateTo] : [condition.filter, condition.filterTo];
  const value = toFraction(field, filterValueFor(kind, from ?? undefined));
  if (value === undefined || value === '') return { column: field, reason: 'bad-value' };
  if (filterOp !== 'inRange') return { field, op: filterOp, value };
  const valueTo = toFraction(field, filterValueFor(kind, to ?? undefined));
  if (valueTo === undefined) return { column: field, reason: 'bad-value' };
  return { field, op: filterOp, value, valueTo };
}

const FILTER_TYPE: Record<ColumnKind, string> = { text: 'text', number: 'number', date: 'date' };

/** Engine filters as AG Grid's filter model, to show a saved view's filters in the column menus. */
export function toGridFilterModel(filters: readonly ColumnFilter[]): GridFilterModel {
  const byColumn = new Map<CustomerColumn, GridCondition[]>();
  for (const filter of filters) byColumn.set(filter.field, [...(byColumn.get(filter.field) ?? []), toGridCondition(filter)]);
  const model: GridFilterModel = {};
  for (const [column, conditions] of byColumn) {
    const filterType = FILTER_TYPE[columnKinds[column]];
    model[column] = conditions.length === 1 ? (conditions[0] as GridCondition) : { filterType, operator: 'AND', conditions };
  }
  return model;
}

function toGridCondition(filter: ColumnFilter): GridCondition {
  const kind = columnKinds[filter.field];
  const base: GridCondition = { filterType: FILTER_TYPE[kind], type: filter.op };
  if (needsNoValue(filter.op)) return base;
  if (kind === 'date') {
    const at = (v: string | number | undefined): string | null => (v === undefined ? null : `${String(v).slice(0, 10)} 00:00:00`);
    return { ...base, dateFrom: at(filter.value), dateTo: filter.op === 'inRange' ? at(filter.valueTo) : null };
  }
  if (kind === 'number') {
    const { field } = filter;
    return { ...base, filter: toPercent(field, Number(filter.value)), ...(filter.op === 'inRange' ? { filterTo: toPercent(field, Number(filter.valueTo)) } : {}) };
  }
  return { ...base, filter: String(filter.value ?? '') };
}

/** AG Grid's sort model (in sort order) as the engine's sort: known columns only, at most three. */
export function toEngineSort(sortModel: readonly GridSortItem[] | null | undefined): CustomerView['sort'] {
  return (sortModel ?? [])
    .filter((item) => isCustomerColumn(item.colId))
    .slice(0, MAX_SORT)
    .map((item) => ({ field: item.colId as CustomerColumn, dir: item.sort }));
}

/** The engine's sort as AG Grid column state (`api.applyColumnState`). */
export const toGridSortState = (sort: CustomerView['sort']): { colId: string; sort: 'asc' | 'desc'; sortIndex: number }[] =>
  sort.map((item, index) => ({ colId: item.field, sort: item.dir, sortIndex: index }));
