import type { TFunction } from 'i18next';
import { columnKinds, type ColumnFilter } from '../../../shared/customer-schemas';
import type { Formatters } from '../format/formatters';
import { PERCENT_COLUMNS } from './filter-model';

/** A filter in words: "Orders ≥ 2", "Country contains “neder”", "Last order between 1 Jan 2024 and 31 Mar 2024". */
export function describeFilter(filter: ColumnFilter, format: Formatters, t: TFunction): string {
  const column = t(`explorer.columns.${filter.field}`);
  const kind = columnKinds[filter.field];
  const percent = PERCENT_COLUMNS.includes(filter.field);
  const show = (value: string | number | undefined): string => {
    if (value === undefined) return '';
    if (kind === 'number') return percent ? format.percent(Number(value)) : format.number(Number(value));
    if (kind === 'date') return format.date(String(value).slice(0, 10));
    return `“${String(value)}”`;
  };
  if (filter.op === 'inRange') return t('explorer.ops.inRange', { column, from: show(filter.value), to: show(filter.valueTo) });
  return t(`explorer.ops.${filter.op}`, { column, value: show(filter.value) });
}
