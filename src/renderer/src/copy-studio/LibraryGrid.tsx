import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconHistory, IconPencil, IconRepeat, IconStar, IconStarFilled, IconTrash } from '@tabler/icons-react';
import type { CellKeyDownEvent, ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../shared/copy-schemas';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { useGridTheme } from '../grid/useGridTheme';
import { firstLine } from './copy-text';
import classes from './copy-studio.module.css';
import { scoreColor } from './labels';

export type LibraryActions = {
  star: (item: LibraryItem) => void;
  edit: (item: LibraryItem) => void;
  history: (item: LibraryItem) => void;
  reuse: (item: LibraryItem) => void;
  copy: (item: LibraryItem) => void;
  remove: (item: LibraryItem) => void;
  select: (item: LibraryItem) => void;
};

type Params<V> = ICellRendererParams<LibraryItem, V, LibraryActions>;

const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 36;
const MAX_VISIBLE_ROWS = 10;

function StarCell({ data, context }: Params<boolean>) {
  const { t } = useTranslation();
  if (!data) return null;
  return (
    <ActionIcon
      variant="subtle"
      color={data.starred ? 'yellow' : 'gray'}
      size="sm"
      aria-label={data.starred ? t('copy.library.unstar') : t('copy.library.star')}
      aria-pressed={data.starred}
      onClick={(e) => {
        e.stopPropagation();
        context.star(data);
      }}
      data-testid="copy-item-star"
      data-starred={data.starred}
    >
      {data.starred ? <IconStarFilled size={16} /> : <IconStar size={16} />}
    </ActionIcon>
  );
}

function ChannelCell({ value }: Params<LibraryItem['channel']>) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Badge size="sm" variant="light" color="indigo" tt="none">
      {t(`copy.channels.${value}`)}
    </Badge>
  );
}

function ChecksCell({ data }: Params<unknown>) {
  const { t } = useTranslation();
  if (!data) return null;
  const passed = data.checks.filter((c) => c.passed).length;
  const all = data.checks.length;
  return (
    <Text size="xs" c={passed === all ? 'teal' : 'red'} fw={600} className="tabular" span aria-label={t('copy.library.checksAria', { passed: String(passed), all: String(all) })}>
      {passed}/{all}
    </Text>
  );
}

function ActionsCell({ data, context }: Params<unknown>) {
  const { t } = useTranslation();
  if (!data) return null;
  const action = (label: string, icon: ReactNode, run: (item: LibraryItem) => void, testId: string, color?: string) => (
    <Tooltip label={label} openDelay={300}>
      <ActionIcon
        variant="subtle"
        color={color ?? 'gray'}
        size="sm"
        aria-label={label}
        onClick={(e) => {
          e.stopPropagation();
          run(data);
        }}
        data-testid={testId}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Group gap={2} wrap="nowrap" h="100%" align="center">
      {action(t('copy.library.edit'), <IconPencil size={15} />, context.edit, 'copy-item-edit')}
      {action(t('copy.library.history'), <IconHistory size={15} />, context.history, 'copy-item-history')}
      {action(t('copy.library.reuse'), <IconRepeat size={15} />, context.reuse, 'copy-item-reuse')}
      {action(t('common.copy'), <IconCopy size={15} />, context.copy, 'copy-item-copy')}
      {action(t('copy.library.delete'), <IconTrash size={15} />, context.remove, 'copy-item-delete', 'red')}
    </Group>
  );
}

function columnDefs(t: TFunction, format: Formatters): ColDef<LibraryItem>[] {
  return [
    { colId: 'starred', field: 'starred', headerName: '', width: 48, cellRenderer: StarCell, sortable: true, headerTooltip: t('copy.library.colStarred') },
    { colId: 'campaign', field: 'campaign', headerName: t('copy.library.colCampaign'), width: 130, tooltipField: 'campaign' },
    { colId: 'channel', field: 'channel', headerName: t('copy.library.colChannel'), width: 96, cellRenderer: ChannelCell },
    { colId: 'framework', field: 'framework', headerName: t('copy.library.colFramework'), width: 100 },
    {
      colId: 'firstLine',
      headerName: t('copy.library.colCopy'),
      flex: 1,
      minWidth: 150,
      valueGetter: (p) => (p.data ? firstLine(p.data.fields) : ''),
      tooltipValueGetter: (p) => (p.data ? firstLine(p.data.fields) : undefined),
    },
    {
      colId: 'score',
      field: 'score',
      headerName: t('copy.library.colScore'),
      width: 70,
      type: 'rightAligned',
      valueFormatter: (p) => (typeof p.value === 'number' ? format.integer(Math.round(p.value)) : '—'),
      cellStyle: (p) => (typeof p.value === 'number' ? { color: `var(--mantine-color-${scoreColor(p.value)}-7)`, fontWeight: 600 } : null),
    },
    { colId: 'checks', headerName: t('copy.library.colChecks'), width: 72, type: 'rightAligned', cellRenderer: ChecksCell, valueGetter: (p) => (p.data ? p.data.checks.filter((c) => c.passed).length : 0) },
    {
      colId: 'updatedAt',
      field: 'updatedAt',
      headerName: t('copy.library.colUpdated'),
      width: 110,
      valueFormatter: (p) => (typeof p.value === 'string' ? format.date(p.value.slice(0, 10)) : ''),
      tooltipValueGetter: (p) => (typeof p.value === 'string' ? format.dateTime(p.value) : undefined),
    },
    { colId: 'actions', headerName: '', width: 160, cellRenderer: ActionsCell, sortable: false, resizable: false },
  ];
}

/** The saved items, newest first; Enter opens the editor, S stars, Delete asks to delete. */
export function LibraryGrid({ items, selectedId, actions }: { items: LibraryItem[]; selectedId: number | null; actions: LibraryActions }) {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useGridTheme();
  const defs = useMemo(() => columnDefs(t, format), [t, format]);
  const rowClassRules = useMemo(() => ({ [classes.selected as string]: (p: { data?: LibraryItem }) => p.data?.id === selectedId }), [selectedId]);
  const height = HEADER_HEIGHT + ROW_HEIGHT * Math.min(Math.max(items.length, 1), MAX_VISIBLE_ROWS) + 4;
  return (
    <div style={{ height }} data-testid="copy-library-grid">
      <AgGridReact<LibraryItem>
        theme={theme}
        rowData={items}
        columnDefs={defs}
        context={actions}
        getRowId={(p) => String(p.data.id)}
        onRowClicked={(event) => event.data && actions.select(event.data)}
        onCellKeyDown={(event: CellKeyDownEvent<LibraryItem>) => {
          const key = (event.event as KeyboardEvent | null | undefined)?.key;
          const item = event.data;
          if (!item) return;
          if (key === 'Enter') actions.edit(item);
          else if (key === ' ') actions.select(item);
          else if (key === 's' || key === 'S') actions.star(item);
          else if (key === 'Delete') actions.remove(item);
        }}
        rowClassRules={rowClassRules}
        rowClass="copy-library-row"
        suppressMovableColumns
        tooltipShowDelay={400}
      />
    </div>
  );
}
