import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFileExport, IconFilterOff, IconInfoCircle, IconSearch, IconX } from '@tabler/icons-react';
import type { CellKeyDownEvent, GridApi, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerColumn, CustomerRow, CustomerView, EraseResult, SavedView } from '../../../shared/customer-schemas';
import { customerColumns } from '../../../shared/customer-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { useGridTheme } from '../grid/useGridTheme';
import { useWorkspace } from '../workspace/useWorkspace';
import { ColumnChooser } from './ColumnChooser';
import { customerColumnDefs, DEFAULT_COLUMNS } from './columns';
import { Customer360Drawer } from './Customer360Drawer';
import { describeFilter } from './describe-filters';
import { EraseLeftoversDialog, eraseLeftSomething } from './EraseLeftoversDialog';
import { ExportDialog } from './ExportDialog';
import { toEngineFilters, toEngineSort, toGridFilterModel, toGridSortState, type GridFilterModel, type GridSortItem, type Untranslated } from './filter-model';
import { SavedViews } from './SavedViews';

/** Rows fetched per request, and how many such blocks stay in memory: smooth on a million customers. */
const BLOCK_SIZE = 100;
const MAX_BLOCKS = 10;

type PageInfo = { total: number; asOf: string | null; currency: string };
/**
 * The toolbar's count: `capped` when the engine stopped counting a quick search at its cap ("10,000+"); `countedAll`
 * when the user asked for the exact number (kept while the filters and the search stay the same).
 */
type Count = { key: string; total: number; capped: boolean; countedAll?: true };

/** The explorer: every customer, sorted, filtered and searched by the engine a page block at a time. */
export function CustomerExplorer({ onPageInfo }: { onPageInfo: (info: PageInfo) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const theme = useGridTheme();
  const { workspace, revision } = useWorkspace();
  const grid = useRef<AgGridReact<CustomerRow>>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const [visible, setVisible] = useState<CustomerColumn[]>([...DEFAULT_COLUMNS]);
  const [search, setSearch] = useState('');
  const [leftovers, setLeftovers] = useState<EraseResult | null>(null);
  const [quickSearch] = useDebouncedValue(search.trim(), 300);
  const [view, setView] = useState<CustomerView>({ sort: [], filters: [], quickSearch: '' });
  const [untranslated, setUntranslated] = useState<Untranslated[]>([]);
  const [page, setPage] = useState<PageInfo | null>(null);
  const [count, setCount] = useState<Count | null>(null);
  const [counting, setCounting] = useState(false);
  const [countError, setCountError] = useState<ApiError>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [selected, setSelected] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const currency = page?.currency ?? workspace?.currency ?? 'EUR';

  useHotkeys([['mod+K', () => searchInput.current?.focus()]]);

  const reportPage = useLatestCallback(onPageInfo);
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const { filters, untranslated: left } = toEngineFilters(params.filterModel as GridFilterModel);
        const next: CustomerView = { sort: toEngineSort(params.sortModel as GridSortItem[]), filters, quickSearch };
        setView(next);
        setUntranslated(left);
        const limit = params.endRow - params.startRow;
        api.invoke('customers.page', { ...next, offset: params.startRow, limit }).then(
          (result) => {
            setLoadError(undefined);
            const info = { total: result.total, asOf: result.asOf, currency: result.currency };
            setPage(info);
            reportPage(info);
            const key = countKey(next);
            // An exact count the user asked for stays until the filters or the search change (not with the sort).
            setCount((known) => (known?.key === key && known.countedAll ? known : { key, total: result.total, capped: result.totalCapped }));
            // Beyond a capped count the grid does not know the last row: it finds it when a block comes back short.
            const end = result.rows.length < limit ? params.startRow + result.rows.length : undefined;
            params.successCallback(result.rows, result.totalCapped ? end : result.total);
          },
          (reason: unknown) => {
            setLoadError(toApiError(reason));
            params.failCallback();
          },
        );
      },
    }),
    [api, quickSearch, reportPage],
  );

  // New data (an import, an erase, another window): the cached blocks are stale.
  const seenRevision = useRef(revision);
  useEffect(() => {
    if (seenRevision.current === revision) return;
    seenRevision.current = revision;
    setCount(null);
    grid.current?.api?.purgeInfiniteCache();
  }, [revision]);

  const columnDefs = useMemo(() => customerColumnDefs(visible, currency, format, t), [visible, currency, format, t]);
  const gridApi = (): GridApi<CustomerRow> | undefined => grid.current?.api;

  const applyView = (saved: SavedView): void => {
    const api = gridApi();
    setVisible(customerColumns.filter((c) => saved.columns.includes(c)));
    setSearch(saved.view.quickSearch);
    api?.applyColumnState({ state: toGridSortState(saved.view.sort), defaultState: { sort: null } });
    api?.setFilterModel(toGridFilterModel(saved.view.filters));
  };

  const clearFilters = (): void => {
    gridApi()?.setFilterModel(null);
    setSearch('');
  };

  const openFromKeyboard = (event: CellKeyDownEvent<CustomerRow>): void => {
    const key = (event.event as KeyboardEvent | null | undefined)?.key;
    if (key === 'Enter' && event.data) setSelected(event.data.id);
  };

  const filtered = view.filters.length > 0 || view.quickSearch !== '';
  const shown = count && count.key === countKey(view) ? count : page ? { key: '', total: page.total, capped: false } : null;

  const countAll = (): void => {
    const key = countKey(view);
    setCounting(true);
    setCountError(undefined);
    api.invoke('customers.count', { view }).then(
      (result) => {
        setCount({ key, total: result.total, capped: false, countedAll: true });
        // The grid can now size its scrollbar to every match.
        gridApi()?.setRowCount(result.total, true);
      },
      (reason: unknown) => setCountError(toApiError(reason)),
    ).finally(() => setCounting(false));
  };

  return (
    <Stack gap="sm" data-testid="customer-explorer">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <TextInput
            ref={searchInput}
            w={280}
            leftSection={<IconSearch size={16} />}
            rightSection={
              search ? (
                <IconX size={14} style={{ cursor: 'pointer' }} onClick={() => setSearch('')} aria-label={t('explorer.search.clear')} />
              ) : undefined
            }
            placeholder={t('explorer.search.placeholder')}
            aria-label={t('explorer.search.label')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Escape' && setSearch('')}
            data-testid="explorer-search"
          />
          <Text
            size="sm"
            c="dimmed"
            className="tabular"
            style={{ whiteSpace: 'nowrap' }}
            data-testid="explorer-total"
            data-total={shown?.total ?? ''}
            data-capped={shown?.capped ? 'true' : 'false'}
          >
            {shown
              ? t(shown.capped ? 'explorer.totalMatchingAtLeast' : filtered ? 'explorer.totalMatching' : 'explorer.total', {
                  count: shown.total,
                  formatted: format.integer(shown.total),
                })
              : ' '}
          </Text>
          {shown?.capped && (
            <Tooltip label={t('explorer.countAllHint', { formatted: format.integer(shown.total) })} multiline w={260} withArrow>
              <Button size="compact-xs" variant="subtle" loading={counting} onClick={countAll} style={{ flexShrink: 0 }} data-testid="explorer-count-all">
                {t('explorer.countAll')}
              </Button>
            </Tooltip>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <SavedViews columns={visible} view={view} onApply={applyView} />
          <ColumnChooser visible={visible} onChange={setVisible} />
          <Button leftSection={<IconFileExport size={16} />} onClick={() => setExporting(true)} data-testid="explorer-export-open">
            {t('explorer.export.button')}
          </Button>
        </Group>
      </Group>

      {filtered && (
        <Group gap={6} data-testid="explorer-active-filters">
          <Text size="xs" c="dimmed">
            {t('explorer.showing')}
          </Text>
          {[...view.filters.map((f) => describeFilter(f, format, t)), ...(view.quickSearch ? [t('explorer.searchFor', { text: view.quickSearch })] : [])].map((text) => (
            <Badge key={text} variant="light" color="brand" size="md" tt="none" fw={500}>
              {text}
            </Badge>
          ))}
          <Button size="compact-xs" variant="subtle" leftSection={<IconFilterOff size={12} />} onClick={clearFilters} data-testid="explorer-clear-filters">
            {t('explorer.clearFilters')}
          </Button>
        </Group>
      )}
      {untranslated.length > 0 && (
        <Alert color="yellow" variant="light" p="xs" icon={<IconInfoCircle size={16} />}>
          <Text size="xs">{t('explorer.untranslated', { columns: untranslated.map((u) => t(`explorer.columns.${u.column as CustomerColumn}`, { defaultValue: u.column })).join(', ') })}</Text>
        </Alert>
      )}
      {loadError && <ErrorAlert error={loadError} title={t('explorer.loadFailed')} onRetry={() => gridApi()?.purgeInfiniteCache()} />}
      {countError && <ErrorAlert error={countError} title={t('explorer.countFailed')} onRetry={countAll} />}

      <Paper p={0} withBorder={false} h="calc(100vh - 250px)" mih={360} pos="relative" data-testid="explorer-grid">
        <AgGridReact<CustomerRow>
          ref={grid}
          theme={theme}
          columnDefs={columnDefs}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={MAX_BLOCKS}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={60}
          infiniteInitialRowCount={BLOCK_SIZE}
          getRowId={(p) => String(p.data.id)}
          onRowClicked={(event) => event.data && setSelected(event.data.id)}
          onCellKeyDown={openFromKeyboard}
          // A new order starts at its top, not where the old order was scrolled to.
          onSortChanged={() => gridApi()?.ensureIndexVisible(0, 'top')}
          suppressMovableColumns
          suppressMultiSort={false}
          tooltipShowDelay={400}
          rowClass="explorer-row"
        />
        {page?.total === 0 && (
          <Stack gap={6} align="center" justify="center" pos="absolute" inset={0} style={{ pointerEvents: 'none', top: 40 }} data-testid="explorer-no-match">
            <Text fw={600}>{t('explorer.noMatch.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('explorer.noMatch.text')}
            </Text>
            <Button size="xs" variant="default" onClick={clearFilters} style={{ pointerEvents: 'auto' }}>
              {t('explorer.clearFilters')}
            </Button>
          </Stack>
        )}
      </Paper>

      <Customer360Drawer
        customerId={selected}
        currency={currency}
        onClose={() => setSelected(null)}
        onErased={(result) => {
          setSelected(null);
          setCount(null);
          gridApi()?.purgeInfiniteCache();
          if (eraseLeftSomething(result)) setLeftovers(result);
        }}
      />
      <EraseLeftoversDialog result={leftovers} onClose={() => setLeftovers(null)} />
      <ExportDialog opened={exporting} onClose={() => setExporting(false)} view={view} columns={visible} total={shown?.total ?? null} totalCapped={shown?.capped ?? false} />
    </Stack>
  );
}

/** What decides a count: the filters and the quick search (the sort does not change it). */
const countKey = (view: CustomerView): string => JSON.stringify([view.filters, view.quickSearch]);

/** A stable function that always calls the latest `callback` (for use inside memoised grid callbacks). */
function useLatestCallback<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  const ref = useRef(callback);
  useEffect(() => {
    ref.current = callback;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}
