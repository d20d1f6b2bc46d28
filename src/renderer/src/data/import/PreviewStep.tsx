import { Alert, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormatOverrides, InspectResult, PiiKind } from '../../../../shared/import-schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { useGridTheme } from '../../grid/useGridTheme';
import { useApiQuery } from '../../api/useApiQuery';
import { fieldTypes, formatStored, previewGridRows, type Cell, type PreviewGridRow } from './preview-rows';
import { RowErrorsTable } from './RowErrorsTable';
import classes from './PreviewStep.module.css';

/** Up to ten rows the grid shows them all (header, rows, a horizontal scrollbar); more scroll inside it. */
const gridHeight = (rows: number): number => 38 + Math.min(rows, 10) * 34 + 18;

type Props = {
  inspect: InspectResult;
  mapping: Record<string, string>;
  pseudonymize: PiiKind[];
  overrides: FormatOverrides;
};

/** The first 100 rows typed exactly as they will be stored, problem rows marked in place and listed below. */
export function PreviewStep({ inspect, mapping, pseudonymize, overrides }: Props) {
  const { t } = useTranslation();
  const preview = useApiQuery('import.preview', { file: inspect.file, kind: inspect.kind, mapping, pseudonymize, overrides });
  const format = useFormat();
  const theme = useGridTheme();
  const data = preview.data;

  const rows = useMemo(
    () => (data ? previewGridRows(data, mapping, inspect.headers, inspect.sampleRows) : []),
    [data, mapping, inspect.headers, inspect.sampleRows],
  );

  const columns = useMemo<ColDef<PreviewGridRow>[]>(() => {
    if (!data) return [];
    const types = fieldTypes(inspect.fields);
    const labels = new Map(inspect.fields.map((f) => [f.name, f.label]));
    const yesNo = { yes: t('common.yes'), no: t('common.no') };
    const rowColumn: ColDef<PreviewGridRow> = {
      headerName: t('importWizard.preview.row'),
      valueGetter: (p) => p.data?.row,
      width: 72,
      pinned: 'left',
      type: 'rightAligned',
      sortable: false,
    };
    const fieldColumns = data.fields.map<ColDef<PreviewGridRow>>((field) => {
      const type = types.get(field);
      const numeric = type === 'number' || type === 'integer';
      return {
        colId: field,
        headerName: labels.get(field) ?? field,
        headerTooltip: Object.entries(mapping).find(([, f]) => f === field)?.[0],
        valueGetter: (p) => p.data?.values[field] ?? null,
        valueFormatter: (p) => (p.data?.problems ? String(p.value ?? '') : formatStored(p.value as Cell, type, format, yesNo)),
        type: numeric ? 'rightAligned' : undefined,
        cellClassRules: { [classes.badCell ?? 'bad-cell']: (p) => Boolean(p.data?.problems?.some((e) => e.field === field)) },
        tooltipValueGetter: (p) => p.data?.problems?.find((e) => e.field === field)?.message ?? (typeof p.value === 'string' ? p.value : undefined),
        minWidth: numeric ? 80 : 110,
        maxWidth: 320,
        sortable: false,
      };
    });
    const status: ColDef<PreviewGridRow> = {
      headerName: t('importWizard.preview.status'),
      colId: '_status',
      width: 190,
      pinned: 'right',
      sortable: false,
      cellRenderer: (p: ICellRendererParams<PreviewGridRow>) => <RowStatus row={p.data} />,
    };
    return [rowColumn, ...fieldColumns, status];
  }, [data, inspect.fields, mapping, format, t]);

  if (preview.error) return <ErrorAlert error={preview.error} title={t('importWizard.preview.failed')} onRetry={preview.refetch} />;
  if (!data) {
    return (
      <Stack gap="sm" aria-busy>
        <Skeleton h={20} w={320} />
        <Skeleton h={360} />
      </Stack>
    );
  }
  const problemRows = new Set(data.errors.map((e) => e.row)).size;

  return (
    <Stack gap="md" data-testid="import-preview">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('importWizard.preview.title', { count: data.rowsRead, formatted: format.integer(data.rowsRead) })}</Title>
          <Text size="sm" c="dimmed">
            {t('importWizard.preview.explain')}
          </Text>
        </div>
        {problemRows === 0 ? (
          <Group gap={6} c="teal">
            <IconCircleCheck size={18} />
            <Text size="sm" fw={500} data-testid="import-preview-summary">
              {t('importWizard.preview.allGood')}
            </Text>
          </Group>
        ) : (
          <Group gap={6} c="red">
            <IconAlertTriangle size={18} />
            <Text size="sm" fw={500} data-testid="import-preview-summary">
              {t('importWizard.preview.someBad', { count: problemRows, formatted: format.integer(problemRows) })}
            </Text>
          </Group>
        )}
      </Group>
      <Paper p={0} withBorder={false} h={gridHeight(rows.length)} data-testid="import-preview-grid">
        <AgGridReact<PreviewGridRow>
          theme={theme}
          autoSizeStrategy={{ type: 'fitCellContents' }}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => String(p.data.row)}
          rowClassRules={{ [classes.badRow ?? 'bad-row']: (p) => Boolean(p.data?.problems) }}
          tooltipShowDelay={300}
          suppressMovableColumns
          suppressColumnVirtualisation
          enableCellTextSelection
        />
      </Paper>
      {data.errors.length > 0 && (
        <Stack gap={6}>
          <Title order={4}>{t('importWizard.preview.problemsTitle')}</Title>
          <RowErrorsTable errors={data.errors} testId="import-preview-errors" />
        </Stack>
      )}
      {data.rowsRead >= 100 && (
        <Alert variant="light" color="gray" p="xs">
          <Text size="xs">{t('importWizard.preview.onlyFirst')}</Text>
        </Alert>
      )}
    </Stack>
  );
}

function RowStatus({ row }: { row: PreviewGridRow | undefined }) {
  const { t } = useTranslation();
  if (!row) return null;
  if (!row.problems) {
    return (
      <Text span size="xs" c="teal">
        {t('importWizard.preview.ready')}
      </Text>
    );
  }
  const codes = [...new Set(row.problems.map((p) => p.code))].join(', ');
  return (
    <Text span size="xs" c="red" fw={600} title={row.problems.map((p) => p.message).join('\n')}>
      {t('importWizard.preview.notImported', { codes })}
    </Text>
  );
}
