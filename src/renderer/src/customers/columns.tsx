import { Group, Text } from '@mantine/core';
import { IconFingerprint, IconLock } from '@tabler/icons-react';
import type { ColDef, ICellRendererParams, IHeaderParams, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { columnKinds, customerColumns, opsByKind, type CustomerColumn, type CustomerRow } from '../../../shared/customer-schemas';
import type { Formatters } from '../format/formatters';
import { PERCENT_COLUMNS } from './filter-model';

/** Shown when the explorer opens, before the marketer picks columns. */
export const DEFAULT_COLUMNS: readonly CustomerColumn[] = ['customerId', 'name', 'email', 'country', 'orders', 'revenue', 'lastOrderDate', 'topCategory'];

export const IDENTITY_COLUMNS: readonly CustomerColumn[] = ['name', 'email', 'phone'];
const MONEY: readonly CustomerColumn[] = ['revenue', 'avgOrderValue', 'clv'];
/** Scores of the model lab and the RFM segment: empty until a model is trained (or the customer has orders). */
export const SCORE_COLUMNS = ['rfmSegment', 'churnRisk', 'pAlive', 'expectedPurchases', 'clv'] as const satisfies readonly CustomerColumn[];
type ScoreColumn = (typeof SCORE_COLUMNS)[number];
export const isScoreColumn = (column: CustomerColumn): column is ScoreColumn => (SCORE_COLUMNS as readonly CustomerColumn[]).includes(column);

const FILTERS = { text: 'agTextColumnFilter', number: 'agNumberColumnFilter', date: 'agDateColumnFilter' } as const;

/** Fixed widths for ids, figures and dates; text columns share the rest of the width (with these minimums). */
const WIDTHS: Partial<Record<CustomerColumn, number>> = {
  customerId: 124,
  phone: 130,
  signupDate: 116,
  firstOrderDate: 116,
  lastOrderDate: 124,
  orders: 96,
  revenue: 124,
  avgOrderValue: 112,
  recencyDays: 136,
  tenureDays: 120,
  returns: 92,
  churnRisk: 132,
  pAlive: 108,
  expectedPurchases: 130,
  clv: 124,
};
const FLEX_MIN: Partial<Record<CustomerColumn, number>> = { name: 110, email: 160, country: 100, city: 100, topCategory: 124, rfmSegment: 130 };

/** How a number column's value reads: money, a percentage, one decimal or a whole number. */
function numberFormatter(column: CustomerColumn, currency: string, format: Formatters): (value: number) => string {
  if (MONEY.includes(column)) return (value) => format.money(value, currency);
  if (PERCENT_COLUMNS.includes(column)) return (value) => format.percent(value);
  if (column === 'expectedPurchases') return (value) => format.decimal(value, 1);
  return (value) => format.integer(value);
}

/** Column definitions of the explorer: server-side sort and filter, formatted in the user's locale. */
export function customerColumnDefs(visible: readonly CustomerColumn[], currency: string, format: Formatters, t: TFunction): ColDef<CustomerRow>[] {
  return customerColumns.map((column) => {
    const kind = columnKinds[column];
    const def: ColDef<CustomerRow> = {
      colId: column,
      field: column,
      headerName: t(`explorer.columns.${column}`),
      headerTooltip: t(`explorer.columnHints.${column}`),
      hide: !visible.includes(column),
      ...(FLEX_MIN[column] ? { flex: 1, minWidth: FLEX_MIN[column] } : { width: WIDTHS[column] ?? 120, minWidth: 80 }),
      sortable: true,
      filter: FILTERS[kind],
      filterParams: {
        // Exactly the operators the engine applies; one condition per column (the engine ANDs columns together).
        filterOptions: [...opsByKind[kind]],
        maxNumConditions: 1,
        inRangeInclusive: true,
        debounceMs: 400,
        buttons: ['reset'],
      },
    };
    if (kind === 'number') {
      const show = numberFormatter(column, currency, format);
      def.type = 'rightAligned';
      def.valueFormatter = (p: ValueFormatterParams<CustomerRow>) => (typeof p.value === 'number' ? show(p.value) : '');
    }
    if (isScoreColumn(column)) {
      // A loaded row without a score says so, and why (the tooltip); a row still loading stays blank.
      const show = numberFormatter(column, currency, format);
      const noScore = t(`explorer.noScore.${column}`);
      const missing = (p: { data?: CustomerRow; value?: unknown }): boolean => p.data !== undefined && (p.value === null || p.value === undefined);
      def.valueFormatter = (p: ValueFormatterParams<CustomerRow>) =>
        missing(p) ? t('common.none') : typeof p.value === 'number' ? show(p.value) : String(p.value ?? '');
      def.tooltipValueGetter = (p) => (missing(p) ? noScore : undefined);
    }
    if (kind === 'date') {
      def.valueFormatter = (p: ValueFormatterParams<CustomerRow>) => (typeof p.value === 'string' && p.value ? format.date(p.value.slice(0, 10)) : '');
    }
    if (IDENTITY_COLUMNS.includes(column)) {
      def.cellRenderer = IdentityCell;
      def.headerComponentParams = { innerHeaderComponent: MaskedHeader };
    }
    if (column === 'customerId') def.pinned = 'left';
    return def;
  });
}

/** A masked name, e-mail or phone, with a lock saying why it looks like this. */
function IdentityCell(params: ICellRendererParams<CustomerRow, string | null>) {
  const row = params.data;
  if (!row) return null;
  if (!params.value) return <span className="identity-empty">—</span>;
  const Icon = row.pseudonymized ? IconFingerprint : IconLock;
  return (
    <Group gap={6} wrap="nowrap" h="100%">
      <Icon size={12} stroke={1.8} style={{ flexShrink: 0, opacity: 0.55 }} aria-hidden />
      <Text span size="sm" truncate="end">
        {params.value}
      </Text>
    </Group>
  );
}

/** The header of an identity column: its name and a lock (the values are masked). */
function MaskedHeader(params: IHeaderParams<CustomerRow>) {
  return (
    <Group gap={4} wrap="nowrap">
      <IconLock size={12} stroke={2} aria-hidden />
      <span>{params.displayName}</span>
    </Group>
  );
}
