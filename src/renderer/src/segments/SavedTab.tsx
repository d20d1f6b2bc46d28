import { Badge, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { CellKeyDownEvent, ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../shared/segment-schemas';
import { ErrorAlert } from '../components/ErrorAlert';
import type { Formatters } from '../format/formatters';
import { useFormat } from '../format/useFormat';
import { useGridTheme } from '../grid/useGridTheme';
import { KIND_COLOURS, SOURCE_COLOURS } from './segment-colours';
import { SegmentDetail } from './SegmentDetail';
import { NoSegments } from './SegmentsEmpty';
import { useSegments } from './SegmentsContext';

const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 36;
const MAX_VISIBLE_ROWS = 8;

function KindCell({ value }: ICellRendererParams<Segment, Segment['kind']>) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Badge size="sm" variant="light" color={KIND_COLOURS[value]} data-testid="segment-kind">
      {t(`segments.kinds.${value}`)}
    </Badge>
  );
}

function SourceCell({ value }: ICellRendererParams<Segment, Segment['source']>) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <Badge size="sm" variant="dot" color={SOURCE_COLOURS[value]}>
      {t(`segments.sources.${value}`)}
    </Badge>
  );
}

function columnDefs(t: TFunction, format: Formatters, describe: (segment: Segment) => string): ColDef<Segment>[] {
  return [
    { colId: 'name', field: 'name', headerName: t('segments.list.name'), flex: 1, minWidth: 180, tooltipValueGetter: (p) => p.data?.description ?? undefined, cellStyle: { fontWeight: 600 } },
    { colId: 'kind', field: 'kind', headerName: t('segments.list.kind'), width: 110, cellRenderer: KindCell },
    { colId: 'source', field: 'source', headerName: t('segments.list.source'), width: 130, cellRenderer: SourceCell },
    { colId: 'count', field: 'count', headerName: t('segments.list.count'), width: 120, type: 'rightAligned', valueFormatter: (p) => (typeof p.value === 'number' ? format.integer(p.value) : '') },
    { colId: 'updatedAt', field: 'updatedAt', headerName: t('segments.list.updated'), width: 170, valueFormatter: (p) => (typeof p.value === 'string' ? format.dateTime(p.value) : '') },
    { colId: 'rule', headerName: t('segments.list.rule'), flex: 1.4, minWidth: 200, valueGetter: (p) => (p.data ? describe(p.data) : ''), tooltipValueGetter: (p) => (p.data ? describe(p.data) : undefined), cellStyle: { color: 'var(--mantine-color-dimmed)' } },
  ];
}

/** The saved segments, newest first; the chosen one below with its size over time and what can be done with it. */
export function SavedTab({ selectedId }: { selectedId: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useGridTheme();
  const { segments, listError, refetchList, go, describe } = useSegments();
  const sorted = useMemo(() => [...(segments ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [segments]);
  const defs = useMemo(() => columnDefs(t, format, (segment) => describe(segment.rule)), [t, format, describe]);
  const selected = sorted.find((s) => s.id === selectedId) ?? (selectedId === null ? sorted[0] : undefined);

  if (listError) return <ErrorAlert error={listError} onRetry={refetchList} />;
  if (!segments) return <Skeleton h={320} />;
  if (segments.length === 0) return <NoSegments />;

  const open = (segment: Segment | undefined): void => {
    if (segment) go({ tab: 'saved', id: segment.id });
  };
  const height = HEADER_HEIGHT + ROW_HEIGHT * Math.min(sorted.length, MAX_VISIBLE_ROWS) + 4;

  return (
    <Stack gap="md">
      <Paper p="md" data-testid="segments-list">
        <Title order={2}>{t('segments.list.title')}</Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('segments.list.help')}
        </Text>
        <div style={{ height }} data-testid="segments-grid">
          <AgGridReact<Segment>
            theme={theme}
            rowData={sorted}
            columnDefs={defs}
            getRowId={(p) => String(p.data.id)}
            onRowClicked={(event) => open(event.data)}
            onCellKeyDown={(event: CellKeyDownEvent<Segment>) => {
              const key = (event.event as KeyboardEvent | null | undefined)?.key;
              if (key === 'Enter' || key === ' ') open(event.data);
            }}
            getRowStyle={(p) => (p.data?.id === selected?.id ? { background: 'var(--mantine-primary-color-light)' } : undefined)}
            rowClass="segment-row"
            suppressMovableColumns
            tooltipShowDelay={400}
          />
        </div>
      </Paper>
      {selected ? (
        <SegmentDetail key={selected.id} segment={selected} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('segments.list.notFound')}
        </Text>
      )}
    </Stack>
  );
}
