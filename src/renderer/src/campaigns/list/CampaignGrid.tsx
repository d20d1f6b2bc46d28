import { Center, Checkbox, Group, Paper, SegmentedControl, Text, Title, Tooltip } from '@mantine/core';
import type { CellKeyDownEvent, ColDef, ICellRendererParams, RowClickedEvent } from 'ag-grid-community';
import { IconSpeakerphone } from '@tabler/icons-react';
import { AgGridReact } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignSources, type CampaignSummary } from '../../../../shared/campaign-schemas';
import type { Formatters } from '../../format/formatters';
import { useFormat } from '../../format/useFormat';
import { useGridTheme } from '../../grid/useGridTheme';
import { CHANNEL_ICONS, channelName, isCampaignChannel, StatusBadge } from '../CampaignBadges';
import { conversionRate, revenuePerRecipient } from '../plan-model';
import { MAX_COMPARED } from '../campaigns-route';

type Row = CampaignSummary & { selected: boolean; selectable: boolean };
type GridContext = { toggle: (id: number) => void };
type Source = 'all' | CampaignSummary['source'];

const ROW_HEIGHT = 34;
// Two lines: the figures' headers wrap ("Revenue / recipient") so their columns stay narrow and the names read.
const HEADER_HEIGHT = 48;
const MAX_VISIBLE_ROWS = 10;
const DEFAULT_COLUMN: ColDef<Row> = { wrapHeaderText: true };

function SelectCell({ data, context }: ICellRendererParams<Row, unknown, GridContext>) {
  const { t } = useTranslation();
  if (!data) return null;
  return (
    <Center h="100%">
      <Checkbox
        size="xs"
        checked={data.selected}
        disabled={!data.selectable}
        onChange={() => context.toggle(data.id)}
        aria-label={t('campaigns.list.selectOne', { name: data.name })}
        data-select-cell
        data-testid="campaign-select"
        data-id={data.id}
      />
    </Center>
  );
}

function StatusCell({ data }: ICellRendererParams<Row>) {
  return data ? <StatusBadge status={data.status} size="xs" /> : null;
}

/** The channel as its icon (named in the tooltip and for screen readers): the list has many columns to fit. */
function ChannelCell({ data }: ICellRendererParams<Row>) {
  const { t } = useTranslation();
  if (!data) return null;
  const name = channelName(t, data.channel);
  const ChannelIcon = isCampaignChannel(data.channel) ? CHANNEL_ICONS[data.channel] : IconSpeakerphone;
  return (
    <Tooltip label={name}>
      <Center h="100%" w={24} aria-label={name} role="img" data-testid="campaign-channel" data-channel={data.channel}>
        <ChannelIcon size={17} stroke={1.6} />
      </Center>
    </Tooltip>
  );
}

function AudienceCell({ data }: ICellRendererParams<Row>) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!data) return null;
  if (data.audience === null) {
    return (
      <Tooltip label={t('campaigns.list.audienceLater')}>
        <Text span size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      </Tooltip>
    );
  }
  return <span>{format.integer(data.audience)}</span>;
}

function columnDefs(t: TFunction, format: Formatters, currency: string): ColDef<Row>[] {
  const rate = (value: unknown): string => (typeof value === 'number' ? format.percent(value) : t('common.none'));
  return [
    { colId: 'select', headerName: '', width: 40, sortable: false, resizable: false, cellRenderer: SelectCell, headerTooltip: t('campaigns.list.selectHeader') },
    {
      colId: 'name',
      field: 'name',
      headerName: t('campaigns.list.name'),
      flex: 1,
      minWidth: 180,
      cellStyle: { fontWeight: 600 },
      tooltipValueGetter: (p) => (p.data ? [p.data.name, p.data.subject, t(`campaigns.sources.${p.data.source}`)].filter(Boolean).join(' · ') : undefined),
    },
    // An icon column under no header word (the word is its tooltip): its room goes to the names.
    { colId: 'channel', field: 'channel', headerName: '', headerTooltip: t('campaigns.list.channel'), width: 48, cellRenderer: ChannelCell },
    { colId: 'sendDate', field: 'sendDate', headerName: t('campaigns.list.sendDate'), width: 108, initialSort: 'desc', valueFormatter: (p) => (typeof p.value === 'string' ? format.date(p.value) : '') },
    { colId: 'audience', field: 'audience', headerName: t('campaigns.list.audience'), width: 90, type: 'rightAligned', cellRenderer: AudienceCell, headerTooltip: t('campaigns.list.audienceHelp') },
    { colId: 'recipients', field: 'recipients', headerName: t('campaigns.list.recipients'), width: 96, type: 'rightAligned', valueFormatter: (p) => (typeof p.value === 'number' ? format.integer(p.value) : '') },
    { colId: 'conversion', headerName: t('campaigns.list.conversion'), width: 100, type: 'rightAligned', valueGetter: (p) => (p.data ? conversionRate(p.data) : null), valueFormatter: (p) => rate(p.value) },
    {
      colId: 'revenuePerRecipient',
      headerName: t('campaigns.list.revenuePerRecipient'),
      width: 100,
      type: 'rightAligned',
      valueGetter: (p) => (p.data ? revenuePerRecipient(p.data) : null),
      valueFormatter: (p) => (typeof p.value === 'number' ? format.money(p.value, currency) : t('common.none')),
    },
    // Last and left-aligned: an overlay scrollbar may cover the grid's right edge, which a figure must not be under.
    { colId: 'status', field: 'status', headerName: t('campaigns.list.status'), width: 104, cellRenderer: StatusCell },
  ];
}

type Props = {
  campaigns: CampaignSummary[];
  currency: string;
  selected: number[];
  onSelect: Dispatch<SetStateAction<number[]>>;
  onOpen: (campaign: CampaignSummary) => void;
};

/** Every campaign, newest send first: a row opens it; the boxes pick the ones to compare. */
export function CampaignGrid({ campaigns, currency, selected, onSelect, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const theme = useGridTheme();
  const defs = useMemo(() => columnDefs(t, format, currency), [t, format, currency]);
  const [source, setSource] = useState<Source>('all');
  const sources = campaignSources.filter((s) => campaigns.some((c) => c.source === s));
  const full = selected.length >= MAX_COMPARED;
  const rows = useMemo<Row[]>(
    () =>
      campaigns
        .filter((c) => source === 'all' || c.source === source)
        .map((c) => ({ ...c, selected: selected.includes(c.id), selectable: selected.includes(c.id) || !full })),
    [campaigns, selected, full, source],
  );
  const toggle = useCallback(
    (id: number) => onSelect((current) => (current.includes(id) ? current.filter((x) => x !== id) : current.length >= MAX_COMPARED ? current : [...current, id])),
    [onSelect],
  );
  const context = useMemo<GridContext>(() => ({ toggle }), [toggle]);
  const height = HEADER_HEIGHT + ROW_HEIGHT * Math.min(rows.length, MAX_VISIBLE_ROWS) + 4;

  return (
    <Paper p="md" data-testid="campaigns-list">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm" wrap="nowrap">
        <div>
          <Title order={2}>{t('campaigns.list.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('campaigns.list.help')}
          </Text>
        </div>
        {sources.length > 1 && (
          <SegmentedControl
            size="xs"
            value={source}
            onChange={(value) => setSource(value === 'all' ? 'all' : (campaignSources.find((s) => s === value) ?? 'all'))}
            data={[
              { value: 'all', label: t('campaigns.list.allSources') },
              ...sources.map((s) => ({ value: s, label: `${t(`campaigns.sources.${s}`)} (${format.integer(campaigns.filter((c) => c.source === s).length)})` })),
            ]}
            aria-label={t('campaigns.list.sourceFilter')}
            style={{ flexShrink: 0 }}
            data-testid="campaigns-source-filter"
          />
        )}
      </Group>
      <div style={{ height }} data-testid="campaigns-grid">
        <AgGridReact<Row>
          theme={theme}
          rowData={rows}
          columnDefs={defs}
          context={context}
          getRowId={(p) => String(p.data.id)}
          rowClass="campaign-row"
          onRowClicked={(event: RowClickedEvent<Row>) => {
            const target = event.event?.target as HTMLElement | null | undefined;
            if (target?.closest('[data-select-cell]') || !event.data) return;
            onOpen(event.data);
          }}
          onCellKeyDown={(event: CellKeyDownEvent<Row>) => {
            const key = (event.event as KeyboardEvent | null | undefined)?.key;
            if (!event.data) return;
            if (key === 'Enter') onOpen(event.data);
            if (key === ' ') {
              event.event?.preventDefault();
              toggle(event.data.id);
            }
          }}
          headerHeight={HEADER_HEIGHT}
          defaultColDef={DEFAULT_COLUMN}
          suppressMovableColumns
          tooltipShowDelay={400}
        />
      </div>
    </Paper>
  );
}
